import { sql } from 'kysely';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { type Db, schemaVersion } from './database.ts';

/**
 * Backup and restore as a logical snapshot: every table's rows as JSON, read in one REPEATABLE
 * READ transaction so the snapshot is consistent, and loaded back in one transaction so a restore
 * is all or nothing. The format is the same for PGlite and PostgreSQL, so a backup taken from the
 * embedded database restores into a server and back. Login sessions, one-time links and login
 * counters are not included: a restore logs everyone out and voids open invitations and resets.
 */
export const BACKUP_FORMAT = 'myotrophy-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** Tables in foreign-key order: each refers only to tables before it (or to itself). */
export const BACKUP_TABLES = [
  'patients',
  'users',
  'care_team',
  'conditions',
  'screenings',
  'measurements',
  'sd_tests',
  'identified_models',
  'programmes',
  'sessions',
  'notes',
  'red_flag_resolutions',
  'audit_events',
] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

export interface Snapshot {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  schemaVersion: string;
  createdAt: string;
  tables: Record<BackupTable, Record<string, unknown>[]>;
}

export type RowCounts = Record<BackupTable, number>;

export async function takeSnapshot(db: Db, now: Date): Promise<Snapshot> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const tables = {} as Snapshot['tables'];
      for (const table of BACKUP_TABLES) {
        // Rows as JSON built by the database itself: exact text for every type (timestamps with zone,
        // doubles to the last digit, jsonb as is), identical on PGlite and PostgreSQL.
        const result = await sql<{ rows: Record<string, unknown>[] | null }>`
          select json_agg(t order by t.*::text) as rows from ${sql.table(table)} t`.execute(tx);
        tables[table] = result.rows[0]?.rows ?? [];
      }
      return {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        schemaVersion: schemaVersion(),
        createdAt: now.toISOString(),
        tables,
      };
    });
}

export function countRows(snapshot: Snapshot): RowCounts {
  return Object.fromEntries(BACKUP_TABLES.map((t) => [t, snapshot.tables[t].length])) as RowCounts;
}

/** Checks a parsed file is a snapshot this version can load; the message says what is wrong. */
export function parseSnapshot(value: unknown): Snapshot {
  const v = value as Partial<Snapshot> | null;
  if (!v || typeof v !== 'object' || v.format !== BACKUP_FORMAT) {
    throw new InvalidInputError(`not a Myotrophy backup: expected "format": "${BACKUP_FORMAT}"`);
  }
  if (v.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new InvalidInputError(
      `backup format version ${String(v.formatVersion)} is not supported; this Myotrophy reads version ${BACKUP_FORMAT_VERSION}`,
    );
  }
  if (v.schemaVersion !== schemaVersion()) {
    throw new InvalidInputError(
      `the backup has schema ${String(v.schemaVersion)} but this Myotrophy has schema ${schemaVersion()}; restore it with the matching version`,
    );
  }
  const tables = v.tables as Record<string, unknown> | undefined;
  for (const table of BACKUP_TABLES) {
    if (!Array.isArray(tables?.[table]))
      throw new InvalidInputError(`the backup has no rows array for ${table}`);
  }
  return v as Snapshot;
}

/** Replaces every row in the database with the snapshot's, in one transaction. */
export async function restoreSnapshot(db: Db, snapshot: Snapshot): Promise<RowCounts> {
  const checked = parseSnapshot(snapshot);
  await db.transaction().execute(async (tx) => {
    await sql`truncate ${sql.join(
      ['auth_sessions', 'account_links', 'login_throttle', ...BACKUP_TABLES].map((t) => sql.table(t)),
    )} restart identity`.execute(tx);
    for (const table of BACKUP_TABLES) {
      const rows = checked.tables[table];
      if (rows.length === 0) continue;
      await sql`
        insert into ${sql.table(table)} overriding system value
        select * from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(
        tx,
      );
    }
    await sql`
      select setval(pg_get_serial_sequence('audit_events', 'id'), coalesce(max(id), 0) + 1, false)
      from audit_events`.execute(tx);
  });
  return countRows(checked);
}
