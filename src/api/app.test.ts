import { describe, expect, it } from 'vitest';
import { apiWorldForSuite, PASSWORD } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';

describe.each(testDatabases)('API on $name', (kind) => {
  const world = apiWorldForSuite(kind);

  it('answers health without logging in', async () => {
    const response = await world.request(undefined, 'GET', '/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      database: kind.name,
      schemaVersion: '0021-account-change-notices',
    });
  });

  it('logs a session and reads it back', async () => {
    const url = `/api/patients/${world.patientOne}/sessions`;
    const body = {
      kind: 'stimulation',
      startedAt: '2025-01-06T08:00:00Z',
      minutes: 20,
      peakIntensityMa: 35.5,
      comfort: 7,
      pain: 2,
      completed: true,
      notes: 'fine',
    };
    const created = await world.request(world.patientUserOne, 'POST', url, body);
    expect(created.statusCode).toBe(201);
    const listed = await world.request(world.clinicianOne, 'GET', url);
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      ...body,
      startedAt: '2025-01-06T08:00:00.000Z',
      recordedBy: world.patientUserOne.id,
    });
  });

  it('returns problem+json for bad input', async () => {
    const response = await world.request(
      world.patientUserOne,
      'POST',
      `/api/patients/${world.patientOne}/sessions`,
      {
        kind: 'stimulation',
        startedAt: '2025-01-06T08:00:00Z',
        minutes: 20,
        pain: 11,
        completed: true,
      },
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 400,
      title: 'Bad Request',
      detail: 'body.pain must be <= 10',
    });
  });

  it('logs in with the right password only', async () => {
    const wrong = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'one@clinic.test', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const right = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ONE@clinic.test ', password: PASSWORD },
    });
    expect(right.statusCode).toBe(200);
  });
});
