import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { ACCOUNT_CHANGE_CHANNEL } from './account-changes.ts';
import {
  type AuditChainHead,
  chainedEventFromRow,
  readAuditChainHead,
  verifyAuditEvents,
} from './audit-chain.ts';
import { type Db, schemaVersion } from './database.ts';
import { recordAudit } from './records/audit.ts';

/**
 * Backup and restore as a logical snapshot: every table's rows as JSON, read in one REPEATABLE
 * READ transaction so the snapshot is consistent, and loaded back in one transaction so a restore
 * is all or nothing. The format is the same for PGlite and PostgreSQL, so a backup taken from the
 * embedded database restores into a server and back. Login sessions, one-time links, login
 * counters and request-rate counters are not included: a restore logs everyone out and voids open
 * invitations and resets.
 *
 * Since format 2 (security finding 17) a backup records the audit chain's head and a checksum:
 * SHA-256 of `JSON.stringify` of the snapshot without its `checksum` field, keys in the order
 * written. A restore checks the checksum, then that the audit events form an unbroken chain ending
 * at the recorded head, before it touches the database; it refuses with what is wrong otherwise,
 * answers a rule the rows break with the rule's name, and is itself audited.
 */
export const BACKUP_FORMAT = 'myotrophy-backup';
export const BACKUP_FORMAT_VERSION = 2;

/** Tables in foreign-key order: each refers only to tables before it (or to itself). */
export const BACKUP_TABLES = [
  'clinics',
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
  'questionnaire_schedules',
  'questionnaire_responses',
  'record_corrections',
  'bulk_export_jobs',
  'bulk_export_chunks',
  'reminder_settings',
  'push_subscriptions',
  'calendar_feed_links',
  'push_vapid_keys',
  'reminder_jobs',
  'scheduled_runs',
  'audit_events',
] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

export interface Snapshot {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  schemaVersion: string;
  createdAt: string;
  /** The audit chain's last event when the backup was taken. */
  auditHead: AuditChainHead;
  tables: Record<BackupTable, Record<string, unknown>[]>;
  /** `sha256:` and the hex digest of the rest (see above). */
  checksum: string;
}

function snapshotChecksum(snapshot: Omit<Snapshot, 'checksum'> & { checksum?: unknown }): string {
  const { checksum: _checksum, ...rest } = snapshot;
  return `sha256:${createHash('sha256').update(JSON.stringify(rest), 'utf8').digest('hex')}`;
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
      const unsealed = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        schemaVersion: schemaVersion(),
        createdAt: now.toISOString(),
        auditHead: await readAuditChainHead(tx),
        tables,
      } as const;
      return { ...unsealed, checksum: snapshotChecksum(unsealed) };
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
  if (typeof v.checksum !== 'string' || v.checksum !== snapshotChecksum(v as Snapshot)) {
    throw new InvalidInputError(
      "the backup's checksum does not match its content: the file was changed or damaged after it was written; nothing was restored",
    );
  }
  const snapshot = v as Snapshot;
  verifySnapshotAudit(snapshot);
  return snapshot;
}

function verifySnapshotAudit(snapshot: Snapshot): void {
  const head = snapshot.auditHead as Partial<AuditChainHead> | undefined;
  if (!head || !Number.isInteger(head.seq) || typeof head.hash !== 'string') {
    throw new InvalidInputError('the backup records no audit chain head; nothing was restored');
  }
  let events: ReturnType<typeof chainedEventFromRow>[];
  try {
    events = snapshot.tables.audit_events.map(chainedEventFromRow).sort((a, b) => a.seq - b.seq);
  } catch (error) {
    throw new InvalidInputError(
      `the backup's audit trail is malformed (${(error as Error).message}); nothing was restored`,
    );
  }
  const verdict = verifyAuditEvents(events, head as AuditChainHead);
  if (!verdict.intact) {
    throw new InvalidInputError(
      `the backup's audit trail is not intact: ${verdict.problem}; nothing was restored`,
    );
  }
}

/** A rule of the database the backup's rows break (SQLSTATE class 23), in words; else the error as is. */
function restoreError(error: unknown): unknown {
  const e = error as {
    code?: unknown;
    constraint?: unknown;
    table?: unknown;
    detail?: unknown;
    message?: unknown;
  };
  if (typeof e?.code !== 'string' || !/^2[23]/.test(e.code)) return error;
  const where = [
    typeof e.table === 'string' ? `table ${e.table}` : '',
    typeof e.constraint === 'string' ? `rule ${e.constraint}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const detail = typeof e.detail === 'string' ? ` (${e.detail})` : '';
  return new InvalidInputError(
    `the backup's rows break a rule of this database${where ? ` (${where})` : ''}: ${String(e.message)}${detail}; nothing was restored`,
  );
}

/**
 * Replaces every row in the database with the snapshot's, in one transaction, and audits the
 * restore as the chain's next event (no user, address `local`: the database's operator).
 */
export async function restoreSnapshot(db: Db, snapshot: Snapshot): Promise<RowCounts> {
  const checked = parseSnapshot(snapshot);
  await db
    .transaction()
    .execute(async (tx) => {
      // The events are loaded as chained (and checked above); the chain's trigger leaves them be.
      await sql`select set_config('myotrophy.restoring_audit', 'on', true)`.execute(tx);
      await sql`truncate ${sql.join(
        ['auth_sessions', 'account_links', 'login_throttle', 'rate_limit_counters', ...BACKUP_TABLES].map(
          (t) => sql.table(t),
        ),
      )} restart identity`.execute(tx);
      // A truncate fires no row trigger: tell every server process to drop its copies of sessions
      // (an empty payload: every account) when the restore commits.
      await sql`select pg_notify(${ACCOUNT_CHANGE_CHANNEL}, '')`.execute(tx);
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
      await tx
        .updateTable('audit_chain_head')
        .set({ seq: String(checked.auditHead.seq), hash: checked.auditHead.hash })
        .execute();
      await sql`select set_config('myotrophy.restoring_audit', 'off', true)`.execute(tx);
      await recordAudit(tx, {
        userId: null,
        action: 'restore',
        resource: 'backup',
        ip: 'local',
        // The whole instance's event; the clinics it was set for were replaced with the backup's.
        clinicId: null,
        reason: `restored a backup taken ${checked.createdAt} holding ${checked.auditHead.seq} audit events (head ${checked.auditHead.hash}), checksum ${checked.checksum}`,
      });
    })
    .catch((error: unknown) => {
      throw restoreError(error);
    });
  return countRows(checked);
}
