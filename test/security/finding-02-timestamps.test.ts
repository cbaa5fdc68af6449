import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATE_TIME_FORM } from '../../src/api/date-time-input.ts';
import { databaseProblem } from '../../src/api/problem.ts';
import { type ApiWorld, makeApiWorld } from '../api-world.ts';
import { testDatabases } from '../databases.ts';

/**
 * Finding 2: a leap second or an offset beyond ±14:00 was stored and failed with 500 on read (and
 * was stored twice on retry); PostgreSQL's 22009 was unmapped. Every date/time input is now checked
 * at the edge, and every database error class has an answer.
 */
describe.each(testDatabases)('finding 2: date/time input on $name', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await makeApiWorld(kind);
  }, 60_000);
  afterAll(async () => world?.close());

  const bad = [
    '2016-12-31T23:59:60Z',
    '2026-03-01T09:30:00+15:00',
    '2026-03-01T09:30:00-16:00',
    '2026-03-01T09:30:00+14:30',
    '0000-03-01T09:30:00Z',
    '2026-02-30T09:30:00Z',
  ];

  it.each(bad)('refuses measuredAt %s with 400 naming the allowed form, and stores nothing', async (at) => {
    const url = `/api/patients/${world.patientOne}/measurements`;
    const response = await world.request(world.clinicianOne, 'POST', url, {
      kind: 'grip',
      value: 20,
      side: 'left',
      measuredAt: at,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toBe(`body.measuredAt must be ${DATE_TIME_FORM}`);
    const list = await world.request(world.clinicianOne, 'GET', url);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([]);
  });

  it.each(bad)('refuses a session startedAt %s (idempotent path) with 400', async (at) => {
    const response = await world.app.inject({
      method: 'POST',
      url: `/api/patients/${world.patientOne}/sessions`,
      headers: { authorization: `Bearer ${world.patientUserOne.token}`, 'idempotency-key': `k-${at}` },
      payload: { kind: 'exercise', startedAt: at, minutes: 10, completed: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toContain('no leap second');
  });

  it.each([
    [
      'screenings',
      { screenedAt: '2016-12-31T23:59:60Z', answers: {}, electrodeSites: [], redFlagFindings: {} },
    ],
    ['sd-tests', { testedAt: '2026-01-01T00:00:00+23:00', points: [] }],
  ])('refuses a bad timestamp on %s with 400', async (path, body) => {
    const response = await world.request(
      world.clinicianOne,
      'POST',
      `/api/patients/${world.patientOne}/${path}`,
      body,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(/^body\.(screenedAt|testedAt) must be an RFC 3339 date-time/);
  });

  it.each([
    [
      `/api/patients/PATIENT/measurements?from=${encodeURIComponent('2016-12-31T23:59:60Z')}`,
      'querystring.from',
    ],
    [`/api/audit?to=${encodeURIComponent('2026-01-01T00:00:00+15:00')}`, 'querystring.to'],
  ])('refuses a bad time in a query (%s)', async (url, where) => {
    const response = await world.request(world.admin, 'GET', url.replace('PATIENT', world.patientOne));
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toBe(`${where} must be ${DATE_TIME_FORM}`);
  });

  it('refuses a condition onset of 30 February or year 0', async () => {
    for (const onsetDate of ['2026-02-30', '0000-01-01']) {
      const response = await world.request(
        world.clinicianOne,
        'POST',
        `/api/patients/${world.patientOne}/conditions`,
        { icd10Code: 'M62.562', onsetDate },
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().detail).toContain('YYYY-MM-DD');
    }
  });

  it('stores the widest offsets and reads the instant back exactly', async () => {
    const url = `/api/patients/${world.patientOne}/measurements`;
    const created = await world.request(world.clinicianOne, 'POST', url, {
      kind: 'grip',
      value: 21,
      side: 'left',
      measuredAt: '2026-03-01T09:30:00+14:00',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().measuredAt).toBe('2026-02-28T19:30:00.000Z');
    const list = await world.request(world.clinicianOne, 'GET', url);
    expect(list.json().items.map((m: { measuredAt: string }) => m.measuredAt)).toEqual([
      '2026-02-28T19:30:00.000Z',
    ]);
  });

  it("maps the database's own date/time errors (22009, 22008) to 400 problem types", async () => {
    for (const [literal, code] of [
      ['2026-01-01T00:00:00+16:00', '22009'],
      ['0000-01-01', '22008'],
    ] as const) {
      const error = await sql`select ${literal}::timestamptz`.execute(world.database.db).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as { code: string }).code).toBe(code);
      const answer = databaseProblem(error);
      expect(answer?.status).toBe(400);
      expect(answer?.type).toBe('urn:myotrophy:problem:malformed-date-time');
    }
  });

  it('has an answer for every SQLSTATE class, and never 5xx for the data of the request', () => {
    const answer = (code: string) => databaseProblem({ code, severity: 'ERROR' });
    expect(answer('22012')?.status).toBe(400); // division by zero: data exception class
    expect(answer('23P01')?.status).toBe(409); // exclusion violation: integrity class
    expect(answer('53100')).toMatchObject({ status: 503, retryAfterS: 60 });
    expect(answer('08006')?.status).toBe(503);
    expect(answer('XX000')?.status).toBe(500);
    expect(databaseProblem(new Error('not a database error'))).toBeUndefined();
  });
});
