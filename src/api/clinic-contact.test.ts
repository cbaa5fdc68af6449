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

  it("lets the clinic's admin change it over HTTP, and no one else", async () => {
    const read = await world.request(second.clinician, 'GET', '/api/clinic');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: second.clinicId, name: 'Riverside Physiotherapy' });
    const body = { name: 'Riverside Physio', phone: '+44 20 7946 0002', email: null };
    const byClinician = await world.request(second.clinician, 'PUT', '/api/clinic', body);
    expect(byClinician.statusCode).toBe(403);
    expect((await world.request(second.patientUser, 'GET', '/api/clinic')).statusCode).toBe(403);
    const badPhone = await world.request(second.admin, 'PUT', '/api/clinic', { ...body, phone: 'ring us' });
    expect(badPhone.statusCode).toBe(400);
    // The first clinic's name (an earlier test renamed it) is taken.
    const otherName = (await firstClinic(world.database.db)).name;
    const taken = await world.request(second.admin, 'PUT', '/api/clinic', { ...body, name: otherName });
    expect(taken.statusCode).toBe(409);
    const changed = await world.request(second.admin, 'PUT', '/api/clinic', body);
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ id: second.clinicId, ...body });
    expect((await today(second.patientUser, second.patientId)).clinic).toEqual({
      name: 'Riverside Physio',
      phone: '+44 20 7946 0002',
    });
    // The first clinic is untouched: its patients still read what they read before.
    expect((await today(world.patientUserOne, world.patientOne)).clinic).toEqual(SERVER_CONTACT);
    const audit = (await world.request(second.admin, 'GET', '/api/audit?limit=50')).json().items as {
      action: string;
      resource: string;
    }[];
    expect(audit.some((e) => e.action === 'update' && e.resource === 'clinic')).toBe(true);
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
