import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  auditEventHash,
  chainedEventFromRow,
  GENESIS_HASH,
  verifyLiveAuditChain,
} from '../../src/store/audit-chain.ts';
import { parseSnapshot, restoreSnapshot, type Snapshot, takeSnapshot } from '../../src/store/backup.ts';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { recordAudit } from '../../src/store/records/audit.ts';
import { createUser } from '../../src/store/records/users.ts';
import { myotrophy, tempDir } from '../cli.ts';
import { testDatabases } from '../databases.ts';

/**
 * Finding 17 (LOW): a restore's constraint error surfaced as an internal error, restores were not
 * audited, and a backup whose audit trail was emptied restored silently. Now the audit trail is a
 * hash chain kept by the database in each writer's transaction, backups carry a checksum and the
 * chain's head, a restore checks both (and names a broken rule) before changing anything and is
 * audited, and `myotrophy audit verify` checks a live database.
 */

/** Awkward text the canonical form must carry exactly: quotes, backslash, controls, non-ASCII, emoji. */
const AWKWARD = 'a "quoted" \\ back\nslash\ttab \u0001\u001f é 漢字 🦵 </script>';

/** A database the command line can open too: a PGlite directory, or a PostgreSQL schema. */
interface CliDatabase {
  database: Database;
  cliArgs: string[];
  cliEnv: Record<string, string>;
  reopen(): Promise<Database>;
  drop(): Promise<void>;
}

async function cliDatabase(kind: (typeof testDatabases)[number]): Promise<CliDatabase> {
  if (kind.name === 'pglite') {
    const dataDir = join(tempDir('audit'), 'data');
    return {
      database: await openDatabase({ dataDir }),
      cliArgs: ['--data', dataDir],
      cliEnv: {},
      reopen: () => openDatabase({ dataDir }),
      drop: async () => {},
    };
  }
  const url = process.env.TEST_DATABASE_URL as string;
  const schema = `audit_${randomBytes(5).toString('hex')}`;
  return {
    database: await openDatabase({ databaseUrl: url, schema, poolSize: 4 }),
    cliArgs: [],
    cliEnv: { DATABASE_URL: url, MYOTROPHY_DB_SCHEMA: schema },
    reopen: () => openDatabase({ databaseUrl: url, schema, poolSize: 4 }),
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

/** What someone with write access to the database does: lift the append-only rule and edit. */
async function tamper(database: Database, statement: ReturnType<typeof sql>): Promise<void> {
  await database.db.transaction().execute(async (tx) => {
    await sql`alter table audit_events disable trigger audit_events_append_only`.execute(tx);
    await statement.execute(tx);
    await sql`alter table audit_events enable trigger audit_events_append_only`.execute(tx);
  });
}

/** Re-seals an edited backup the way the format defines its checksum, as a careful forger would. */
function reseal(snapshot: Snapshot): Snapshot {
  const { checksum: _old, ...rest } = snapshot;
  return {
    ...rest,
    checksum: `sha256:${createHash('sha256').update(JSON.stringify(rest)).digest('hex')}`,
  };
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe.each(testDatabases)('finding 17, tamper-evident audit and verified restore, on $name', (kind) => {
  const opened: CliDatabase[] = [];
  afterAll(async () => {
    for (const o of opened) {
      await o.database.close().catch(() => {});
      await o.drop();
    }
  });
  const fresh = async () => {
    const o = await cliDatabase(kind);
    opened.push(o);
    return o;
  };
  const audit = (database: Database, n: number, reason = AWKWARD) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        recordAudit(database.db, {
          userId: null,
          action: 'read',
          resource: 'test',
          recordId: String(i),
          reason,
        }),
      ),
    );

  it('chains every event by the documented canonical text, which this test recomputes by hand', async () => {
    const { database } = await fresh();
    await audit(database, 3);
    const rows = await sql<Record<string, unknown>>`
      select *, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
      from audit_events order by seq`.execute(database.db);
    expect(rows.rows.map((r) => Number(r.seq))).toEqual([1, 2, 3]);
    expect(rows.rows[0]?.prev_hash).toBe(GENESIS_HASH);
    let previous = GENESIS_HASH;
    for (const row of rows.rows) {
      // The command line's events belong to the first clinic, whose id ends the text (migration 0017).
      expect(row.clinic_id).toMatch(/^[0-9a-f-]{36}$/);
      const text = `[${row.seq}, ${row.id}, "${row.at}", null, "read", "test", "${row.record_id}", null, null, null, ${JSON.stringify(AWKWARD)}, "${previous}", "${row.clinic_id}"]`;
      expect(row.prev_hash).toBe(previous);
      expect(row.hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      expect(auditEventHash(chainedEventFromRow(row))).toBe(row.hash);
      previous = row.hash as string;
    }
  });

  it('keeps the chain a line under concurrent writers, in and out of transactions', async () => {
    const { database } = await fresh();
    const inTransactions = Array.from({ length: 12 }, (_, i) =>
      database.db.transaction().execute(async (tx) => {
        await createUser(tx, {
          email: `u${i}@clinic.test`,
          name: `U ${i}`,
          role: 'clinician',
          passwordHash: 'x',
        });
        await recordAudit(tx, { userId: null, action: 'create', resource: 'user', recordId: String(i) });
        await recordAudit(tx, { userId: null, action: 'read', resource: 'user', recordId: String(i) });
      }),
    );
    await Promise.all([...inTransactions, audit(database, 40)]);
    const verdict = await verifyLiveAuditChain(database.db);
    expect(verdict).toMatchObject({ intact: true, events: 64, head: { seq: 64 } });
    const seqs = await database.db.selectFrom('audit_events').select('seq').orderBy('seq').execute();
    expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
  });

  it('refuses to change or delete an event', async () => {
    const { database } = await fresh();
    await audit(database, 2);
    await expect(
      database.db.updateTable('audit_events').set({ reason: 'nothing happened' }).execute(),
    ).rejects.toThrow('the audit trail is append-only');
    await expect(database.db.deleteFrom('audit_events').execute()).rejects.toThrow('append-only');
  });

  it('`myotrophy audit verify` passes an intact trail and names the first broken event otherwise', async () => {
    const o = await fresh();
    await audit(o.database, 5);
    await o.database.close();
    const intact = myotrophy(['audit', 'verify', ...o.cliArgs, '--json'], o.cliEnv);
    expect(intact.status, intact.stderr).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ intact: true, events: 5, head: { seq: 5 } });

    o.database = await o.reopen();
    await tamper(o.database, sql`update audit_events set reason = 'nothing to see' where seq = 3`);
    await o.database.close();
    const changed = myotrophy(['audit', 'verify', ...o.cliArgs], o.cliEnv);
    expect(changed.status).toBe(3);
    expect(changed.stdout).toMatch(
      /^the audit trail is broken at event 3: event 3 \(id \d+\) was changed: its content no longer matches its hash \(2 events before it are intact\)/,
    );

    o.database = await o.reopen();
    await tamper(o.database, sql`delete from audit_events where seq >= 3`);
    const truncated = await verifyLiveAuditChain(o.database.db);
    expect(truncated).toMatchObject({
      intact: false,
      brokenSeq: 3,
      problem: 'the audit trail ends at event 2 but its head records 5 events: events 3–5 were removed',
    });
    await tamper(o.database, sql`delete from audit_events`);
    expect(await verifyLiveAuditChain(o.database.db)).toMatchObject({ intact: false, brokenSeq: 1 });
  }, 120_000);

  it('detects an event removed from the middle', async () => {
    const { database } = await fresh();
    await audit(database, 4);
    await tamper(database, sql`delete from audit_events where seq = 2`);
    expect(await verifyLiveAuditChain(database.db)).toMatchObject({
      intact: false,
      brokenSeq: 3,
      problem: expect.stringMatching(/^events 2–2 are missing before event 3/),
    });
  });

  describe('restore', () => {
    const backupOf = async () => {
      const { database } = await fresh();
      await createUser(database.db, {
        email: 'doc@clinic.test',
        name: 'Doc',
        role: 'clinician',
        passwordHash: 'x',
      });
      await audit(database, 3);
      return { snapshot: clone(await takeSnapshot(database.db, new Date())) };
    };

    it('refuses a backup whose bytes changed after it was written (checksum), changing nothing', async () => {
      const { snapshot } = await backupOf();
      const { database: target } = await fresh();
      await audit(target, 1);
      const edited = clone(snapshot);
      (edited.tables.users[0] as { role: string }).role = 'admin';
      await expect(restoreSnapshot(target.db, edited)).rejects.toThrow(
        "the backup's checksum does not match its content: the file was changed or damaged after it was written; nothing was restored",
      );
      expect(await verifyLiveAuditChain(target.db)).toMatchObject({ intact: true, events: 1 });
    });

    it('refuses a re-sealed backup whose audit trail was emptied, or one event edited', async () => {
      const { snapshot } = await backupOf();
      const emptied = reseal({ ...clone(snapshot), tables: { ...snapshot.tables, audit_events: [] } });
      expect(() => parseSnapshot(emptied)).toThrow(
        "the backup's audit trail is not intact: the audit trail ends at event 0 but its head records 3 events: events 1–3 were removed; nothing was restored",
      );
      const edited = clone(snapshot);
      const event = edited.tables.audit_events.find((e) => Number(e.seq) === 2) as { reason: string };
      event.reason = 'nothing happened';
      expect(() => parseSnapshot(reseal(edited))).toThrow(
        /^the backup's audit trail is not intact: event 2 \(id \d+\) was changed: its content no longer matches its hash; nothing was restored$/,
      );
    });

    it('answers a rule the rows break with its name, not an internal error', async () => {
      const { snapshot } = await backupOf();
      const twice = clone(snapshot);
      twice.tables.users.push({ ...twice.tables.users[0], id: '00000000-0000-4000-8000-000000000001' });
      const { database: target } = await fresh();
      await expect(restoreSnapshot(target.db, reseal(twice))).rejects.toThrow(
        /^the backup's rows break a rule of this database \(table users, rule users_email_key\): .*; nothing was restored$/,
      );
    });

    it('audits the restore as the next event of the restored chain', async () => {
      const { snapshot } = await backupOf();
      const { database: target } = await fresh();
      await restoreSnapshot(target.db, snapshot);
      const verdict = await verifyLiveAuditChain(target.db);
      expect(verdict).toMatchObject({ intact: true, events: 4 });
      const last = await target.db
        .selectFrom('audit_events')
        .selectAll()
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(last).toMatchObject({ action: 'restore', resource: 'backup', ip: 'local', user_id: null });
      expect(last.reason).toBe(
        `restored a backup taken ${snapshot.createdAt} holding 3 audit events (head ${snapshot.auditHead.hash}), checksum ${snapshot.checksum}`,
      );
    });

    it('the command line refuses a tampered file with the reason and exit 2, not an internal error', async () => {
      const { snapshot } = await backupOf();
      const file = join(tempDir('audit-restore'), 'tampered.json');
      writeFileSync(
        file,
        JSON.stringify(reseal({ ...clone(snapshot), tables: { ...snapshot.tables, audit_events: [] } })),
      );
      const target = await fresh();
      await target.database.close();
      const refused = myotrophy(['restore', file, ...target.cliArgs], target.cliEnv);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toBe(
        "myotrophy restore: the backup's audit trail is not intact: the audit trail ends at event 0 but its head records 3 events: events 1–3 were removed; nothing was restored\n",
      );
      target.database = await target.reopen();
    }, 120_000);
  });
});
