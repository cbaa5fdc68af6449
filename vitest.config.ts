import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    // Opening a database (PGlite start, PostgreSQL schema and migrations) can take over 10 s on a busy machine.
    hookTimeout: 60_000,
  },
});
