import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld } from '../api-world.ts';
import { testDatabases } from '../databases.ts';

/**
 * Finding 9: GET /%25 on the app's static route answered 500 with a stack trace (the path was
 * percent-decoded twice). Odd paths now get a 4xx problem, and no answer carries a stack trace.
 */
describe.each(testDatabases)('finding 9: static paths on $name', (kind) => {
  let world: ApiWorld;
  const webDir = mkdtempSync(join(tmpdir(), 'myotrophy-web-'));
  beforeAll(async () => {
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Myotrophy</title>');
    process.env.MYOTROPHY_WEB_DIR = webDir;
    world = await makeApiWorld(kind);
    delete process.env.MYOTROPHY_WEB_DIR;
  }, 60_000);
  afterAll(async () => {
    await world?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('GET /%25 is a 400 problem without a stack trace', async () => {
    const response = await world.app.inject({ method: 'GET', url: '/%25' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json().detail).toBe(
      'the path /% is not a page or file of the app; paths use letters, digits and - . _ ~ / only',
    );
  });

  it.each([
    '/%25',
    '/%2525',
    '/%',
    '/%zz',
    '/%ff',
    '/%c0%af',
    '/..%2f..%2fetc%2fpasswd',
    '/assets/%00',
    '/a%5cb',
    '/%e2%80%ae',
    '/api/%25',
    '/fhir/R4/Patient/%25',
    '/api/patients/%25/notes',
    `/${'a'.repeat(5000)}`,
  ])('GET %.40s: no 5xx and no stack trace', async (url) => {
    const response = await world.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBeLessThan(500);
    expect(response.body).not.toMatch(/\n\s+at |node:internal|\.ts:\d+/);
  });

  it('a page of the app still falls through to index.html', async () => {
    const response = await world.app.inject({ method: 'GET', url: '/patients/today' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});
