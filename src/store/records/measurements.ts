import type { Kysely } from 'kysely';
import type { Measurement, MeasurementInput } from '../../clinic/record/measurement.ts';
import {
  MEASUREMENT_KINDS,
  type MeasurementKindName,
  measurementValueProblem,
} from '../../clinic/record/measurement-kinds.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { iso, type RowOf } from '../rows.ts';
import type { Schema } from '../schema.ts';
import {
  entryVersionOf,
  insertPatientRow,
  patientRecordFinder,
  patientRecordLister,
} from './patient-rows.ts';

export type { Measurement, MeasurementInput } from '../../clinic/record/measurement.ts';

export async function createMeasurement(
  db: Kysely<Schema>,
  patientId: string,
  input: MeasurementInput,
  recordedBy: string,
): Promise<Measurement> {
  const problem = measurementValueProblem(input.kind, input.value);
  if (problem) throw new InvalidInputError(problem);
  const kind = MEASUREMENT_KINDS[input.kind];
  const row = await insertPatientRow(db, 'measurements', patientId, {
    kind: input.kind,
    site: input.site ?? null,
    side: input.side ?? null,
    value: input.value,
    unit: kind.unit,
    measured_at: input.measuredAt,
    note: input.note ?? null,
    recorded_by: recordedBy,
  });
  return toMeasurement(row);
}

export function toMeasurement(row: RowOf<'measurements'>): Measurement {
  return {
    id: row.id,
    patientId: row.patient_id,
    kind: row.kind as MeasurementKindName,
    value: row.value,
    unit: row.unit,
    measuredAt: iso(row.measured_at),
    site: row.site,
    side: row.side,
    note: row.note,
    recordedBy: row.recorded_by,
    ...entryVersionOf(row),
  };
}

export const listMeasurements = patientRecordLister('measurements', toMeasurement);

/** One measurements record of the patient, by id. */
export const findMeasurement = patientRecordFinder('measurements', toMeasurement);
