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
  };
}

export interface BulkExportScope {
  /** The requester: only patients on their care team are exported. */
  requestedBy: string;
  /** When set, only patients this clinician shares with the requester (the Group's members). */
  groupId: string | null;
}

/** The patients of a scope after a patient id (or from the first), in id order, at most `limit`. */
function scopedPatients(db: Db, scope: BulkExportScope) {
  let query = db.selectFrom('care_team as mine').where('mine.user_id', '=', scope.requestedBy);
  if (scope.groupId) {
    query = query
      .innerJoin('care_team as group', 'group.patient_id', 'mine.patient_id')
      .where('group.user_id', '=', scope.groupId);
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
  patientsTotal: number;
  now: Date;
}

export async function createBulkExportJob(db: Db, input: NewBulkExportJob): Promise<BulkExportJob> {
  const row = await db
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
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toJob(row);
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
            // Unique per batch and in export order: the patients done before it.
            seq: job.patientsDone,
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
