import { describe, expect, it } from 'vitest';
import { apiWorldForSuite } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';

describe.each(testDatabases)('errors on $name', (kind) => {
  const world = apiWorldForSuite(kind, { bodyLimit: 4096 });

  const post = (url: string, payload: string, contentType = 'application/json') =>
    world.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { authorization: `Bearer ${world.clinicianOne.token}`, 'content-type': contentType },
    });

  const cases: [string, () => ReturnType<typeof post>, number, string | RegExp][] = [
    [
      'malformed JSON',
      () => post(`/api/patients/${'00000000-0000-4000-8000-000000000000'}/notes`, '{"text": '),
      400,
      /JSON/,
    ],
    [
      'a body over the size limit',
      () => post('/api/patients', JSON.stringify({ name: 'x'.repeat(5000) })),
      413,
      'the request body is larger than the 4096 bytes allowed',
    ],
    [
      'an unknown property',
      () => post('/api/patients', JSON.stringify({ name: 'A', shoeSize: 9 })),
      400,
      "body has an unknown property 'shoeSize'",
    ],
    [
      'a missing property',
      () => post('/api/patients', JSON.stringify({})),
      400,
      "body must have required property 'name'",
    ],
    [
      'a form post',
      () => post('/api/patients', 'name=A', 'application/x-www-form-urlencoded'),
      415,
      "content type 'application/x-www-form-urlencoded' is not accepted; send application/json",
    ],
    [
      'an id that is not a UUID',
      () => post('/api/patients/42/notes', JSON.stringify({ text: 'x' })),
      400,
      'params.id must match format "uuid"',
    ],
    ['a JSON array body', () => post('/api/patients', '[]'), 400, 'body must be object'],
    [
      'a wrong type',
      () => post('/api/patients', JSON.stringify({ name: 7 })),
      400,
      'body.name must be string',
    ],
  ];

  for (const [name, send, status, detail] of cases) {
    it(`answers ${status} problem+json for ${name}`, async () => {
      const response = await send();
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = response.json();
      expect(body).toMatchObject({ type: 'about:blank', status });
      if (typeof detail === 'string') expect(body.detail).toBe(detail);
      else expect(body.detail).toMatch(detail);
    });
  }

  it('answers 404 problem+json for an unknown route, logged in or not', async () => {
    for (const person of [undefined, world.admin]) {
      const response = await world.request(person, 'GET', '/api/nothing-here');
      expect(response.statusCode).toBe(404);
      expect(response.json().detail).toBe('no route GET /api/nothing-here; see /api/docs');
    }
  });

  /** Posts a record of patient one as their clinician, expects 422, and returns the refusal's detail. */
  const refusedDetail = async (record: string, body: object): Promise<string> => {
    const response = await world.request(
      world.clinicianOne,
      'POST',
      `/api/patients/${world.patientOne}/${record}`,
      body,
    );
    expect(response.statusCode).toBe(422);
    return response.json().detail;
  };

  it('answers 422 with the clinic module’s message for an unknown ICD-10-CM code', async () => {
    expect(await refusedDetail('conditions', { icd10Code: 'M62.599' })).toMatch(
      /^M62\.599 is not a known ICD-10-CM code/,
    );
  });

  it('answers 422 for a measurement outside its scale', async () => {
    const body = { kind: 'mrc-grade', value: 6, measuredAt: '2025-01-01T00:00:00Z' };
    expect(await refusedDetail('measurements', body)).toBe(
      'mrc-grade must be a number from 0 to 5 grade; got 6',
    );
  });

  it('never answers 5xx to a fuzz of malformed bodies', async () => {
    const urls = [
      '/api/patients',
      `/api/patients/${world.patientOne}/sessions`,
      `/api/patients/${world.patientOne}/conditions`,
      `/api/patients/${world.patientOne}/measurements`,
      `/api/patients/${world.patientOne}/sd-tests`,
      `/api/patients/${world.patientOne}/screenings`,
      `/api/patients/${world.patientOne}/programmes`,
      '/api/users',
      '/api/auth/login',
    ];
    const bodies = [
      'null',
      '1',
      '"x"',
      '{"kind":null}',
      '{"startedAt":"2025-13-45T99:00:00Z","kind":"exercise","minutes":1,"completed":true}',
      '{"points":[{"widthMs":-1,"thresholdMa":"a"}],"testedAt":"x"}',
      '{"points":[{"widthMs":1,"thresholdMa":1},{"widthMs":1,"thresholdMa":1},{"widthMs":1,"thresholdMa":1}],"testedAt":"2025-01-01T00:00:00Z"}',
      '{"answers":{"pacemaker":"yes"},"electrodeSites":["moon"],"redFlagFindings":{},"screenedAt":"2025-01-01T00:00:00Z"}',
      '{"icd10Code":"ZZZ"}',
      '{"site":"lower-leg","side":"up"}',
      '{"onsetDate":"2025-02-30","site":"thigh","side":"left"}',
      '{"body":{"a":1},"supersedesId":"00000000-0000-4000-8000-000000000000"}',
      '{"email":"a@b.c","password":""}',
      '{"name":"\\u0000"}',
      `{"name":"${'é'.repeat(150)}"}`,
      '{"__proto__":{"x":1},"name":"A"}',
    ];
    for (const url of urls) {
      for (const payload of bodies) {
        const response = await post(url, payload);
        expect(response.statusCode, `${url} ${payload} → ${response.body}`).toBeLessThan(500);
        expect(response.statusCode, `${url} ${payload} → ${response.body}`).toBeGreaterThanOrEqual(200);
      }
    }
  });
});
