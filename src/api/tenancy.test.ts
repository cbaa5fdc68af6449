import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld, type Person } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';
import { seedSecondClinic } from '../../test/second-clinic.ts';
import { verifyLiveAuditChain } from '../store/audit-chain.ts';
import { actForClinic } from '../store/tenancy.ts';

/**
 * A second clinic on the same instance: its clinician and its admin see nothing of the first
 * clinic's patients or accounts, even by id, and the first clinic's see nothing of theirs.
 */
describe.each(testDatabases)('clinics as tenants over HTTP on $name', (kind) => {
  let world: ApiWorld;
  let otherClinician: Person;
  let otherAdmin: Person;
  let otherPatient: string;

  beforeAll(async () => {
    world = await makeApiWorld(kind);
    const second = await seedSecondClinic(world);
    otherClinician = second.clinician;
    otherAdmin = second.admin;
    otherPatient = second.patientId;
  }, 180_000);
  afterAll(async () => world?.close());

  it("answers 404 for another clinic's patient, to its clinician and its admin alike", async () => {
    for (const person of [otherClinician, otherAdmin]) {
      const read = await world.request(person, 'GET', `/api/patients/${world.patientOne}`);
      expect(read.statusCode).toBe(404);
      const notes = await world.request(person, 'GET', `/api/patients/${world.patientOne}/notes`);
      expect(notes.statusCode).toBe(404);
    }
    const own = await world.request(otherClinician, 'GET', `/api/patients/${otherPatient}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().name).toBe('Dee Three');
    const theirs = await world.request(world.clinicianOne, 'GET', `/api/patients/${otherPatient}`);
    expect(theirs.statusCode).toBe(404);
  });

  it("keeps each clinic's session logs apart when they arrive together (their reads and writes are grouped per clinic)", async () => {
    const log = (person: Person, patientId: string, minutes: number) =>
      world.request(person, 'POST', `/api/patients/${patientId}/sessions`, {
        kind: 'exercise',
        startedAt: '2026-12-01T09:00:00Z',
        minutes,
        completed: true,
      });
    const [ours, theirs, across, acrossBack] = await Promise.all([
      log(world.clinicianOne, world.patientOne, 11),
      log(otherClinician, otherPatient, 12),
      log(otherClinician, world.patientOne, 13),
      log(world.clinicianOne, otherPatient, 14),
    ]);
    expect([ours.statusCode, theirs.statusCode, across.statusCode, acrossBack.statusCode]).toEqual([
      201, 201, 404, 404,
    ]);
    expect([ours.json().patientId, ours.json().minutes]).toEqual([world.patientOne, 11]);
    expect([theirs.json().patientId, theirs.json().minutes]).toEqual([otherPatient, 12]);
    const listed = await world.request(otherClinician, 'GET', `/api/patients/${otherPatient}/sessions`);
    expect((listed.json().items as { minutes: number }[]).map((s) => s.minutes)).toEqual([12]);
    const ownList = await world.request(
      world.clinicianOne,
      'GET',
      `/api/patients/${world.patientOne}/sessions`,
    );
    expect((ownList.json().items as { minutes: number }[]).map((s) => s.minutes)).not.toContain(13);
  });

  it("lists only the caller's clinic's patients and accounts", async () => {
    const patients = await world.request(otherClinician, 'GET', '/api/patients');
    expect(patients.statusCode).toBe(200);
    const listed = JSON.stringify(patients.json());
    expect(listed).toContain(otherPatient);
    expect(listed).not.toContain(world.patientOne);
    const users = await world.request(otherAdmin, 'GET', '/api/users');
    expect(users.statusCode).toBe(200);
    const emails = (users.json().items as { email: string }[]).map((u) => u.email).sort();
    expect(emails).toEqual(['cara@riverside.test', 'dee@riverside.test', 'root@riverside.test']);
  });

  it("shows each clinic's admin only their clinic's audit events, and the chain still verifies", async () => {
    const db = world.database.db;
    expect(
      (await world.request(world.clinicianOne, 'GET', `/api/patients/${world.patientOne}`)).statusCode,
    ).toBe(200);
    expect((await world.request(otherClinician, 'GET', `/api/patients/${otherPatient}`)).statusCode).toBe(
      200,
    );
    const patientReads = async (person: Person) => {
      const response = await world.request(person, 'GET', '/api/audit?limit=5000');
      expect(response.statusCode).toBe(200);
      const items = response.json().items as { patientId: string | null; userId: string | null }[];
      return { items, patients: new Set(items.map((e) => e.patientId).filter(Boolean)) };
    };
    const seenByB = await patientReads(otherAdmin);
    expect([...seenByB.patients]).toEqual([otherPatient]);
    const bUsers = new Set([otherClinician.id, otherAdmin.id, null]);
    expect(seenByB.items.filter((e) => !bUsers.has(e.userId))).toEqual([]);
    const seenByA = await patientReads(world.admin);
    expect(seenByA.patients.has(world.patientOne)).toBe(true);
    expect(seenByA.patients.has(otherPatient)).toBe(false);
    expect(seenByA.items.some((e) => e.userId === otherClinician.id || e.userId === otherAdmin.id)).toBe(
      false,
    );

    // Row-level security alone, without the application's filter: B's clinic sees only its own.
    const clinicB = (
      await db
        .selectFrom('users')
        .select('clinic_id')
        .where('id', '=', otherAdmin.id)
        .executeTakeFirstOrThrow()
    ).clinic_id;
    const clinicsSeenByB = await actForClinic(clinicB, () =>
      db.selectFrom('audit_events').select('clinic_id').distinct().execute(),
    );
    expect(clinicsSeenByB).toEqual([{ clinic_id: clinicB }]);
    expect(await actForClinic(null, () => db.selectFrom('audit_events').select('id').execute())).toEqual([]);

    // The operator checks the whole chain, both clinics' events hashed with their clinic.
    const verdict = await verifyLiveAuditChain(db);
    expect(verdict.intact).toBe(true);
    const all = await db.selectFrom('audit_events').select(['clinic_id', 'patient_id']).execute();
    expect(all.find((e) => e.patient_id === world.patientOne)?.clinic_id).not.toBe(clinicB);
    expect(all.find((e) => e.patient_id === otherPatient)?.clinic_id).toBe(clinicB);
  });

  it("will not let an admin put another clinic's clinician on a care team", async () => {
    const response = await world.request(otherAdmin, 'POST', `/api/patients/${otherPatient}/care-team`, {
      clinicianId: world.clinicianOne.id,
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });
});
