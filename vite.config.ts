import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { browserBundleGuard } from './scripts/browser-bundle-guard.ts';

const SRC = fileURLToPath(new URL('./src', import.meta.url));

/**
 * The browser app: source in web/, built into dist/web/, which the server serves at `/`.
 * `npm run dev:web` proxies /api to a server on port 3000 while developing. Vite takes React's
 * production or development build from NODE_ENV: build with NODE_ENV unset or 'production'.
 *
 * `@core/` is src/: the one way the app imports the core's types and pure functions (web/tsconfig.json
 * says the same to TypeScript). The layer rules (.dependency-cruiser.js) keep it to the browser-safe
 * folders.
 */
export default defineConfig({
  root: 'web',
  base: '/',
  resolve: { alias: { '@core': SRC } },
  // The production build fails if server-only code reaches it (scripts/browser-bundle-guard.ts).
  // Brotli and gzip copies of each text file are made at build time; the server sends them (src/api/routes/precompressed.ts).
  plugins: [
    react(),
    browserBundleGuard({ srcDir: SRC }),
    compression({ algorithms: ['brotliCompress', 'gzip'] }),
  ],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
