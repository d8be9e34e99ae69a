import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { endpointPlugin } from './test/support/endpoint-plugin.mjs';
import { storiesPlugin } from './test/support/stories-plugin.mjs';
import { demoPlugin } from './test/support/demo-plugin.mjs';
import { forcedColorsPlugin } from './test/support/forced-colors-plugin.mjs';
import { reactPlugin } from './test/support/react-plugin.mjs';
import { CHROMIUM_ARGS } from './test/support/chromium.mjs';

const endpoint = endpointPlugin();

export default {
  files: ['test/browser/**/*.test.ts'],
  middleware: [endpoint.sameOrigin],
  nodeResolve: { exportConditions: ['production'] },
  rootDir: '.',
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    endpoint,
    storiesPlugin(),
    demoPlugin(),
    forcedColorsPlugin(),
    reactPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 300000,
};
