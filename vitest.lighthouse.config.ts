import { defineConfig } from 'vitest/config';

/** The Lighthouse check alone, after the other tests (see test/lighthouse/web-scores.test.ts). */
export default defineConfig({
  test: {
    include: ['test/lighthouse/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
