import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';

describe.each(testDatabases)('compressed answers on $name', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await makeApiWorld(kind);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  const get = (url: string, acceptEncoding: string, token = world.clinicianOne.token) =>
    world.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': acceptEncoding },
    });

  it('sends a large read answer in brotli or gzip, as the client asks, holding the same JSON', async () => {
    const plain = await get('/api/clinic/catalogue', 'identity');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const brotli = await get('/api/clinic/catalogue', 'br, gzip');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    const brotliBody = brotliDecompressSync(brotli.rawPayload).toString('utf8');
    expect(JSON.parse(brotliBody)).toEqual(plain.json());
    // JSON of this kind compresses to well under a third of its size.
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gzip = await get('/api/clinic/catalogue', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('compresses FHIR reads too', async () => {
    const response = await world.app.inject({
      method: 'GET',
      url: '/fhir/R4/metadata',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(response.rawPayload).toString('utf8')).resourceType).toBe(
      'CapabilityStatement',
    );
  });

  it('never compresses an answer that carries a secret (BREACH): /api/me and every POST', async () => {
    const me = await get('/api/me', 'br, gzip');
    expect(me.statusCode).toBe(200);
    expect(me.headers['content-encoding']).toBeUndefined();
    const login = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '127.0.9.9',
      headers: { 'accept-encoding': 'br, gzip' },
      payload: { email: world.clinicianOne.email, password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
    expect(login.headers['content-encoding']).toBeUndefined();
    expect(login.json().token).toEqual(expect.any(String));
  });

  it('leaves small answers as they are', async () => {
    const health = await get('/api/health', 'br, gzip');
    expect(health.statusCode).toBe(200);
    expect(health.rawPayload.length).toBeLessThan(1024);
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('does not inflate a compressed request body', async () => {
    const response = await world.app.inject({
      method: 'POST',
      url: `/api/patients/${world.patientOne}/notes`,
      headers: {
        authorization: `Bearer ${world.clinicianOne.token}`,
        'content-encoding': 'gzip',
        'content-type': 'application/json',
      },
      payload: Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });
});
