/**
 * The `w4r-forced-colors` command: turns Chromium's forced colours (Windows High Contrast) on with
 * `'active'` and off with `'none'`, through the DevTools protocol. `emulateMedia` from
 * `@web/test-runner-commands` takes `forcedColors` but drops it when the browser is driven by Puppeteer,
 * as `@web/test-runner-chrome` does. The command keeps its own session per page, so what it emulates
 * lives beside `emulateMedia`'s `prefers-reduced-motion` instead of replacing it.
 */
export function forcedColorsPlugin() {
  const sessions = new WeakMap();
  return {
    name: 'w4r-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'w4r-forced-colors') return undefined;
      if (payload !== 'active' && payload !== 'none')
        throw new Error('forced colours are "active" or "none"');
      if (session.browser.type !== 'puppeteer') throw new Error(`not supported in ${session.browser.type}`);
      const page = session.browser.getPage(session.id);
      let client = sessions.get(page);
      if (!client) {
        client = await page.createCDPSession();
        sessions.set(page, client);
      }
      await client.send('Emulation.setEmulatedMedia', {
        features: [{ name: 'forced-colors', value: payload === 'active' ? 'active' : '' }],
      });
      return true;
    },
  };
}
