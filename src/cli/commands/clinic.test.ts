import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { myotrophy, tempDir } from '../../../test/cli.ts';
import { acceptInvitation } from '../../api/accounts.ts';
import { openDatabase } from '../../store/database.ts';
import { actForClinic } from '../../store/tenancy.ts';

describe('myotrophy clinic', () => {
  it("creates a clinic with its first admin's invitation, lists the clinics, and refuses bad input", async () => {
    const data = join(tempDir('clinic'), 'data');
    const create = myotrophy([
      'clinic',
      'create',
      '--name',
      'Riverside Physiotherapy',
      '--admin-email',
      'Ann@Riverside.test',
      '--admin-name',
      'Ann',
      '--data',
      data,
      '--json',
    ]);
    expect(create.status, create.stderr).toBe(0);
    const created = JSON.parse(create.stdout);
    expect(created.clinic.name).toBe('Riverside Physiotherapy');
    expect(created.invitation).toMatchObject({
      email: 'ann@riverside.test',
      role: 'admin',
      clinicId: created.clinic.id,
    });
    const token = String(created.invitation.link).split('#')[1] as string;

    const list = myotrophy(['clinic', 'list', '--data', data, '--json']);
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).clinics.map((c: { name: string }) => c.name)).toEqual([
      'Default clinic',
      'Riverside Physiotherapy',
    ]);

    const again = myotrophy([
      'clinic',
      'create',
      '--name',
      'Riverside Physiotherapy',
      '--admin-email',
      'b@x.test',
      '--data',
      data,
    ]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("a clinic named 'Riverside Physiotherapy' already exists");
    const noEmail = myotrophy(['clinic', 'create', '--name', 'Hilltop', '--data', data]);
    expect(noEmail.status).toBe(2);
    expect(noEmail.stderr).toContain('--admin-email is required');

    // --clinic names where the command line's new rows go, by name or id; unknown names are refused.
    const password = { MYOTROPHY_PASSWORD: 'a long enough secret for staff' };
    const add = (clinic: string, email: string) =>
      myotrophy(
        [
          'user',
          'add',
          '--email',
          email,
          '--name',
          'Dee',
          '--role',
          'clinician',
          '--clinic',
          clinic,
          '--data',
          data,
        ],
        password,
      );
    expect(add('Riverside Physiotherapy', 'dee@riverside.test').status).toBe(0);
    expect(add(created.clinic.id, 'eve@riverside.test').status).toBe(0);
    const unknown = add('Hilltop', 'fay@hilltop.test');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("--clinic 'Hilltop' is not a clinic of");
    expect(unknown.stderr).toContain("'Default clinic' (");
    expect(unknown.stderr).toContain(`'Riverside Physiotherapy' (${created.clinic.id})`);

    // An invitation that fails (the address is taken) takes the clinic back with it.
    const taken = myotrophy([
      'clinic',
      'create',
      '--name',
      'Hilltop',
      '--admin-email',
      'dee@riverside.test',
      '--data',
      data,
    ]);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toContain('a user with email dee@riverside.test already exists');

    // The invitation makes an admin of the new clinic, who sees that clinic's accounts only.
    const database = await openDatabase({ dataDir: data });
    try {
      expect(
        (await database.db.selectFrom('clinics').select('name').orderBy('name').execute()).map((c) => c.name),
      ).toEqual(['Default clinic', 'Riverside Physiotherapy']);
      // The operator's clinic creation is an instance event; the invitation is the new clinic's.
      const events = await database.db
        .selectFrom('audit_events')
        .select(['action', 'resource', 'clinic_id'])
        .where('user_agent', 'in', ['myotrophy clinic', 'myotrophy user'])
        .orderBy('seq')
        .execute();
      expect(events).toEqual([
        { action: 'create', resource: 'clinic', clinic_id: null },
        { action: 'invite', resource: 'user', clinic_id: created.clinic.id },
        { action: 'create', resource: 'user', clinic_id: created.clinic.id },
        { action: 'create', resource: 'user', clinic_id: created.clinic.id },
      ]);
      const admin = await actForClinic(null, () =>
        acceptInvitation(database.db, { ip: 'test' }, token, 'ann sets a password', new Date()),
      );
      expect(admin).toMatchObject({ role: 'admin', clinicId: created.clinic.id });
      const seen = await actForClinic(created.clinic.id, () =>
        database.db.selectFrom('users').select('email').execute(),
      );
      expect(seen.map((u) => u.email).sort()).toEqual([
        'ann@riverside.test',
        'dee@riverside.test',
        'eve@riverside.test',
      ]);
    } finally {
      await database.close();
    }
  }, 240_000);

  it("sets the name, phone and email a clinic's patients are told to contact, and refuses bad ones", () => {
    const data = join(tempDir('clinic-contact'), 'data');
    const create = myotrophy([
      'clinic',
      'create',
      '--name',
      'Hilltop Rehabilitation',
      '--admin-email',
      'a@hilltop.test',
      '--phone',
      '01632 960000',
      '--data',
      data,
      '--json',
    ]);
    expect(create.status, create.stderr).toBe(0);
    expect(JSON.parse(create.stdout).clinic).toMatchObject({ phone: '01632 960000', email: null });

    const set = myotrophy([
      'clinic',
      'contact',
      '--clinic',
      'Hilltop Rehabilitation',
      '--contact-email',
      'desk@hilltop.test',
      '--phone',
      'none',
      '--data',
      data,
    ]);
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toContain(
      'its patients are told to contact Hilltop Rehabilitation (desk@hilltop.test)',
    );
    const list = myotrophy(['clinic', 'list', '--data', data, '--json']);
    expect(JSON.parse(list.stdout).clinics[1]).toMatchObject({
      name: 'Hilltop Rehabilitation',
      phone: null,
      email: 'desk@hilltop.test',
    });

    const badPhone = myotrophy([
      'clinic',
      'contact',
      '--clinic',
      'Hilltop Rehabilitation',
      '--phone',
      'call us',
      '--data',
      data,
    ]);
    expect(badPhone.status).toBe(2);
    expect(badPhone.stderr).toContain("--phone 'call us' is not valid: a phone number of 3 to 40 characters");
    const nothing = myotrophy(['clinic', 'contact', '--clinic', 'Hilltop Rehabilitation', '--data', data]);
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toContain('give what to change: --name, --phone or --contact-email');
    const unknown = myotrophy([
      'clinic',
      'contact',
      '--clinic',
      'Nowhere',
      '--phone',
      '0123 456',
      '--data',
      data,
    ]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("--clinic 'Nowhere' is not a clinic");
    const taken = myotrophy([
      'clinic',
      'contact',
      '--clinic',
      'Hilltop Rehabilitation',
      '--name',
      'Default clinic',
      '--data',
      data,
    ]);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toContain("a clinic named 'Default clinic' already exists");
  }, 240_000);
});
