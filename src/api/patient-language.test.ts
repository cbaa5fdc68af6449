/**
 * The patient's language (issue 18 item 4): English until chosen; the patient chooses their own and
 * a clinician on the care team may set it; any other code is refused naming the languages offered;
 * the app learns it from /api/me and the login.
 */
import { describe, expect, it } from 'vitest';
import { apiWorldForSuite, PASSWORD } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';

describe.each(testDatabases)("a patient's language on $name", (kind) => {
  const world = apiWorldForSuite(kind);

  it('is English until chosen, and the patient chooses their own', async () => {
    const base = `/api/patients/${world.patientOne}`;
    expect((await world.request(world.patientUserOne, 'GET', '/api/me')).json().user.language).toBe('en');
    const chosen = await world.request(world.patientUserOne, 'PUT', `${base}/language`, { language: 'es' });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json()).toEqual({ patientId: world.patientOne, language: 'es' });
    expect((await world.request(world.patientUserOne, 'GET', '/api/me')).json().user.language).toBe('es');
    expect((await world.request(world.clinicianOne, 'GET', base)).json().language).toBe('es');
    const login = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: world.patientUserOne.email, password: PASSWORD },
    });
    expect(login.json().user.language).toBe('es');
    const audited = await world.database.db
      .selectFrom('audit_events')
      .select(['action', 'resource'])
      .where('patient_id', '=', world.patientOne)
      .where('action', '=', 'update')
      .execute();
    expect(audited).toEqual([{ action: 'update', resource: 'patient' }]);
  });

  it('may be set by a clinician on the care team, and by no one else', async () => {
    const base = `/api/patients/${world.patientOne}`;
    const byClinician = await world.request(world.clinicianOne, 'PATCH', base, { language: 'de' });
    expect(byClinician.statusCode).toBe(200);
    expect(byClinician.json().language).toBe('de');
    const put = await world.request(world.clinicianOne, 'PUT', `${base}/language`, { language: 'en' });
    expect(put.json().language).toBe('en');
    expect(
      (await world.request(world.clinicianTwo, 'PUT', `${base}/language`, { language: 'es' })).statusCode,
    ).toBe(403);
    expect(
      (await world.request(world.patientUserTwo, 'PUT', `${base}/language`, { language: 'es' })).statusCode,
    ).toBe(403);
    expect((await world.request(world.clinicianOne, 'GET', '/api/me')).json().user.language).toBeNull();
  });

  it('refuses a language Myotrophy is not written in, naming those it is', async () => {
    const base = `/api/patients/${world.patientOne}`;
    for (const [method, url, body] of [
      ['PUT', `${base}/language`, { language: 'fr' }],
      ['PATCH', base, { language: 'EN' }],
      ['POST', '/api/patients', { name: 'Lena Ortiz', language: 'klingon' }],
    ] as const) {
      const refused = await world.request(world.clinicianOne, method, url, body);
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().detail).toMatch(
        /^language '.+' is not one Myotrophy is written in; give one of en, es, de$/,
      );
    }
    const created = await world.request(world.clinicianOne, 'POST', '/api/patients', {
      name: 'Lena Ortiz',
      language: 'de',
    });
    expect(created.json().language).toBe('de');
  });
});
