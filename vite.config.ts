import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';
import { browserBundleGuard } from './scripts/browser-bundle-guard.ts';
import { compiledMessages } from './scripts/compiled-messages.ts';

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
    // The patient's words: ICU messages compiled at build time, one chunk per language (web/src/i18n/).
    compiledMessages(),
    browserBundleGuard({ srcDir: SRC }),
    compression({ algorithms: ['brotliCompress', 'gzip'] }),
    // Installable and offline (web/src/offline.ts registers the worker for patients only).
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      // The PNGs (docs/offline.md says how they were made): iOS takes only a PNG touch icon, and
      // Android's launcher masks the square ones into its own shape.
      includeAssets: ['icon.svg', 'apple-touch-icon.png', 'icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'Myotrophy',
        short_name: 'Myotrophy',
        description: 'Your muscle programme: stimulation sessions, exercises and progress',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b6e4f',
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any maskable' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      workbox: {
        // The push handler for reminders (web/public/reminder-push.js).
        importScripts: ['/reminder-push.js'],
        globPatterns: ['**/*.{js,css,html,svg,woff2}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/fhir\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            // The API answers a patient's Today, session player and handout read: newest from the
            // network, the kept one only when the network fails. The cache's name is
            // KEPT_ANSWERS_CACHE in web/src/offline.ts, which empties it on logging out. (This
            // function is copied into the service worker as text: it can use nothing from this file.)
            urlPattern: ({ url, request, sameOrigin }) =>
              sameOrigin &&
              request.method === 'GET' &&
              /^\/api\/(me|setup|clinic\/catalogue|patients\/[^/]+\/(overview|today|forecast|sessions|measurements|questionnaires-due|session-player))$/.test(
                url.pathname,
              ),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'myotrophy-patient-answers',
              // Today's sessions are asked for "from six weeks ago": yesterday's kept answer serves offline.
              matchOptions: { ignoreSearch: true },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // Which files each page's code is made of: the server names them in the page it sends to a
    // signed-in person (src/api/routes/first-screen-hints.ts), so they load alongside the app's own.
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
