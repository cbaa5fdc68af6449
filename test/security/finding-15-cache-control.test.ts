import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld } from '../api-world.ts';
import { testDatabases } from '../databases.ts';

/** Finding 15: API answers carried no Cache-Control; health data now says no-store everywhere. */
describe.each(testDatabases)('finding 15: Cache-Control on $name', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await makeApiWorld(kind);
  }, 60_000);
  afterAll(async () => world?.close());

  it.each([
    ['GET', '/api/patients', 200],
    ['GET', '/api/patients/PATIENT', 200],
    ['GET', '/api/patients/PATIENT/measurements', 200],
    ['GET', '/fhir/R4/Patient/PATIENT', 200],
    ['GET', '/api/health', 200],
    ['GET', '/api/patients/00000000-0000-4000-8000-000000000000', 404],
    ['GET', '/api/audit', 403],
    ['GET', '/api/nothing-here', 404],
    ['POST', '/api/patients', 201],
  ] as const)('%s %s answers %i with Cache-Control: no-store', async (method, url, status) => {
    const response = await world.request(
      world.clinicianOne,
      method,
      url.replace('PATIENT', world.patientOne),
      method === 'POST' ? { name: 'Cache Test' } : undefined,
    );
    expect(response.statusCode).toBe(status);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers refused before routing (a malformed URL) carry no-store too', async () => {
    const response = await world.app.inject({ method: 'GET', url: '/api/patients/%ff' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('an unauthenticated answer carries no-store', async () => {
    const response = await world.request(undefined, 'GET', `/api/patients/${world.patientOne}`);
    expect(response.statusCode).toBe(401);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
