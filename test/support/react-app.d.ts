// Served by the test runner's React plugin (test/support/react-plugin.mjs), with `w4r-widgets/react`'s
// components too: a test types those from src/react, since dist/ may not be built when types are checked.
declare module '*/__w4r__/react-app.js' {
  export * as React from 'react';
  export { createRoot } from 'react-dom/client';
  export { flushSync } from 'react-dom';
}
