import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { myotrophy, tempDir } from '../../../test/cli.ts';
import { openDatabase } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { createUser } from '../../store/records/users.ts';

const env = { MYOTROPHY_PASSWORD: 'a long enough secret' };

describe('myotrophy backup and restore', () => {
  it('round-trips the embedded database through a gzip file, and refuses what is not a backup', async () => {
    const dir = tempDir('backup');
    const source = join(dir, 'source');
    const target = join(dir, 'target');
    const seeded = await openDatabase({ dataDir: source });
    for (const [email, role] of [
      ['admin@clinic.test', 'admin'],
      ['doc@clinic.test', 'clinician'],
    ] as const) {
      const user = await createUser(seeded.db, { email, name: email, role, passwordHash: 'x' });
      await recordAudit(seeded.db, { userId: null, action: 'create', resource: 'user', recordId: user.id });
    }
    await seeded.close();
    const file = join(dir, 'clinic.json.gz');
    const backup = myotrophy(['backup', file, '--data', source, '--json']);
    expect(backup.status, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({
      file,
      database: 'pglite',
      schemaVersion: '0021-account-change-notices',
      rows: { users: 2, audit_events: 2, patients: 0 },
    });
    const restore = myotrophy(['restore', file, '--data', target, '--json']);
    expect(restore.status, restore.stderr).toBe(0);
    expect(JSON.parse(restore.stdout).rows).toMatchObject({ users: 2, audit_events: 2 });
    const listed = (d: string) => JSON.parse(myotrophy(['user', 'list', '--data', d, '--json']).stdout).users;
    expect(listed(target)).toEqual(listed(source));

    const junk = join(dir, 'junk.json');
    writeFileSync(junk, JSON.stringify({ hello: 'world' }));
    const refused = myotrophy(['restore', junk, '--data', target]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('not a Myotrophy backup: expected "format": "myotrophy-backup"');
    const missing = myotrophy(['backup', '--data', target]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('give the FILE to write the backup to');
  }, 180_000);

  const url = process.env.TEST_DATABASE_URL;
  it.skipIf(!url)(
    'restores an embedded backup into PostgreSQL (DATABASE_URL) and backs it up again',
    async () => {
      const dir = tempDir('backup-pg');
      const source = join(dir, 'source');
      expect(
        myotrophy(
          ['user', 'add', '--email', 'a@clinic.test', '--name', 'A', '--role', 'admin', '--data', source],
          env,
        ).status,
      ).toBe(0);
      const file = join(dir, 'clinic.json');
      expect(myotrophy(['backup', file, '--data', source]).status).toBe(0);
      const schema = `cli_${randomBytes(5).toString('hex')}`;
      const pgEnv = { DATABASE_URL: url, MYOTROPHY_DB_SCHEMA: schema };
      try {
        const restore = myotrophy(['restore', file, '--json'], pgEnv);
        expect(restore.status, restore.stderr).toBe(0);
        expect(JSON.parse(restore.stdout)).toMatchObject({ database: 'postgres', rows: { users: 1 } });
        const list = myotrophy(['user', 'list', '--json'], pgEnv);
        expect(JSON.parse(list.stdout).users.map((u: { email: string }) => u.email)).toEqual([
          'a@clinic.test',
        ]);
        const again = myotrophy(['backup', join(dir, 'again.json'), '--json'], pgEnv);
        expect(JSON.parse(again.stdout)).toMatchObject({
          database: 'postgres',
          // The user's creation and the restore.
          rows: { users: 1, audit_events: 2 },
        });
      } finally {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      }
    },
    180_000,
  );
});
