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

    // The invitation makes an admin of the new clinic, who sees that clinic's accounts only.
    const database = await openDatabase({ dataDir: data });
    try {
      const admin = await actForClinic(null, () =>
        acceptInvitation(database.db, { ip: 'test' }, token, 'ann sets a password', new Date()),
      );
      expect(admin).toMatchObject({ role: 'admin', clinicId: created.clinic.id });
      const seen = await actForClinic(created.clinic.id, () =>
        database.db.selectFrom('users').select('email').execute(),
      );
      expect(seen).toEqual([{ email: 'ann@riverside.test' }]);
    } finally {
      await database.close();
    }
  }, 240_000);
});
