import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/store/records/users.ts';
import { type ApiWorld, makeApiWorld, type Person } from '../api-world.ts';
import { testDatabases } from '../databases.ts';
import { auditWhere, call, tokenFor } from './accounts-helpers.ts';
import { secondServer } from './two-servers.ts';

/**
 * Finding 1 (HIGH): an admin could create any number of patient logins for any patient and read
 * the record through them, and could add themself to any care team. Now a patient has at most one
 * login, made only by an invitation from the patient's care team; an admin's care-team changes
 * need a reason, are audited with the patient and shown to the team; an admin does clinical work
 * only while explicitly holding the clinician role.
 */
describe.each(testDatabases)('finding 1, patient logins and care teams, on $name', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await makeApiWorld(kind);
  }, 120_000);
  afterAll(async () => world?.close());
  /** A patient's invitation to their one login, asked by `person`. */
  const invitePatient = (person: Person, patientId: string, email: string, name = 'Ada') =>
    world.request(person, 'POST', '/api/invitations', { role: 'patient', email, name, patientId });

  it('refuses to create a patient login directly, for an admin as for anyone', async () => {
    const direct = await world.request(world.admin, 'POST', '/api/users', {
      email: 'second-ada@home.test',
      name: 'Second Ada',
      role: 'patient',
      password: 'a long enough secret',
      patientId: world.patientOne,
    });
    expect(direct.statusCode).toBe(422);
    expect(direct.json().detail).toMatch(/only by an invitation bound to the patient/);
    const count = await world.database.db
      .selectFrom('users')
      .select('id')
      .where('patient_id', '=', world.patientOne)
      .execute();
    expect(count).toHaveLength(1);
  });

  it("lets only the patient's care team invite the patient, and refuses an admin with a 403 that is audited with the patient", async () => {
    const byAdmin = await invitePatient(world.admin, world.patientOne, 'other-ada@home.test');
    expect(byAdmin.statusCode).toBe(403);
    const denied = (await auditWhere(world.database.db, 'denied')).filter(
      (e) => e.user_id === world.admin.id,
    );
    expect(denied.at(-1)).toMatchObject({ patient_id: world.patientOne, resource: 'POST /api/invitations' });
    const byOtherClinician = await invitePatient(world.clinicianTwo, world.patientOne, 'other-ada@home.test');
    expect(byOtherClinician.statusCode).toBe(403);
  });

  it('gives a patient at most one login: a second invitation is refused, and the database refuses a second active login', async () => {
    const second = await invitePatient(world.clinicianOne, world.patientOne, 'ada-again@home.test');
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toMatch(/already has a login \(ada@home.test\)/);
    await expect(
      createUser(world.database.db, {
        email: 'sneaky@home.test',
        name: 'Sneaky',
        role: 'patient',
        passwordHash: 'x',
        patientId: world.patientOne,
      }),
    ).rejects.toThrow(/users_one_active_login_per_patient/);
  });

  it('binds an invitation to its patient: accepting it makes that login only, once', async () => {
    const created = await world.request(world.clinicianOne, 'POST', '/api/patients', { name: 'Cy Three' });
    const patientThree = created.json().id as string;
    const invite = await invitePatient(world.clinicianOne, patientThree, 'cy@home.test', 'Cy Three');
    expect(invite.statusCode).toBe(201);
    const { token, path } = invite.json();
    expect(path).toBe(`/invite#${token}`);
    const accepted = await world.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: 'cy has a long password' },
    });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().user).toMatchObject({
      role: 'patient',
      patientId: patientThree,
      email: 'cy@home.test',
    });
    const again = await world.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: 'another long password' },
    });
    expect(again.statusCode).toBe(404);
    const cy = await tokenFor(world.app, 'cy@home.test', 'cy has a long password');
    expect((await call(world.app, cy, 'GET', `/api/patients/${patientThree}`)).statusCode).toBe(200);
    expect((await call(world.app, cy, 'GET', `/api/patients/${world.patientOne}`)).statusCode).toBe(403);
  });

  it('keeps an admin out of clinical work and health data unless the admin explicitly holds the clinician role', async () => {
    const everything = `/fhir/R4/Patient/${world.patientOne}/$everything`;
    expect((await world.request(world.admin, 'GET', everything)).statusCode).toBe(403);
    // Joining a care team: refused without the role, refused without a reason.
    const noRole = await world.request(world.admin, 'POST', `/api/patients/${world.patientOne}/care-team`, {
      clinicianId: world.admin.id,
      reason: 'covering',
    });
    expect(noRole.statusCode).toBe(422);
    expect(noRole.json().detail).toMatch(/without the clinician role/);
    // Even if a membership row appeared, an admin without the role reads nothing.
    await world.database.db
      .insertInto('care_team')
      .values({ patient_id: world.patientTwo, user_id: world.admin.id, added_by: world.admin.id })
      .execute();
    expect((await world.request(world.admin, 'GET', `/api/patients/${world.patientTwo}`)).statusCode).toBe(
      403,
    );
    await world.database.db
      .deleteFrom('care_team')
      .where('patient_id', '=', world.patientTwo)
      .where('user_id', '=', world.admin.id)
      .execute();

    const grant = await world.request(world.admin, 'PUT', `/api/users/${world.admin.id}/clinician-role`, {
      granted: true,
      reason: 'covers clinic sessions on Fridays',
    });
    expect(grant.statusCode).toBe(200);
    expect(grant.json().user.clinicianRole).toBe(true);
    const noReason = await world.request(world.admin, 'POST', `/api/patients/${world.patientOne}/care-team`, {
      clinicianId: world.admin.id,
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().detail).toMatch(/needs a reason/);
    const joined = await world.request(world.admin, 'POST', `/api/patients/${world.patientOne}/care-team`, {
      clinicianId: world.admin.id,
      reason: 'Friday cover for Dr One',
    });
    expect(joined.statusCode).toBe(201);
    expect((await world.request(world.admin, 'GET', everything)).statusCode).toBe(200);

    const audited = (await auditWhere(world.database.db, 'add-member')).at(-1);
    expect(audited).toMatchObject({
      user_id: world.admin.id,
      resource: 'care-team',
      record_id: world.admin.id,
      patient_id: world.patientOne,
      reason: 'Friday cover for Dr One',
    });
    const granted = (await auditWhere(world.database.db, 'grant-clinician-role')).at(-1);
    expect(granted).toMatchObject({ record_id: world.admin.id, reason: 'covers clinic sessions on Fridays' });

    // The team sees who joined, by whom and why.
    const changes = await world.request(
      world.clinicianOne,
      'GET',
      `/api/patients/${world.patientOne}/care-team/changes`,
    );
    expect(changes.statusCode).toBe(200);
    expect(changes.json().items[0]).toMatchObject({
      action: 'add-member',
      memberId: world.admin.id,
      byUserId: world.admin.id,
      byRole: 'admin',
      reason: 'Friday cover for Dr One',
    });

    // Withdrawn, the role takes the access with it at once, on every server process.
    const other = await secondServer(world.database, () => new Date());
    try {
      expect((await call(other.app, world.admin.token, 'GET', everything)).statusCode).toBe(200);
      await world.request(world.admin, 'PUT', `/api/users/${world.admin.id}/clinician-role`, {
        granted: false,
        reason: 'cover ended',
      });
      expect((await world.request(world.admin, 'GET', everything)).statusCode).toBe(403);
      expect((await call(other.app, world.admin.token, 'GET', everything)).statusCode).toBe(403);
    } finally {
      await other.close();
    }
    const removed = await world.request(
      world.admin,
      'DELETE',
      `/api/patients/${world.patientOne}/care-team/${world.admin.id}`,
      { reason: 'cover ended' },
    );
    expect(removed.statusCode).toBe(200);
    expect(removed.json().careTeam.map((m: { userId: string }) => m.userId)).not.toContain(world.admin.id);
  });

  it('refuses to grant the clinician role to anyone but an admin', async () => {
    const toClinician = await world.request(
      world.admin,
      'PUT',
      `/api/users/${world.clinicianOne.id}/clinician-role`,
      {
        granted: true,
        reason: 'x',
      },
    );
    expect(toClinician.statusCode).toBe(422);
    const byClinician = await world.request(
      world.clinicianOne,
      'PUT',
      `/api/users/${world.teamAdmin.id}/clinician-role`,
      { granted: false, reason: 'x' },
    );
    expect(byClinician.statusCode).toBe(403);
  });
});
