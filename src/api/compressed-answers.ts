import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Read answers (a patient's overview, forecast, sessions, the catalogue, FHIR) are JSON of 5–40 KB
 * that a phone on a slow network waits for before it can draw the page; compressed they are a
 * fifth to a tenth of that. Only GET answers of the API and FHIR are compressed:
 * - no answer that carries a secret: a compressed secret next to text an attacker chose leaks
 *   through the answer's length (BREACH), so `/api/me` (the CSRF token) and every POST (logins,
 *   one-time links) go uncompressed;
 * - the web app's files are compressed once at build time (precompressed.ts), not per request.
 * Brotli at quality 4 compresses JSON nearly as well as 11 at a small fraction of the CPU. Request
 * bodies are never inflated: a small compressed body must not expand past the body limit.
 */
const BROTLI_QUALITY = 4;
const COMPRESS_FROM_BYTES = 1024;
const CARRIES_A_SECRET = new Set(['/api/me']);

function compressible(method: string | string[], url: string): boolean {
  const methods = Array.isArray(method) ? method : [method];
  if (!methods.every((m) => m === 'GET' || m === 'HEAD')) return false;
  if (CARRIES_A_SECRET.has(url)) return false;
  return url.startsWith('/api/') || url.startsWith('/fhir/');
}

export async function installCompressedAnswers(app: FastifyInstance): Promise<void> {
  // Runs before the plugin's own route hook, so it sees which routes to leave alone.
  app.addHook('onRoute', (route) => {
    if (!compressible(route.method, route.url)) (route as { compress?: false }).compress = false;
  });
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    threshold: COMPRESS_FROM_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
  });
}
