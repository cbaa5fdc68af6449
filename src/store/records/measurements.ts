import type { Kysely } from 'kysely';
import type { Measurement, MeasurementInput } from '../../clinic/record/measurement.ts';
import { MEASUREMENT_KINDS, type MeasurementKindName } from '../../clinic/record/measurement-kinds.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { Db } from '../database.ts';
import { DEFAULT_LIST_LIMIT, iso, type ListWindow, newId } from '../rows.ts';
import type { Schema } from '../schema.ts';

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

interface MeasurementRow {
  id: string;
  patient_id: string;
  kind: string;
  site: string | null;
  side: string | null;
  value: number;
  unit: string;
  measured_at: Date;
  note: string | null;
  recorded_by: string;
}

export async function listMeasurements(
  db: Db,
  patientId: string,
  window: ListWindow = {},
): Promise<Measurement[]> {
  let query = db.selectFrom('measurements').selectAll().where('patient_id', '=', patientId);
  if (window.from) query = query.where('measured_at', '>=', new Date(window.from));
  if (window.to) query = query.where('measured_at', '<', new Date(window.to));
  const rows = await query
    .orderBy('measured_at')
    .orderBy('id')
    .limit(window.limit ?? DEFAULT_LIST_LIMIT)
    .execute();
  return rows.map(toMeasurement);
}
