// The package's entry for people who install it: the classes, without defining anything.
export { W4rCampaign } from './elements/campaign/campaign.js';
export { W4rCaseCard } from './elements/case-card/case-card.js';
export { W4rPetition } from './elements/petition/petition.js';
export { W4rCounter } from './elements/counter/counter.js';
export { W4rSolidarityWall } from './elements/solidarity-wall/solidarity-wall.js';
export { W4rLetter } from './elements/letter/letter.js';
export { W4rShare } from './elements/share/share.js';
export { W4rEvents } from './elements/events/events.js';
export { ActionClient, actionClientFor } from './core/data/action-client.js';
export { ActionError } from './core/data/action-error.js';
export { EndpointReader, readerFor } from './core/data/endpoint-reader.js';
export { Outbox } from './core/data/outbox.js';
export { createLiveHub, type LiveHub } from './core/data/live-hub.js';
export { servicesContext, type Services } from './core/element/services.js';
export { campaignContext, type CampaignSettings } from './core/element/context.js';
export type { W4rEventMap, W4rEvent, W4rEventName, ShareChannel } from './core/element/events.js';
export type * from './schema/index.js';
