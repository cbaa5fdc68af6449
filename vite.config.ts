import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The browser app: source in web/, built into dist/web/, which the server serves at `/`.
 * `npm run dev:web` proxies /api to a server on port 3000 while developing. Vite takes React's
 * production or development build from NODE_ENV: build with NODE_ENV unset or 'production'.
 */
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
