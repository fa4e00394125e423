import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit, contract and component tests. Files under test/renderer/ opt into jsdom with a
// `@vitest-environment jsdom` docblock; everything else runs in Node against the real
// sandbox cloud. packages/*/test/ holds each workspace package's own tests. Browser specs
// (test/ui/*.spec.ts) run from vitest.e2e.config.ts. Tests that run `peerscape` as a process
// run the built CLI: the global setup builds it first when stale.
export default defineConfig({
  plugins: [react()],
  test: {
    globalSetup: ['test/support/cli-bundle.ts'],
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'packages/*/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
