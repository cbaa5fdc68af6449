import type { Kysely } from 'kysely';
import type { Screening, ScreeningInput } from '../../clinic/record/screening.ts';
import { iso, json, type RowOf } from '../rows.ts';
import type { Schema } from '../schema.ts';
import {
  entryVersionOf,
  insertPatientRow,
  patientRecordFinder,
  patientRecordLister,
} from './patient-rows.ts';

export type { Screening, ScreeningInput } from '../../clinic/record/screening.ts';

export function toScreening(row: RowOf<'screenings'>): Screening {
  return {
    id: row.id,
    patientId: row.patient_id,
    screenedAt: iso(row.screened_at),
    answers: row.answers as Record<string, unknown>,
    electrodeSites: row.electrode_sites as string[],
    redFlagFindings: row.red_flag_findings as Record<string, unknown>,
    result: row.result,
    recordedBy: row.recorded_by,
    ...entryVersionOf(row),
  };
}

export async function createScreening(
  db: Kysely<Schema>,
  patientId: string,
  input: ScreeningInput,
  result: unknown,
  recordedBy: string,
): Promise<Screening> {
  const row = await insertPatientRow(db, 'screenings', patientId, {
    screened_at: input.screenedAt,
    answers: json(input.answers),
    electrode_sites: json(input.electrodeSites),
    red_flag_findings: json(input.redFlagFindings),
    result: json(result),
    recorded_by: recordedBy,
  });
  return toScreening(row);
}

export const listScreenings = patientRecordLister('screenings', toScreening);

/** One screenings record of the patient, by id. */
export const findScreening = patientRecordFinder('screenings', toScreening);
