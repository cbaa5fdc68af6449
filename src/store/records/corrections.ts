import type { Kysely } from 'kysely';
import type { EntryStatus, RecordCorrection } from '../../clinic/record/correction.ts';
import type { Db } from '../database.ts';
import { iso, newId, type RowOf } from '../rows.ts';
import type { Schema } from '../schema.ts';

/** The table each correctable kind (other than programmes, versioned already) is kept in. */
export const VERSIONED_TABLE = {
  conditions: 'conditions',
  screenings: 'screenings',
  measurements: 'measurements',
  'sd-tests': 'sd_tests',
  sessions: 'sessions',
  notes: 'notes',
} as const;
export type VersionedKind = keyof typeof VERSIONED_TABLE;
type VersionedTable = (typeof VERSIONED_TABLE)[VersionedKind];

/** The versioned tables as the one shape these statements need. */
type VersionedTables = Record<
  VersionedTable,
  { id: string; patient_id: string; status: EntryStatus; replaces_id: string | null }
>;
const versioned = (db: Kysely<Schema>) => db as unknown as Kysely<VersionedTables>;

/**
 * Sets a current entry's status (the only change a stored entry ever gets): 'superseded' when an
 * amendment replaces it, 'entered-in-error'. False when it was not current (already corrected).
 */
export async function closeEntry(
  tx: Kysely<Schema>,
  kind: VersionedKind,
  patientId: string,
  recordId: string,
  status: Exclude<EntryStatus, 'current'>,
): Promise<boolean> {
  const rows = await versioned(tx)
    .updateTable(VERSIONED_TABLE[kind])
    .set({ status })
    .where('patient_id', '=', patientId)
    .where('id', '=', recordId)
    .where('status', '=', 'current')
    .returning('id')
    .execute();
  return rows.length === 1;
}

/** Names the entry an amendment replaces, on the amendment (a row written a moment ago in the same transaction). */
export async function linkAmendment(
  tx: Kysely<Schema>,
  kind: VersionedKind,
  amendmentId: string,
  replacesId: string,
): Promise<void> {
  await versioned(tx)
    .updateTable(VERSIONED_TABLE[kind])
    .set({ replaces_id: replacesId })
    .where('id', '=', amendmentId)
    .execute();
}

/**
 * Marks a programme entered in error: it stops being approved (or a draft) at once, so the safety
 * gate sees no approved programme until a clinician approves another. False when it already was.
 */
export async function programmeEnteredInError(
  tx: Kysely<Schema>,
  patientId: string,
  programmeId: string,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .updateTable('programmes')
    .set({ status: 'entered-in-error', ended_at: now })
    .where('patient_id', '=', patientId)
    .where('id', '=', programmeId)
    .where('status', '!=', 'entered-in-error')
    .returning('id')
    .execute();
  return rows.length === 1;
}

/** Keeps one correction: what was done to which entry, why, by whom and when. */
export async function recordCorrection(
  tx: Kysely<Schema>,
  correction: Omit<RecordCorrection, 'id' | 'correctedAt'> & { correctedAt: Date },
): Promise<RecordCorrection> {
  const row = await tx
    .insertInto('record_corrections')
    .values({
      id: newId(),
      patient_id: correction.patientId,
      record_kind: correction.kind,
      record_id: correction.recordId,
      action: correction.action,
      replacement_id: correction.replacementId,
      reason: correction.reason,
      corrected_by: correction.correctedBy,
      corrected_at: correction.correctedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCorrection(row);
}

export function toCorrection(row: RowOf<'record_corrections'>): RecordCorrection {
  return {
    id: row.id,
    patientId: row.patient_id,
    kind: row.record_kind,
    recordId: row.record_id,
    action: row.action,
    replacementId: row.replacement_id,
    reason: row.reason,
    correctedBy: row.corrected_by,
    correctedAt: iso(row.corrected_at),
  };
}

/** The patient's corrections, oldest first. */
export async function listCorrections(db: Db, patientId: string): Promise<RecordCorrection[]> {
  return readCorrections(db, [patientId]);
}

/** The corrections of these patients, oldest first, in one statement. */
export async function readCorrections(db: Db, patientIds: readonly string[]): Promise<RecordCorrection[]> {
  if (patientIds.length === 0) return [];
  const rows = await db
    .selectFrom('record_corrections')
    .selectAll()
    .where('patient_id', 'in', patientIds)
    .orderBy('corrected_at')
    .orderBy('id')
    .execute();
  return rows.map(toCorrection);
}

/**
 * Every version of one entry, oldest first: back through what each amends, then forward through
 * the amendments of it (a chain is as long as the corrections made, a handful at most).
 */
export async function versionIds(
  db: Db,
  kind: VersionedKind,
  patientId: string,
  recordId: string,
): Promise<string[]> {
  const table = VERSIONED_TABLE[kind];
  const one = (where: 'id' | 'replaces_id', value: string) =>
    versioned(db)
      .selectFrom(table)
      .select(['id', 'replaces_id'])
      .where('patient_id', '=', patientId)
      .where(where, '=', value)
      .executeTakeFirst();
  const ids = [recordId];
  for (let row = await one('id', recordId); row?.replaces_id; row = await one('id', row.replaces_id)) {
    ids.unshift(row.replaces_id);
  }
  for (let row = await one('replaces_id', recordId); row; row = await one('replaces_id', row.id)) {
    ids.push(row.id);
  }
  return ids;
}
