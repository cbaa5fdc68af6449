import type { Kysely } from 'kysely';
import type { Screening, ScreeningInput } from '../../clinic/record/screening.ts';
import type { Db } from '../database.ts';
import { DEFAULT_LIST_LIMIT, iso, json, type ListWindow, newId } from '../rows.ts';
import type { Schema } from '../schema.ts';

export type { Screening, ScreeningInput } from '../../clinic/record/screening.ts';

interface ScreeningRow {
  id: string;
  patient_id: string;
  screened_at: Date;
  answers: unknown;
  electrode_sites: unknown;
  red_flag_findings: unknown;
  result: unknown;
  recorded_by: string;
}

export function toScreening(row: ScreeningRow): Screening {
  return {
    id: row.id,
    patientId: row.patient_id,
    screenedAt: iso(row.screened_at),
    answers: row.answers as Record<string, unknown>,
    electrodeSites: row.electrode_sites as string[],
    redFlagFindings: row.red_flag_findings as Record<string, unknown>,
    result: row.result,
    recordedBy: row.recorded_by,
  };
}

export async function createScreening(
  db: Kysely<Schema>,
  patientId: string,
  input: ScreeningInput,
  result: unknown,
  recordedBy: string,
): Promise<Screening> {
  const row = await db
    .insertInto('screenings')
    .values({
      id: newId(),
      patient_id: patientId,
      screened_at: input.screenedAt,
      answers: json(input.answers),
      electrode_sites: json(input.electrodeSites),
      red_flag_findings: json(input.redFlagFindings),
      result: json(result),
      recorded_by: recordedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toScreening(row);
}

export async function listScreenings(
  db: Db,
  patientId: string,
  window: ListWindow = {},
): Promise<Screening[]> {
  let query = db.selectFrom('screenings').selectAll().where('patient_id', '=', patientId);
  if (window.from) query = query.where('screened_at', '>=', new Date(window.from));
  if (window.to) query = query.where('screened_at', '<', new Date(window.to));
  const rows = await query
    .orderBy('screened_at')
    .orderBy('id')
    .limit(window.limit ?? DEFAULT_LIST_LIMIT)
    .execute();
  return rows.map(toScreening);
}
