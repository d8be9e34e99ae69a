export * from './common.js';
export * from './case.js';
export * from './stats.js';
export * from './signature.js';
export * from './message.js';
export * from './letter.js';
export * from './error.js';
export * from './photo.js';
export * from './status.js';
// Types only: the gathering schemas run when imported, and every page would carry them.
export type * from './gathering.js';
