import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld, PASSWORD } from '../api-world.ts';
import { testDatabases } from '../databases.ts';
import { auditWhere, login } from './accounts-helpers.ts';

/**
 * Finding 7 (MEDIUM): refused requests (403) left no trace. Every 403 is now audited with the
 * caller, the patient it concerned and the reason the caller was given, before the answer goes out.
 */
describe.each(testDatabases)('finding 7, refusals audited, on $name', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await makeApiWorld(kind);
  }, 120_000);
  afterAll(async () => world?.close());

  const lastDenial = async () => (await auditWhere(world.database.db, 'denied')).at(-1);

  it("audits a clinician refused another team's patient, with user, patient and reason", async () => {
    const refused = await world.request(
      world.clinicianTwo,
      'GET',
      `/api/patients/${world.patientOne}/measurements`,
    );
    expect(refused.statusCode).toBe(403);
    expect(await lastDenial()).toEqual({
      user_id: world.clinicianTwo.id,
      action: 'denied',
      resource: 'GET /api/patients/:id/measurements',
      record_id: null,
      patient_id: world.patientOne,
      reason: refused.json().detail,
    });
  });

  it('audits refusals on the FHIR API and on writes by a patient', async () => {
    const fhir = await world.request(
      world.patientUserTwo,
      'GET',
      `/fhir/R4/Patient/${world.patientOne}/$everything`,
    );
    expect(fhir.statusCode).toBe(403);
    expect(await lastDenial()).toMatchObject({
      user_id: world.patientUserTwo.id,
      patient_id: world.patientOne,
      resource: 'GET /fhir/R4/Patient/:id/$everything',
    });
    const write = await world.request(
      world.patientUserOne,
      'POST',
      `/api/patients/${world.patientOne}/conditions`,
      {
        site: 'lower-leg',
        side: 'left',
        cause: 'cast',
      },
    );
    expect(write.statusCode).toBe(403);
    expect(await lastDenial()).toMatchObject({
      user_id: world.patientUserOne.id,
      patient_id: world.patientOne,
      reason: "only a clinician on the patient's care team may record clinical data",
    });
  });

  it('audits refusals that concern no patient, and a cookie request without its CSRF token', async () => {
    const audit = await world.request(world.clinicianOne, 'GET', '/api/audit');
    expect(audit.statusCode).toBe(403);
    expect(await lastDenial()).toMatchObject({
      user_id: world.clinicianOne.id,
      patient_id: null,
      resource: 'GET /api/audit',
      reason: 'only an admin may read the audit log',
    });
    const session = await login(world.app, 'one@clinic.test', PASSWORD, '10.7.7.7');
    const cookie = (session.headers['set-cookie'] as string[]).map((c) => c.split(';')[0]).join('; ');
    const forged = await world.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { cookie },
      payload: { name: 'Forged' },
    });
    expect(forged.statusCode).toBe(403);
    expect(await lastDenial()).toMatchObject({
      resource: 'POST /api/patients',
      reason: forged.json().detail,
    });
  });
});
