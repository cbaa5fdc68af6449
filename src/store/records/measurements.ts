import type { Kysely } from 'kysely';
import type { Measurement, MeasurementInput } from '../../clinic/record/measurement.ts';
import { MEASUREMENT_KINDS, type MeasurementKindName } from '../../clinic/record/measurement-kinds.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { Db } from '../database.ts';
import { iso, type ListWindow, newId, type RowOf } from '../rows.ts';
import type { Schema } from '../schema.ts';
import { listPatientRows } from './patient-rows.ts';

export type { Measurement, MeasurementInput } from '../../clinic/record/measurement.ts';

export async function createMeasurement(
  db: Kysely<Schema>,
  patientId: string,
  input: MeasurementInput,
  recordedBy: string,
): Promise<Measurement> {
  const kind = MEASUREMENT_KINDS[input.kind];
  if (!kind) {
    throw new InvalidInputError(
      `kind '${input.kind}' is unknown; one of ${Object.keys(MEASUREMENT_KINDS).join(', ')}`,
    );
  }
  const integerOk = !('integer' in kind) || Number.isInteger(input.value);
  if (!(input.value >= kind.min && input.value <= kind.max) || !integerOk) {
    throw new InvalidInputError(
      `${input.kind} must be ${'integer' in kind ? 'a whole number' : 'a number'} from ${kind.min} to ${kind.max} ${kind.unit}; got ${input.value}`,
    );
  }
  const row = await db
    .insertInto('measurements')
    .values({
      id: newId(),
      patient_id: patientId,
      kind: input.kind,
      site: input.site ?? null,
      side: input.side ?? null,
      value: input.value,
      unit: kind.unit,
      measured_at: input.measuredAt,
      note: input.note ?? null,
      recorded_by: recordedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMeasurement(row);
}

export function toMeasurement(row: MeasurementRow): Measurement {
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
  };
}

type MeasurementRow = RowOf<'measurements'>;

export async function listMeasurements(
  db: Db,
  patientId: string,
  window: ListWindow = {},
): Promise<Measurement[]> {
  return (await listPatientRows(db, 'measurements', patientId, window)).map(toMeasurement);
}
