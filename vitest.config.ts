import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    // The Lighthouse scores are measured on their own, after these (vitest.lighthouse.config.ts).
    exclude: ['**/node_modules/**', 'test/lighthouse/**'],
    testTimeout: 60_000,
    // Opening a database (PGlite start, PostgreSQL schema and migrations) can take over 10 s on a busy machine.
    hookTimeout: 60_000,
  },
});
