import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { badRequest, notFound } from '../problem.ts';
import { firstScreenHints, readManifest, withFirstScreenHints } from './first-screen-hints.ts';
import { precompressedCopy } from './precompressed.ts';

/**
 * The browser app, built by Vite into dist/web (`npm run build:web`, run by `npm start`), served
 * at `/`. Hashed assets are cached for a year; text files go out brotli- or gzip-compressed from the
 * copies the build made, as the client accepts; every other path that is not a file gets
 * index.html so the app's own routes survive a reload. /api and /fhir paths never fall through to
 * the app: an unknown one stays a problem+json 404.
 */
export const DEFAULT_WEB_DIR = join(packageRoot(fileURLToPath(import.meta.url)), 'dist', 'web');

/**
 * The nearest folder above `file` that holds a package.json: Myotrophy's root, whether this module
 * runs from src/ or from the command's build in dist/cli/, which sit at different depths.
 */
function packageRoot(file: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return dirname(file);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Myotrophy</title></head>
<body><main><h1>Myotrophy</h1><p>The web app has not been built. Run <code>npm run build:web</code>
(or <code>npm start</code>, which builds it) and reload. The API is at <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

/** The characters the app's own pages and built files use in their paths. */
const APP_PATH = /^[A-Za-z0-9\-._~/]*$/;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export function webAppRoutes(
  app: FastifyInstance,
  webDir = process.env.MYOTROPHY_WEB_DIR ?? DEFAULT_WEB_DIR,
): void {
  const root = resolve(webDir);
  const manifest = readManifest(root);
  app.get<{ Params: { '*': string } }>(
    '/*',
    { config: { public: true }, schema: { hide: true } },
    async (request, reply) => {
      const path = (request.params['*'] ?? '').split('?')[0] ?? '';
      if (/^(api|fhir)(\/|$)/.test(path)) {
        throw notFound(`no route ${request.method} /${path}; see /api/docs`);
      }
      // Fastify has already decoded the path once; decoding again would turn '%25' into a malformed escape.
      if (!APP_PATH.test(path)) {
        throw badRequest(
          `the path /${path.slice(0, 80)} is not a page or file of the app; paths use letters, digits and - . _ ~ / only`,
        );
      }
      const file = normalize(join(root, path));
      if ((file === root || file.startsWith(root + sep)) && path !== '' && (await isFile(file))) {
        const immutable = path.startsWith('assets/');
        const compressed = await precompressedCopy(file, request.headers['accept-encoding']);
        if (compressed) reply.header('content-encoding', compressed.encoding);
        return reply
          .type(CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
          .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
          .header('vary', 'accept-encoding')
          .send(await readFile(compressed?.path ?? file));
      }
      const index = join(root, 'index.html');
      if (!(await isFile(index))) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
      const html = await readFile(index, 'utf8');
      // A signed-in person's page names what their first screen will ask for: it is theirs alone.
      if (request.actor) {
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'private, no-cache')
          .header('vary', 'cookie')
          .send(withFirstScreenHints(html, firstScreenHints(request.actor, path, manifest)));
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    },
  );
}
