import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit, contract and component tests. Files under test/renderer/ opt into jsdom with a
// `@vitest-environment jsdom` docblock; everything else runs in Node against the real
// sandbox cloud. packages/*/test/ holds each workspace package's own tests. Browser specs
// (test/ui/*.spec.ts) run from vitest.e2e.config.ts.
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'packages/*/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
