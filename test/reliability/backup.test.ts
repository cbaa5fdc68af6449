import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import {
  BACKUP_TABLES,
  parseSnapshot,
  restoreSnapshot,
  type Snapshot,
  takeSnapshot,
} from '../../src/store/backup.ts';
import type { Database } from '../../src/store/database.ts';
import { type ApiWorld, makeApiWorld, PASSWORD } from '../api-world.ts';
import { makeClinicRecord } from '../clinic-record.ts';
import { type TestDatabaseKind, testDatabases } from '../databases.ts';
import { INJECTION_STRINGS } from './schema-arbitrary.ts';

/**
 * Backup → restore into an empty database loses nothing: every row of every table comes back
 * byte for byte (the snapshot of the restored database equals the original's), across PGlite and
 * PostgreSQL in both directions, through the CLI's gzip file, and the restored clinic keeps working
 * (log in, write, and the audit log's numbering continues).
 */
interface TableDifference {
  missing: number;
  extra: number;
  changed: number;
}

/** Row-by-row differences between two snapshots, per table (rows matched by id when they have one). */
function snapshotDifferences(before: Snapshot, after: Snapshot): Record<string, TableDifference> {
  const differences: Record<string, TableDifference> = {};
  for (const table of BACKUP_TABLES) {
    const key = (row: Record<string, unknown>) => String(row.id ?? JSON.stringify(row));
    const a = new Map(before.tables[table].map((r) => [key(r), JSON.stringify(r)]));
    const b = new Map(after.tables[table].map((r) => [key(r), JSON.stringify(r)]));
    const d: TableDifference = { missing: 0, extra: 0, changed: 0 };
    for (const [id, row] of a) {
      if (!b.has(id)) d.missing += 1;
      else if (b.get(id) !== row) d.changed += 1;
    }
    for (const id of b.keys()) if (!a.has(id)) d.extra += 1;
    if (d.missing + d.extra + d.changed > 0) differences[table] = d;
  }
  return differences;
}

/** A restore adds one audit event (the restore itself) and changes nothing else. */
const RESTORE_AUDITED = { audit_events: { missing: 0, extra: 1, changed: 0 } };

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Writes random records with awkward content through the API: text, numbers and JSON bodies. */
async function fillWithAwkwardRecords(world: ApiWorld, runs: number): Promise<void> {
  // Text the API stores: no NUL, and well-formed Unicode (a lone surrogate is refused with 400).
  const storable = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);
  const awkwardText = fc.oneof(
    fc.constantFrom(...INJECTION_STRINGS.filter(storable)),
    fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }),
    fc.string({ minLength: 1, maxLength: 50, unit: 'binary' }).filter(storable),
  );
  const awkwardNumber = fc.oneof(
    fc.double({ min: 0, max: 200, noNaN: true }),
    fc.constantFrom(0.1 + 0.2, 1e-7, 199.99999999999997, 5e-324, 0),
  );
  await fc.assert(
    fc.asyncProperty(
      awkwardText,
      awkwardNumber,
      fc.jsonValue({ maxDepth: 4 }).filter((v) => !JSON.stringify(v).includes('\\u0000')),
      async (text, intensity, json) => {
        const note = await world.request(
          world.patientUserOne,
          'POST',
          `/api/patients/${world.patientOne}/notes`,
          {
            text,
          },
        );
        expect(note.statusCode).toBe(201);
        const session = await world.request(
          world.patientUserOne,
          'POST',
          `/api/patients/${world.patientOne}/sessions`,
          {
            kind: 'stimulation',
            startedAt: '2025-03-04T05:06:07.891Z',
            minutes: 12.5,
            peakIntensityMa: intensity,
            comfort: 7,
            pain: 2,
            completed: true,
            notes: text,
          },
        );
        expect(session.statusCode).toBe(201);
        const programme = await world.request(
          world.clinicianOne,
          'POST',
          `/api/patients/${world.patientOne}/programmes`,
          {
            body: { note: text, payload: json, sessionsPerWeek: 3 },
          },
        );
        expect([201, 400]).toContain(programme.statusCode);
      },
    ),
    { numRuns: runs },
  );
}

async function roundTrip(
  source: Database,
  into: TestDatabaseKind,
): Promise<{ before: Snapshot; after: Snapshot; target: Database }> {
  const before = await takeSnapshot(source.db, new Date());
  const target = await into.open();
  // Through text, as a backup file carries it.
  await restoreSnapshot(target.db, parseSnapshot(JSON.parse(JSON.stringify(before))));
  const after = await takeSnapshot(target.db, new Date());
  return { before, after, target };
}

describe.each(testDatabases)('backup from $name', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await makeApiWorld(kind);
    await makeClinicRecord(world.database.db);
    await fillWithAwkwardRecords(world, 25);
  }, 120_000);
  afterAll(async () => world?.close());

  it.each(testDatabases)(
    'restores into an empty $name database with nothing lost or changed',
    async (into) => {
      const { before, after, target } = await roundTrip(world.database, into);
      try {
        // Everything kept, plus the restore's own audit event.
        for (const table of BACKUP_TABLES)
          expect(after.tables[table].length, table).toBe(
            before.tables[table].length + (table === 'audit_events' ? 1 : 0),
          );
        expect(before.tables.notes.length).toBeGreaterThanOrEqual(25);
        expect(snapshotDifferences(before, after)).toEqual(RESTORE_AUDITED);
        // The restored clinic works: its accounts log in, and new records and audit events are written.
        const app = await buildApp(target);
        try {
          const login = await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: 'ada@home.test', password: PASSWORD },
          });
          expect(login.statusCode).toBe(200);
          const note = await app.inject({
            method: 'POST',
            url: `/api/patients/${world.patientOne}/notes`,
            headers: { authorization: `Bearer ${login.json().token}` },
            payload: { text: 'after the restore' },
          });
          expect(note.statusCode).toBe(201);
          const audit = await target.db
            .selectFrom('audit_events')
            .select(({ fn }) => fn.max('id').as('max'))
            .executeTakeFirst();
          expect(Number(audit?.max)).toBeGreaterThan(before.tables.audit_events.length);
        } finally {
          await app.close();
        }
      } finally {
        await target.close();
      }
    },
  );

  it('the checker reports a restore that drops or alters a row', async () => {
    const { before, target } = await roundTrip(world.database, kind);
    await target.close();
    const dropped = structuredClone(before);
    dropped.tables.notes.pop();
    const altered = structuredClone(before);
    (altered.tables.sessions[0] as Record<string, unknown>).minutes = 13;
    const added = structuredClone(before);
    added.tables.notes.push({
      ...(before.tables.notes[0] as object),
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(snapshotDifferences(before, dropped)).toEqual({ notes: { missing: 1, extra: 0, changed: 0 } });
    expect(snapshotDifferences(before, altered)).toEqual({ sessions: { missing: 0, extra: 0, changed: 1 } });
    expect(snapshotDifferences(before, added)).toEqual({ notes: { missing: 0, extra: 1, changed: 0 } });
  });
});

describe('backup and restore through the command line', () => {
  it('round-trips the embedded database through a gzip file into an empty one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'myotrophy-backup-cli-'));
    const source = join(root, 'source');
    const restored = join(root, 'restored');
    const { openDatabase } = await import('../../src/store/database.ts');
    const seeded = await openDatabase({ dataDir: source });
    await makeClinicRecord(seeded.db);
    const before = await takeSnapshot(seeded.db, new Date());
    await seeded.close();
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ['bin/myotrophy.js', ...args, '--json'], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: undefined },
        timeout: 120_000,
      });
    const backup = cli(['backup', join(root, 'clinic.json.gz'), '--data', source]);
    expect(backup.status, backup.stderr).toBe(0);
    const restore = cli(['restore', join(root, 'clinic.json.gz'), '--data', restored]);
    expect(restore.status, restore.stderr).toBe(0);
    const reopened = await openDatabase({ dataDir: restored });
    const after = await takeSnapshot(reopened.db, new Date());
    await reopened.close();
    expect(snapshotDifferences(before, after)).toEqual(RESTORE_AUDITED);
    expect(after.tables.programmes.length).toBe(before.tables.programmes.length);
    expect(after.tables.programmes.length).toBeGreaterThan(0);
    rmSync(root, { recursive: true, force: true });
  }, 120_000);
});
