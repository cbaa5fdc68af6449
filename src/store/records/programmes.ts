import { type Kysely, sql } from 'kysely';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { Db } from '../database.ts';
import { iso, isoOrNull, json, newId } from '../rows.ts';
import type { ProgrammeStatus, Schema } from '../schema.ts';

/**
 * Programmes are versioned per patient: every create or edit makes a new draft (version n+1);
 * a clinician approves one draft, which ends the programme approved before it. At most one
 * programme per patient is approved at a time (a unique partial index enforces it).
 */
export interface Programme {
  id: string;
  patientId: string;
  version: number;
  status: ProgrammeStatus;
  body: unknown;
  /** The output-safety verdict recorded with this version. */
  safety: unknown;
  supersedesId: string | null;
  createdAt: string;
  createdBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  endedAt: string | null;
}

interface ProgrammeRow {
  id: string;
  patient_id: string;
  version: number;
  status: ProgrammeStatus;
  body: unknown;
  safety: unknown;
  supersedes_id: string | null;
  created_at: Date;
  created_by: string;
  approved_at: Date | null;
  approved_by: string | null;
  ended_at: Date | null;
}

function toProgramme(row: ProgrammeRow): Programme {
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
  const row = await db
    .insertInto('programmes')
    .values({
      id: newId(),
      patient_id: patientId,
      version: sql<number>`(select coalesce(max(version), 0) + 1 from programmes where patient_id = ${patientId})`,
      status: 'draft',
      body: json(input.body),
      safety: json(input.safety),
      supersedes_id: input.supersedesId ?? null,
      created_at: now,
      created_by: createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toProgramme(row);
}

export async function getProgramme(
  db: Kysely<Schema>,
  patientId: string,
  programmeId: string,
): Promise<Programme | undefined> {
  const row = await db
    .selectFrom('programmes')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('id', '=', programmeId)
    .executeTakeFirst();
  return row ? toProgramme(row) : undefined;
}

export async function listProgrammes(db: Db, patientId: string): Promise<Programme[]> {
  const rows = await db
    .selectFrom('programmes')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('version')
    .execute();
  return rows.map(toProgramme);
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
