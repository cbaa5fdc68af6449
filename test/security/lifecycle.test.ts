import { describe, expect, it } from 'vitest';
import { INVITATION_DAYS, RESET_LINK_HOURS } from '../../src/api/accounts.ts';
import { testDatabases } from '../databases.ts';
import { auditWhere, call, login, msUntilRefused, tokenFor } from './accounts-helpers.ts';
import { clinicOnTwoServers } from './two-servers.ts';

/**
 * Finding 8 and the account lifecycle: invitations by one-time link, password change and reset,
 * deactivation and reactivation (sessions end at once on every server process), care-team
 * removal, and a user's own sessions. Each step is audited.
 */
describe.each(testDatabases)('account lifecycle on $name', (kind) => {
  const clinic = clinicOnTwoServers(kind, '2026-04-01T09:00:00Z');

  /** Runs `check` with the clock moved on, then moves it back (the world's sessions last 12 h). */
  const later = async (ms: number, check: () => Promise<void>) => {
    const started = clinic.clock.ms;
    clinic.clock.ms += ms;
    try {
      await check();
    } finally {
      clinic.clock.ms = started;
    }
  };
  const invite = (email: string) =>
    clinic.world.request(clinic.world.admin, 'POST', '/api/invitations', {
      role: 'clinician',
      email,
      name: 'Dee Four',
    });
  const accept = (token: string, password: string) =>
    clinic.world.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token, password } });

  it('invites by a one-time link: shown once, single use, expiring, with the enforced password strength', async () => {
    const invited = await invite('dee@clinic.test');
    expect(invited.statusCode).toBe(201);
    expect(invited.headers['cache-control']).toBe('no-store');
    const { token, id, expiresAt } = invited.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(expiresAt) - clinic.clock.ms).toBe(INVITATION_DAYS * 86_400_000);
    // Only the token's hash is stored.
    const stored = JSON.stringify(
      await clinic.world.database.db.selectFrom('account_links').selectAll().execute(),
    );
    expect(stored).not.toContain(token);
    const inspect = await clinic.world.app.inject({
      method: 'POST',
      url: '/api/invitations/inspect',
      payload: { token },
    });
    expect(inspect.json()).toMatchObject({ email: 'dee@clinic.test', role: 'clinician' });
    const weak = await accept(token, 'short');
    expect(weak.statusCode).toBe(422);
    expect(weak.json().detail).toBe('password must be 10 to 256 characters; got 5');
    expect((await accept(token, 'dee chooses a password')).statusCode).toBe(201);
    expect((await accept(token, 'dee chooses another one')).statusCode).toBe(404);
    expect(
      (await tokenFor(clinic.world.app, 'dee@clinic.test', 'dee chooses a password')).length,
    ).toBeGreaterThan(20);
    const events = await auditWhere(clinic.world.database.db, 'invite');
    expect(events.at(-1)).toMatchObject({ user_id: clinic.world.admin.id, record_id: id });
    expect((await auditWhere(clinic.world.database.db, 'accept-invitation')).at(-1)?.resource).toBe('user');

    const late = (await invite('late@clinic.test')).json().token as string;
    await later(INVITATION_DAYS * 86_400_000 + 1, async () => {
      expect((await accept(late, 'too late for this one')).statusCode).toBe(404);
    });
    // A clinician invites a colleague as an admin does; the invitation is audited as theirs.
    const byClinician = await clinic.world.request(clinic.world.clinicianOne, 'POST', '/api/invitations', {
      role: 'clinician',
      email: 'col@clinic.test',
      name: 'Col League',
    });
    expect(byClinician.statusCode).toBe(201);
    expect((await auditWhere(clinic.world.database.db, 'invite')).at(-1)).toMatchObject({
      user_id: clinic.world.clinicianOne.id,
      record_id: byClinician.json().id,
    });
    const colleague = await accept(byClinician.json().token, 'col chooses a password');
    expect(colleague.statusCode).toBe(201);
    expect(colleague.json().user).toMatchObject({ email: 'col@clinic.test', role: 'clinician' });
    // Patients cannot invite; an invitation names only clinician or patient roles.
    expect(
      (
        await clinic.world.request(clinic.world.patientUserOne, 'POST', '/api/invitations', {
          role: 'clinician',
          email: 'x@y.test',
          name: 'X',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await clinic.world.request(clinic.world.admin, 'POST', '/api/invitations', {
          role: 'admin',
          email: 'x@y.test',
          name: 'X',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('changes a password with the current one, ending every other session, on the other server process within 100 ms', async () => {
    const here = await tokenFor(clinic.world.app, 'dee@clinic.test', 'dee chooses a password', '10.8.0.1');
    const elsewhere = await tokenFor(
      clinic.other.app,
      'dee@clinic.test',
      'dee chooses a password',
      '10.8.0.2',
    );
    expect((await call(clinic.other.app, elsewhere, 'GET', '/api/me')).statusCode).toBe(200);
    const wrong = await call(clinic.world.app, here, 'POST', '/api/me/password', {
      currentPassword: 'not my password',
      newPassword: 'dee has a new password',
    });
    expect(wrong.statusCode).toBe(403);
    const changed = await call(clinic.world.app, here, 'POST', '/api/me/password', {
      currentPassword: 'dee chooses a password',
      newPassword: 'dee has a new password',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().endedSessions).toBeGreaterThanOrEqual(2);
    expect(await msUntilRefused(clinic.other.app, elsewhere)).toBeLessThanOrEqual(100);
    expect((await call(clinic.world.app, here, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await login(clinic.world.app, 'dee@clinic.test', 'dee chooses a password')).statusCode).toBe(401);
    expect((await login(clinic.world.app, 'dee@clinic.test', 'dee has a new password')).statusCode).toBe(200);
  });

  it('resets a password by an admin’s one-time link, ending every session of the account', async () => {
    const dee = (await clinic.world.request(clinic.world.admin, 'GET', '/api/users'))
      .json()
      .items.find((u: { email: string }) => u.email === 'dee@clinic.test');
    const session = await tokenFor(clinic.world.app, 'dee@clinic.test', 'dee has a new password', '10.8.1.1');
    expect(
      (await clinic.world.request(clinic.world.clinicianOne, 'POST', `/api/users/${dee.id}/reset-link`))
        .statusCode,
    ).toBe(403);
    const link = await clinic.world.request(clinic.world.admin, 'POST', `/api/users/${dee.id}/reset-link`);
    expect(link.statusCode).toBe(201);
    const { token, path, expiresAt } = link.json();
    expect(path).toBe(`/reset#${token}`);
    expect(Date.parse(expiresAt) - clinic.clock.ms).toBe(RESET_LINK_HOURS * 3_600_000);
    const reset = (password: string) =>
      clinic.world.app.inject({ method: 'POST', url: '/api/password-reset', payload: { token, password } });
    expect((await reset('dee after the reset')).statusCode).toBe(204);
    expect((await reset('dee after another reset')).statusCode).toBe(404);
    expect(await msUntilRefused(clinic.other.app, session)).toBeLessThanOrEqual(100);
    expect((await login(clinic.world.app, 'dee@clinic.test', 'dee after the reset')).statusCode).toBe(200);
    // An expired reset link does nothing.
    const stale = (
      await clinic.world.request(clinic.world.admin, 'POST', `/api/users/${dee.id}/reset-link`)
    ).json().token;
    await later(RESET_LINK_HOURS * 3_600_000 + 1, async () => {
      const late = await clinic.world.app.inject({
        method: 'POST',
        url: '/api/password-reset',
        payload: { token: stale, password: 'never takes effect' },
      });
      expect(late.statusCode).toBe(404);
    });
  });

  it('deactivates an account: its sessions end, on the other server process within 100 ms, it cannot log in, and reactivation restores it', async () => {
    const dee = (await clinic.world.request(clinic.world.admin, 'GET', '/api/users'))
      .json()
      .items.find((u: { email: string }) => u.email === 'dee@clinic.test');
    const a = await tokenFor(clinic.world.app, 'dee@clinic.test', 'dee after the reset', '10.8.2.1');
    const b = await tokenFor(clinic.other.app, 'dee@clinic.test', 'dee after the reset', '10.8.2.2');
    // Both processes have just served the session.
    expect((await call(clinic.world.app, a, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await call(clinic.other.app, b, 'GET', '/api/me')).statusCode).toBe(200);
    expect(
      (await clinic.world.request(clinic.world.clinicianOne, 'POST', `/api/users/${dee.id}/deactivate`, {}))
        .statusCode,
    ).toBe(403);
    const self = await clinic.world.request(
      clinic.world.admin,
      'POST',
      `/api/users/${clinic.world.admin.id}/deactivate`,
      {},
    );
    expect(self.statusCode).toBe(422);
    const off = await clinic.world.request(clinic.world.admin, 'POST', `/api/users/${dee.id}/deactivate`, {
      reason: 'left the clinic',
    });
    expect(off.statusCode).toBe(200);
    expect(off.json().user.deactivatedAt).toBe(new Date(clinic.clock.ms).toISOString());
    // No waiting: the very next request on either process is refused.
    expect(await msUntilRefused(clinic.other.app, b)).toBeLessThanOrEqual(100);
    expect((await call(clinic.world.app, a, 'GET', '/api/me')).statusCode).toBe(401);
    const refused = await login(clinic.world.app, 'dee@clinic.test', 'dee after the reset', '10.8.2.3');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/deactivated/);
    expect((await auditWhere(clinic.world.database.db, 'deactivate')).at(-1)).toMatchObject({
      user_id: clinic.world.admin.id,
      record_id: dee.id,
      // the two above, and the one the reset test's last login left open
      reason: 'left the clinic; 3 session(s) ended',
    });
    expect(
      (await clinic.world.request(clinic.world.admin, 'POST', `/api/users/${dee.id}/reactivate`, {}))
        .statusCode,
    ).toBe(200);
    expect(
      (await login(clinic.world.app, 'dee@clinic.test', 'dee after the reset', '10.8.2.4')).statusCode,
    ).toBe(200);
  });

  it('shows a user their live sessions and ends the others, or one of them', async () => {
    const first = await tokenFor(clinic.world.app, 'dee@clinic.test', 'dee after the reset', '10.8.3.1');
    const second = await tokenFor(clinic.other.app, 'dee@clinic.test', 'dee after the reset', '10.8.3.2');
    const third = await tokenFor(clinic.world.app, 'dee@clinic.test', 'dee after the reset', '10.8.3.3');
    const listed = (await call(clinic.world.app, first, 'GET', '/api/me/sessions')).json().items as {
      id: string;
      ip: string;
      current: boolean;
    }[];
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    expect(listed.map((s) => s.ip)).toEqual(expect.arrayContaining(['10.8.3.1', '10.8.3.2', '10.8.3.3']));
    const thirdId = listed.find((s) => s.ip === '10.8.3.3')?.id;
    expect((await call(clinic.world.app, first, 'DELETE', `/api/me/sessions/${thirdId}`)).statusCode).toBe(
      204,
    );
    expect((await call(clinic.world.app, third, 'GET', '/api/me')).statusCode).toBe(401);
    // Someone else's session id is not yours to end.
    const mine = (
      await call(clinic.world.app, clinic.world.clinicianOne.token, 'GET', '/api/me/sessions')
    ).json().items[0].id;
    expect((await call(clinic.world.app, first, 'DELETE', `/api/me/sessions/${mine}`)).statusCode).toBe(404);
    const ended = await call(clinic.world.app, first, 'POST', '/api/me/sessions/end-others');
    expect(ended.json().endedSessions).toBeGreaterThanOrEqual(2);
    expect(await msUntilRefused(clinic.other.app, second)).toBeLessThanOrEqual(100);
    expect((await call(clinic.world.app, first, 'GET', '/api/me')).statusCode).toBe(200);
  });

  it('removes a member from a care team: their access ends at once, and the team sees the change', async () => {
    const readOne = () =>
      clinic.world.request(clinic.world.clinicianTwo, 'GET', `/api/patients/${clinic.world.patientOne}`);
    // The same read through the other server process.
    const readOneElsewhere = () =>
      call(
        clinic.other.app,
        clinic.world.clinicianTwo.token,
        'GET',
        `/api/patients/${clinic.world.patientOne}`,
      );
    const added = await clinic.world.request(
      clinic.world.clinicianOne,
      'POST',
      `/api/patients/${clinic.world.patientOne}/care-team`,
      {
        clinicianId: clinic.world.clinicianTwo.id,
      },
    );
    expect(added.statusCode).toBe(201);
    expect((await readOne()).statusCode).toBe(200);
    expect((await readOneElsewhere()).statusCode).toBe(200);
    const adminNoReason = await clinic.world.request(
      clinic.world.admin,
      'DELETE',
      `/api/patients/${clinic.world.patientOne}/care-team/${clinic.world.clinicianTwo.id}`,
    );
    expect(adminNoReason.statusCode).toBe(422);
    const removed = await clinic.world.request(
      clinic.world.admin,
      'DELETE',
      `/api/patients/${clinic.world.patientOne}/care-team/${clinic.world.clinicianTwo.id}`,
      { reason: 'cover finished' },
    );
    expect(removed.statusCode).toBe(200);
    expect((await readOne()).statusCode).toBe(403);
    expect((await readOneElsewhere()).statusCode).toBe(403);
    const changes = (
      await clinic.world.request(
        clinic.world.clinicianOne,
        'GET',
        `/api/patients/${clinic.world.patientOne}/care-team/changes`,
      )
    ).json().items;
    expect(changes.slice(0, 2)).toMatchObject([
      {
        action: 'remove-member',
        memberId: clinic.world.clinicianTwo.id,
        byUserId: clinic.world.admin.id,
        reason: 'cover finished',
      },
      {
        action: 'add-member',
        memberId: clinic.world.clinicianTwo.id,
        byUserId: clinic.world.clinicianOne.id,
        reason: null,
      },
    ]);
    expect(
      (
        await clinic.world.request(
          clinic.world.clinicianOne,
          'DELETE',
          `/api/patients/${clinic.world.patientOne}/care-team/${clinic.world.clinicianTwo.id}`,
        )
      ).statusCode,
    ).toBe(404);
  });
});
