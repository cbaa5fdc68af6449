import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { myotrophy, tempDir } from '../../../test/cli.ts';
import { acceptInvitation } from '../../api/accounts.ts';
import { openDatabase } from '../../store/database.ts';

describe('myotrophy user', () => {
  it('adds and lists accounts in the embedded database, refusing duplicates and weak passwords', () => {
    const data = join(tempDir('user'), 'data');
    const env = { MYOTROPHY_PASSWORD: 'a long enough secret' };
    const add = myotrophy(
      [
        'user',
        'add',
        '--email',
        'Chief@Clinic.test',
        '--name',
        'Chief',
        '--role',
        'admin',
        '--data',
        data,
        '--json',
      ],
      env,
    );
    expect(add.status, add.stderr).toBe(0);
    const created = JSON.parse(add.stdout).user;
    expect(created).toMatchObject({
      email: 'chief@clinic.test',
      name: 'Chief',
      role: 'admin',
      patientId: null,
    });

    const again = myotrophy(
      ['user', 'add', '--email', 'chief@clinic.test', '--name', 'X', '--role', 'admin', '--data', data],
      env,
    );
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('a user with email chief@clinic.test already exists');

    const weak = myotrophy(
      ['user', 'add', '--email', 'b@clinic.test', '--name', 'B', '--role', 'clinician', '--data', data],
      {
        MYOTROPHY_PASSWORD: 'short',
      },
    );
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('password must be 10 to 256 characters; got 5');

    const patient = myotrophy(
      ['user', 'add', '--email', 'p@home.test', '--name', 'P', '--role', 'patient', '--data', data],
      env,
    );
    expect(patient.status).toBe(2);
    expect(patient.stderr).toContain("a patient's login is made only by an invitation bound to the patient");

    const list = myotrophy(['user', 'list', '--data', data, '--json']);
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).users).toEqual([
      {
        id: created.id,
        email: 'chief@clinic.test',
        name: 'Chief',
        role: 'admin',
        patientId: null,
        clinicianRole: false,
        deactivatedAt: null,
      },
    ]);
  }, 180_000);

  it('invites a clinician by a one-time link, resets, deactivates and reactivates, each audited from the command line', async () => {
    const data = join(tempDir('user-lifecycle'), 'data');
    const run = (...args: string[]) => myotrophy(['user', ...args, '--data', data, '--json']);
    const invite = run(
      'invite',
      '--role',
      'clinician',
      '--email',
      'dee@clinic.test',
      '--name',
      'Dee',
      '--url',
      'https://clinic.example/',
    );
    expect(invite.status, invite.stderr).toBe(0);
    const invitation = JSON.parse(invite.stdout).invitation;
    expect(invitation.link).toMatch(/^https:\/\/clinic\.example\/invite#[A-Za-z0-9_-]{43}$/);
    const token = invitation.link.split('#')[1];
    const database = await openDatabase({ dataDir: data });
    try {
      const user = await acceptInvitation(
        database.db,
        { ip: 'test' },
        token,
        'dee sets a password',
        new Date(),
      );
      expect(user).toMatchObject({ email: 'dee@clinic.test', role: 'clinician' });
    } finally {
      await database.close();
    }
    const reset = run('reset', '--email', 'dee@clinic.test');
    expect(reset.status, reset.stderr).toBe(0);
    expect(JSON.parse(reset.stdout).reset.link).toMatch(/^\/reset#/);
    const off = run('deactivate', '--email', 'dee@clinic.test', '--reason', 'left');
    expect(off.status, off.stderr).toBe(0);
    expect(JSON.parse(off.stdout).user.deactivatedAt).toMatch(/^\d{4}-/);
    const on = run('reactivate', '--email', 'dee@clinic.test');
    expect(JSON.parse(on.stdout).user.deactivatedAt).toBeNull();
    const audit = await openDatabase({ dataDir: data });
    try {
      const actions = (
        await audit.db.selectFrom('audit_events').select(['action', 'ip']).orderBy('id').execute()
      ).map((e) => `${e.action}@${e.ip}`);
      expect(actions).toEqual([
        'invite@local',
        'accept-invitation@test',
        'reset-link@local',
        'deactivate@local',
        'reactivate@local',
      ]);
    } finally {
      await audit.close();
    }
  }, 300_000);
});
