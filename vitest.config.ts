import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { compiledMessages } from './scripts/compiled-messages.ts';

export default defineConfig({
  // Tests that import the web app's words get the same compiled catalogues the browser does.
  plugins: [compiledMessages()],
  // The web app's own alias for the core (vite.config.ts), for tests that import the app's modules.
  resolve: { alias: { '@core': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    // The Lighthouse scores are measured on their own, after these (vitest.lighthouse.config.ts).
    exclude: ['**/node_modules/**', 'test/lighthouse/**'],
    // The migrated PGlite image test databases start from (test/pglite-image.ts), built once.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    // Opening a database (PGlite start, PostgreSQL schema and migrations) can take over 10 s on a busy machine.
    hookTimeout: 60_000,
  },
});
