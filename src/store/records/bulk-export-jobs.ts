import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { iso, isoOrNull, newId, type RowOf } from '../rows.ts';

/**
 * FHIR Bulk Data export jobs and their ndjson output (migration 0011; docs/bulk-export.md). A job's
 * output is kept as chunks in the database, each committed with the job's cursor in one
 * transaction, so a restarted server resumes a job exactly after the last patient committed, any
 * server process can answer a status poll or a download, and a crash never leaves half a line.
 */
export interface BulkExportJob {
  id: string;
  requestedBy: string;
  requestedAt: string;
  requestUrl: string;
  /** The clinician whose caseload is the exported Group; null for everything the requester sees. */
  groupId: string | null;
  /** The resource types asked for; empty for every type. */
  resourceTypes: string[];
  status: 'in-progress' | 'completed' | 'failed';
  /** The last patient whose resources are committed (patients are exported in id order). */
  cursorPatientId: string | null;
  patientsDone: number;
  patientsTotal: number;
  finishedAt: string | null;
  failure: string | null;
  /** The requester's clinic: the job runs for it. */
  clinicId: string;
  /** `_since`: only what changed after this instant; null for everything. */
  since: string | null;
  /** The `_typeFilter` queries the job honours. */
  typeFilters: string[];
  /**
   * The database clock at kick-off, to the millisecond: the export holds every change up to it
   * and none after (null only for jobs started before migration 0019).
   */
  transactionTime: string | null;
  /** The export reads nothing until every transaction with an id below this one has ended. */
  settledXid: string | null;
}

function toJob(row: RowOf<'bulk_export_jobs'>): BulkExportJob {
  return {
    id: row.id,
    clinicId: row.clinic_id,
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at),
    requestUrl: row.request_url,
    groupId: row.group_id,
    resourceTypes: row.resource_types ? row.resource_types.split(',') : [],
    status: row.status,
    cursorPatientId: row.cursor_patient_id,
    patientsDone: row.patients_done,
    patientsTotal: row.patients_total,
    finishedAt: isoOrNull(row.finished_at),
    failure: row.failure,
    since: isoOrNull(row.since),
    typeFilters: JSON.parse(row.type_filters) as string[],
    transactionTime: isoOrNull(row.transaction_time),
    settledXid: row.settled_xid,
  };
}

export interface BulkExportScope {
  /** The requester: only patients on their care team are exported. */
  requestedBy: string;
  /** When set, only patients this clinician shares with the requester (the Group's members). */
  groupId: string | null;
  /** When set, only care-team places taken at or before this instant (the export's transaction time). */
  upTo?: Date | null;
}

/** The patients of a scope. */
function scopedPatients(db: Db, scope: BulkExportScope) {
  let query = db.selectFrom('care_team as mine').where('mine.user_id', '=', scope.requestedBy);
  if (scope.upTo) query = query.where(sql<boolean>`mine.changed_at <= ${scope.upTo}`);
  if (scope.groupId) {
    query = query
      .innerJoin('care_team as group', 'group.patient_id', 'mine.patient_id')
      .where('group.user_id', '=', scope.groupId);
    if (scope.upTo) query = query.where(sql<boolean>`"group".changed_at <= ${scope.upTo}`);
  }
  return query;
}

/** How many patients a scope holds now. */
export async function countBulkExportPatients(db: Db, scope: BulkExportScope): Promise<number> {
  const row = await scopedPatients(db, scope)
    .select(sql<number>`count(distinct mine.patient_id)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * The next patients of a scope after `after` (from the first when null), in id order. The care
 * team is read on every batch, so a clinician taken off a care team mid-export exports no more of it.
 */
export async function nextBulkExportPatients(
  db: Db,
  scope: BulkExportScope,
  after: string | null,
  limit: number,
): Promise<string[]> {
  let query = scopedPatients(db, scope).select('mine.patient_id').distinct();
  if (after) query = query.where('mine.patient_id', '>', after);
  const rows = await query.orderBy('mine.patient_id').limit(limit).execute();
  return rows.map((r) => r.patient_id);
}

export interface NewBulkExportJob extends BulkExportScope {
  requestUrl: string;
  resourceTypes: readonly string[];
  /** `_since`; everything when absent. */
  since?: Date | null;
  typeFilters?: readonly string[];
  /** Lines of the job's error file known at kick-off (warnings about what it ignores). */
  notes?: BulkExportLines;
  patientsTotal: number;
  now: Date;
}

/**
 * Creates a job, taking its transaction time from the database clock (truncated to the
 * millisecond, the precision a client hands back as `_since`) and then the id the first
 * transaction not yet begun will get: every row changed up to that time was written by a
 * transaction with a lower id (migration 0019's trigger takes the id before the clock).
 */
export async function createBulkExportJob(db: Db, input: NewBulkExportJob): Promise<BulkExportJob> {
  const clock = await sql<{ at: Date }>`select date_trunc('milliseconds', clock_timestamp()) as at`.execute(
    db,
  );
  const next = await sql<{
    xid: string;
  }>`select pg_snapshot_xmax(pg_current_snapshot())::text as xid`.execute(db);
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('bulk_export_jobs')
      .values({
        id: newId(),
        requested_by: input.requestedBy,
        requested_at: input.now,
        request_url: input.requestUrl,
        group_id: input.groupId,
        resource_types: input.resourceTypes.join(','),
        status: 'in-progress',
        patients_total: input.patientsTotal,
        since: input.since ?? null,
        type_filters: JSON.stringify(input.typeFilters ?? []),
        transaction_time: (clock.rows[0] as { at: Date }).at,
        settled_xid: (next.rows[0] as { xid: string }).xid,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.notes && input.notes.lines.length > 0) {
      // seq 0 is the kick-off's; a batch's chunks follow it (seq = patients done before it + 1).
      await tx
        .insertInto('bulk_export_chunks')
        .values({
          job_id: row.id,
          resource_type: input.notes.resourceType,
          seq: 0,
          line_count: input.notes.lines.length,
          ndjson: `${input.notes.lines.join('\n')}\n`,
        })
        .execute();
    }
    return toJob(row);
  });
}

/**
 * True once every transaction with an id below `xid` has ended (committed or rolled back). An id
 * this database has not reached yet came with a restored backup from another: nothing to wait for.
 */
export async function transactionsSettled(db: Db, xid: string): Promise<boolean> {
  const result = await sql<{ settled: boolean }>`
    select pg_snapshot_xmin(now) >= ${xid}::xid8 or pg_snapshot_xmax(now) < ${xid}::xid8 as settled
    from (select pg_current_snapshot() as now) as snapshot`.execute(db);
  return result.rows[0]?.settled === true;
}

/** The patients whose care-team place in a scope was taken after `since` (joined the Group since). */
async function joinedSince(db: Db, scope: BulkExportScope, patientIds: readonly string[], since: Date) {
  const members = [scope.requestedBy, ...(scope.groupId ? [scope.groupId] : [])];
  const rows = await sql<{ id: string }>`select distinct patient_id as id from care_team
    where patient_id = any(${patientIds}::uuid[]) and user_id = any(${members}::uuid[])
      and changed_at > ${since}`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}

/** The stored entries (record-source.ts) of these patients, and the users, changed in (after, upTo]. */
async function changedSources(
  db: Db,
  patientIds: readonly string[],
  after: Date | null,
  upTo: Date | null,
): Promise<Set<string>> {
  const ids = sql`${patientIds}::uuid[]`;
  const inWindow = sql`(${after}::timestamptz is null or changed_at > ${after}::timestamptz)
    and (${upTo}::timestamptz is null or changed_at <= ${upTo}::timestamptz)`;
  const byPatient = (kind: string, table: string) =>
    sql`select ${`${kind}/`} || id as source from ${sql.table(table)} where patient_id = any(${ids}) and ${inWindow}`;
  const rows = await sql<{ source: string }>`
    select 'patient/' || id as source from patients where id = any(${ids}) and ${inWindow}
    union all select 'user/' || id from users where ${inWindow}
    union all select 'care-team/' || patient_id || '/' || user_id from care_team
      where patient_id = any(${ids}) and ${inWindow}
    union all ${byPatient('condition', 'conditions')}
    union all ${byPatient('measurement', 'measurements')}
    union all ${byPatient('sd-test', 'sd_tests')}
    union all ${byPatient('identified-model', 'identified_models')}
    union all ${byPatient('programme', 'programmes')}
    union all ${byPatient('session', 'sessions')}
    union all ${byPatient('questionnaire-response', 'questionnaire_responses')}
    union all ${byPatient('correction', 'record_corrections')}`.execute(db);
  return new Set(rows.rows.map((r) => r.source));
}

/**
 * Which of a batch's stored entries an export with this window may carry: none changed after the
 * transaction time (the next export, `_since` = that time, carries them), and with `_since` only
 * those changed after it — except for patients who joined the scope after `_since`, whose whole
 * record up to the transaction time is new to the client.
 */
export interface BulkExportChanges {
  changedAfterTransaction: Set<string>;
  /** Null without `_since`. */
  changedSince: Set<string> | null;
  joinedSince: Set<string>;
}

export async function bulkExportChanges(
  db: Db,
  scope: BulkExportScope,
  patientIds: readonly string[],
  window: { since: Date | null; upTo: Date | null },
): Promise<BulkExportChanges> {
  const { since, upTo } = window;
  return {
    changedAfterTransaction: upTo ? await changedSources(db, patientIds, upTo, null) : new Set(),
    changedSince: since ? await changedSources(db, patientIds, since, upTo) : null,
    joinedSince: since ? await joinedSince(db, scope, patientIds, since) : new Set(),
  };
}

export async function findBulkExportJob(db: Db, id: string): Promise<BulkExportJob | undefined> {
  const row = await db.selectFrom('bulk_export_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob(row) : undefined;
}

/**
 * Takes an unfinished job for this process until `leaseUntil`: the job named, or (without an id)
 * the oldest whose lease ran out. Undefined when there is none free (another process holds it,
 * or it finished or was cancelled).
 */
export async function claimBulkExportJob(
  db: Db,
  now: Date,
  leaseUntil: Date,
  id?: string,
): Promise<BulkExportJob | undefined> {
  return db.transaction().execute(async (tx) => {
    let free = tx
      .selectFrom('bulk_export_jobs')
      .select('id')
      .where('status', '=', 'in-progress')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]));
    if (id) free = free.where('id', '=', id);
    const found = await free.orderBy('requested_at').limit(1).forUpdate().skipLocked().executeTakeFirst();
    if (!found) return undefined;
    const row = await tx
      .updateTable('bulk_export_jobs')
      .set({ lease_until: leaseUntil })
      .where('id', '=', found.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toJob(row);
  });
}

/** The lines of one resource type written for one batch of patients. */
export interface BulkExportLines {
  resourceType: string;
  lines: readonly string[];
}

/**
 * Commits one batch: its chunks, the cursor and the count of patients done, and a renewed lease, in
 * one transaction. False (and nothing written) when the job is no longer in progress: cancelled.
 */
export async function commitBulkExportBatch(
  db: Db,
  job: Pick<BulkExportJob, 'id' | 'patientsDone'>,
  batch: { chunks: readonly BulkExportLines[]; lastPatientId: string; patients: number; leaseUntil: Date },
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('bulk_export_jobs')
      .set({
        cursor_patient_id: batch.lastPatientId,
        patients_done: job.patientsDone + batch.patients,
        lease_until: batch.leaseUntil,
      })
      .where('id', '=', job.id)
      .where('status', '=', 'in-progress')
      .where('patients_done', '=', job.patientsDone)
      .returning('id')
      .executeTakeFirst();
    if (!updated) return false;
    const chunks = batch.chunks.filter((c) => c.lines.length > 0);
    if (chunks.length > 0) {
      await tx
        .insertInto('bulk_export_chunks')
        .values(
          chunks.map((c) => ({
            job_id: job.id,
            resource_type: c.resourceType,
            // Unique per batch and in export order: the patients done before it, after the kick-off's 0.
            seq: job.patientsDone + 1,
            line_count: c.lines.length,
            ndjson: `${c.lines.join('\n')}\n`,
          })),
        )
        .execute();
    }
    return true;
  });
}

/** Marks a job completed, or failed with the reason; its lease ends. */
export async function finishBulkExportJob(
  db: Db,
  id: string,
  now: Date,
  failure: string | null = null,
): Promise<void> {
  await db
    .updateTable('bulk_export_jobs')
    .set({
      status: failure === null ? 'completed' : 'failed',
      failure: failure?.slice(0, 2000) ?? null,
      finished_at: now,
      lease_until: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'in-progress')
    .execute();
}

/** Ends this process's lease on a job it stops working on (the server is closing). */
export async function releaseBulkExportJob(db: Db, id: string): Promise<void> {
  await db.updateTable('bulk_export_jobs').set({ lease_until: null }).where('id', '=', id).execute();
}

/** Cancels a job: the job and its output are deleted (a running batch then commits nothing). */
export async function deleteBulkExportJob(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('bulk_export_jobs').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Deletes the jobs that finished (completed or failed) before `cutoff`, with their output; the
 * number deleted. Jobs still running are never touched.
 */
export async function deleteBulkExportJobsFinishedBefore(db: Db, cutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom('bulk_export_jobs')
    .where('status', '<>', 'in-progress')
    .where('finished_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The number of lines written per resource type, by type name. */
export async function bulkExportLineCounts(db: Db, id: string): Promise<{ type: string; count: number }[]> {
  const rows = await db
    .selectFrom('bulk_export_chunks')
    .select(['resource_type', sql<number>`sum(line_count)::int`.as('count')])
    .where('job_id', '=', id)
    .groupBy('resource_type')
    .orderBy('resource_type')
    .execute();
  return rows.map((r) => ({ type: r.resource_type, count: r.count }));
}

/**
 * The ndjson of one resource type, chunk by chunk in export order, reading `perRead` chunks at a
 * time, so a download holds a few chunks in memory whatever the size of the export.
 */
export async function* readBulkExportChunks(
  db: Db,
  id: string,
  resourceType: string,
  perRead = 8,
): AsyncGenerator<string> {
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('bulk_export_chunks')
      .select(['seq', 'ndjson'])
      .where('job_id', '=', id)
      .where('resource_type', '=', resourceType)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(perRead)
      .execute();
    for (const row of rows) yield row.ndjson;
    if (rows.length < perRead) return;
    after = (rows.at(-1) as { seq: number }).seq;
  }
}
