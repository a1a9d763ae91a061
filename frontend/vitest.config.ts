import { defaultClientConditions, mergeConfig } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';

import viteConfig from './vite.config';

export default mergeConfig(
  viteConfig,
  defineConfig({
    resolve: {
      // Node ≥ 20.19 resolves require('react-router') inside react-router/dom
      // through "module-sync" to the ESM build; without this condition our
      // own imports get the CJS build, and the two copies' contexts differ.
      conditions: [...defaultClientConditions, 'module-sync'],
    },
    test: {
      environment: 'jsdom',
      include: ['src/**/*.test.{ts,tsx}'],
      exclude: [...configDefaults.exclude, 'e2e/**'],
      setupFiles: ['./src/test/setup.ts'],
      restoreMocks: true,
      // A hang detector, not a speed limit: see src/test/setup.ts.
      testTimeout: 120_000,
      unstubGlobals: true,
      // Every core: Vitest's default leaves one to its main process, which
      // mostly waits, so on two cores the files ran one at a time
      // (163 → 116 s there). Files stay isolated: without isolation some
      // tests see an earlier file's state.
      maxWorkers: '100%',
    },
  }),
);
