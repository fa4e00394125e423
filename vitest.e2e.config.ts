import { defineConfig } from 'vitest/config';

// End-to-end specs: playwright-core drives Debian's Chromium against the browser harness,
// which serves the built renderer (run `npm run build` first; `npm run test:e2e` does);
// test/build checks the bundles that build wrote.
export default defineConfig({
  test: {
    include: ['test/ui/**/*.spec.ts', 'test/build/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
