import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings, precompressedCopy } from './precompressed.ts';
import { webAppRoutes } from './web-app.ts';

describe('Accept-Encoding', () => {
  it('allows the codings listed with a weight above 0, and the rest through *', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')]).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('gzip;q=0.8, br;q=0')]).toEqual(['gzip']);
    expect([...acceptedEncodings('BR ; Q=1')]).toEqual(['br']);
    expect([...acceptedEncodings('*')]).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('*;q=0.5, gzip;q=0')]).toEqual(['br']);
    expect([...acceptedEncodings('x-gzip')]).toEqual(['gzip']);
    expect([...acceptedEncodings('identity')]).toEqual([]);
    expect([...acceptedEncodings('')]).toEqual([]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});

describe('the built app served compressed', () => {
  const script = `export const greeting = ${JSON.stringify('hello '.repeat(500))};\n`;
  let webDir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'myotrophy-precompressed-'));
    await mkdir(join(webDir, 'assets'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>app shell</title>');
    await writeFile(join(webDir, 'assets', 'app-abc123.js'), script);
    await writeFile(join(webDir, 'assets', 'app-abc123.js.br'), brotliCompressSync(script));
    await writeFile(join(webDir, 'assets', 'app-abc123.js.gz'), gzipSync(script));
    // A file too small to be worth compressing has no copies.
    await writeFile(join(webDir, 'assets', 'tiny-abc123.js'), 'export {};\n');
    app = Fastify();
    webAppRoutes(app, webDir);
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await rm(webDir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('finds the best copy the client accepts', async () => {
    const file = join(webDir, 'assets', 'app-abc123.js');
    expect(await precompressedCopy(file, 'gzip, br')).toEqual({ path: `${file}.br`, encoding: 'br' });
    expect(await precompressedCopy(file, 'gzip')).toEqual({ path: `${file}.gz`, encoding: 'gzip' });
    expect(await precompressedCopy(file, 'deflate')).toBeUndefined();
    expect(await precompressedCopy(join(webDir, 'assets', 'tiny-abc123.js'), 'br')).toBeUndefined();
  });

  it('sends brotli to a browser, gzip to a gzip-only client, the plain file otherwise; cached for a year', async () => {
    const browser = await get('/assets/app-abc123.js', 'gzip, deflate, br, zstd');
    expect(browser.statusCode).toBe(200);
    expect(browser.headers['content-encoding']).toBe('br');
    expect(browser.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(browser.headers.vary).toContain('accept-encoding');
    expect(browser.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(browser.rawPayload.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(browser.rawPayload).toString()).toBe(script);

    const gzipOnly = await get('/assets/app-abc123.js', 'gzip');
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipOnly.rawPayload).toString()).toBe(script);

    const plain = await get('/assets/app-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);

    const tiny = await get('/assets/tiny-abc123.js', 'br');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('export {};\n');
  });

  it('never lets index.html be cached without asking again', async () => {
    for (const url of ['/', '/index.html', '/patients/123']) {
      const page = await get(url, 'br');
      expect(page.body).toContain('app shell');
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });
});
