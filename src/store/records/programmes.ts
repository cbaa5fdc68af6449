import { type Kysely, sql } from 'kysely';
import type { Programme } from '../../clinic/record/programme.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { Db } from '../database.ts';
import { iso, isoOrNull, json, type RowOf } from '../rows.ts';
import type { Schema } from '../schema.ts';
import { allPatientRows, insertPatientRow, patientRecordFinder } from './patient-rows.ts';

export type { Programme } from '../../clinic/record/programme.ts';

export function toProgramme(row: RowOf<'programmes'>): Programme {
  return {
    id: row.id,
    patientId: row.patient_id,
    version: row.version,
    status: row.status,
    body: row.body,
    safety: row.safety,
    supersedesId: row.supersedes_id,
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
    approvedAt: isoOrNull(row.approved_at),
    approvedBy: row.approved_by,
    endedAt: isoOrNull(row.ended_at),
  };
}

export async function createProgramme(
  db: Kysely<Schema>,
  patientId: string,
  input: { body: unknown; supersedesId?: string | null; safety: unknown },
  createdBy: string,
  now: Date,
): Promise<Programme> {
  if (input.supersedesId) {
    const previous = await getProgramme(db, patientId, input.supersedesId);
    if (!previous) {
      throw new InvalidInputError(`supersedesId ${input.supersedesId} is not a programme of this patient`);
    }
  }
  // Versions are allocated one after another per patient: the patient's row is locked until the
  // transaction ends, so concurrent creates wait their turn instead of colliding on max + 1. (Call
  // inside a transaction; PGlite's single connection serialises transactions anyway.)
  await db.selectFrom('patients').select('id').where('id', '=', patientId).forUpdate().execute();
  const row = await insertPatientRow(db, 'programmes', patientId, {
    version: sql<number>`(select coalesce(max(version), 0) + 1 from programmes where patient_id = ${patientId})`,
    status: 'draft',
    body: json(input.body),
    safety: json(input.safety),
    supersedes_id: input.supersedesId ?? null,
    created_at: now,
    created_by: createdBy,
  });
  return toProgramme(row);
}

/** One programme of the patient, by id (undefined when the patient has none with that id). */
export const getProgramme = patientRecordFinder('programmes', toProgramme);

export async function listProgrammes(db: Db, patientId: string): Promise<Programme[]> {
  return (await allPatientRows(db, 'programmes', patientId, ['version'])).map(toProgramme);
}

/** Approves a draft and ends the programme approved before it; call inside a transaction. */
export async function approveProgramme(
  db: Kysely<Schema>,
  patientId: string,
  programmeId: string,
  approvedBy: string,
  safety: unknown,
  now: Date,
): Promise<{ approved: Programme; ended: Programme | undefined }> {
  const endedRow = await db
    .updateTable('programmes')
    .set({ status: 'ended', ended_at: now })
    .where('patient_id', '=', patientId)
    .where('status', '=', 'approved')
    .returningAll()
    .executeTakeFirst();
  const row = await db
    .updateTable('programmes')
    .set({ status: 'approved', approved_at: now, approved_by: approvedBy, safety: json(safety) })
    .where('patient_id', '=', patientId)
    .where('id', '=', programmeId)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirstOrThrow();
  return { approved: toProgramme(row), ended: endedRow ? toProgramme(endedRow) : undefined };
}

/** The patient's approved (active) programme, if any. */
export async function approvedProgramme(db: Db, patientId: string): Promise<Programme | undefined> {
  const row = await db
    .selectFrom('programmes')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return row ? toProgramme(row) : undefined;
}
