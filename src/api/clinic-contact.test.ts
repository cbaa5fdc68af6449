import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';
import { type SecondClinic, seedSecondClinic } from '../../test/second-clinic.ts';
import { firstClinic, updateClinicContact } from '../store/records/clinics.ts';
import { clinicContactFromEnvironment } from './clinic-contact.ts';

/**
 * Each clinic's patients are told to contact their own clinic: on a server holding two clinics, the
 * server's contact (its environment) is the first clinic's only, and a clinic's own phone or email,
 * once its operator sets them, is what its patients read on Today, on the handout and in a refused
 * log. No patient is ever given the other clinic's number.
 */
describe.each(testDatabases)("each clinic's own contact on $name", (kind) => {
  const SERVER_CONTACT = { name: 'Hilltop Rehabilitation', phone: '01632 960000' };
  let world: ApiWorld;
  let second: SecondClinic;
  const today = async (person: ApiWorld['patientUserOne'], patientId: string) => {
    const response = await world.request(person, 'GET', `/api/patients/${patientId}/today`);
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    world = await makeApiWorld(kind, { clinicContact: SERVER_CONTACT });
    second = await seedSecondClinic(world);
  }, 180_000);
  afterAll(async () => world?.close());

  it("gives the first clinic's patients the server's contact, and another clinic's its own name only", async () => {
    expect((await today(world.patientUserOne, world.patientOne)).clinic).toEqual(SERVER_CONTACT);
    expect((await today(second.patientUser, second.patientId)).clinic).toEqual({
      name: 'Riverside Physiotherapy',
    });
  });

  it("names a clinic's own phone and email once set, in Today and in a refused log's words", async () => {
    await updateClinicContact(world.database.db, second.clinicId, {
      phone: '020 7946 0001',
      email: 'desk@riverside.test',
    });
    const riverside = {
      name: 'Riverside Physiotherapy',
      phone: '020 7946 0001',
      email: 'desk@riverside.test',
    };
    expect((await today(second.patientUser, second.patientId)).clinic).toEqual(riverside);
    // The first clinic's patients still read the server's contact.
    expect((await today(world.patientUserOne, world.patientOne)).clinic).toEqual(SERVER_CONTACT);

    const base = `/api/patients/${second.patientId}`;
    const screened = await world.request(second.clinician, 'POST', `${base}/screenings`, {
      screenedAt: new Date(Date.now() - 3_600_000).toISOString(),
      answers: {},
      electrodeSites: [],
      redFlagFindings: { breathlessLyingFlat: true },
    });
    expect(screened.statusCode).toBe(201);
    const paused = await today(second.patientUser, second.patientId);
    expect(paused.stimulationPaused).toBe(true);
    expect(paused.patientMessage).toContainEqual({
      key: 'core.contact',
      values: { ...riverside, has: 'both' },
    });
    const refused = await world.request(second.patientUser, 'POST', `${base}/sessions`, {
      kind: 'stimulation',
      startedAt: new Date().toISOString(),
      minutes: 20,
      completed: true,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('Riverside Physiotherapy: 020 7946 0001 or desk@riverside.test.');
    expect(refused.json().detail).not.toContain('Hilltop');
    expect(refused.json().patientMessage).toContainEqual({
      key: 'core.contact',
      values: { ...riverside, has: 'both' },
    });
    const flags = (await world.request(second.patientUser, 'GET', `${base}/red-flags`)).json();
    expect(flags.patientMessage).toContainEqual({
      key: 'core.contact',
      values: { ...riverside, has: 'both' },
    });
  });

  it("lets the first clinic's own contact take the place of the server's", async () => {
    const first = await firstClinic(world.database.db);
    await updateClinicContact(world.database.db, first.id, {
      name: 'Northgate Clinic',
      email: 'hello@northgate.test',
    });
    expect((await today(world.patientUserOne, world.patientOne)).clinic).toEqual({
      name: 'Northgate Clinic',
      email: 'hello@northgate.test',
    });
    await updateClinicContact(world.database.db, first.id, { email: null });
    expect((await today(world.patientUserOne, world.patientOne)).clinic).toEqual(SERVER_CONTACT);
  });

  it('refuses a contact the database would not keep', async () => {
    await expect(
      updateClinicContact(world.database.db, second.clinicId, { email: 'not an email' }),
    ).rejects.toThrow();
    await expect(updateClinicContact(world.database.db, second.clinicId, { phone: '1' })).rejects.toThrow();
  });
});

describe('the server contact from the environment', () => {
  it('needs a name; phone and email are optional', () => {
    expect(clinicContactFromEnvironment({})).toBeUndefined();
    expect(clinicContactFromEnvironment({ MYOTROPHY_CLINIC_PHONE: '1234' })).toBeUndefined();
    expect(
      clinicContactFromEnvironment({
        MYOTROPHY_CLINIC_NAME: ' Hilltop ',
        MYOTROPHY_CLINIC_EMAIL: 'a@b.test',
      }),
    ).toEqual({ name: 'Hilltop', email: 'a@b.test' });
  });
});
