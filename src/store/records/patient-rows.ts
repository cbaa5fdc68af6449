import { type InsertObject, type Kysely, sql } from 'kysely';
import type { EntryVersion } from '../../clinic/record/correction.ts';
import type { Db } from '../database.ts';
import { DEFAULT_LIST_LIMIT, type ListWindow, newId, type RowOf } from '../rows.ts';
import type { Schema } from '../schema.ts';

/** The column each kind of record is kept in time order by: when it happened (or was recorded). */
export const RECORD_TIME_COLUMN = {
  conditions: 'recorded_at',
  screenings: 'screened_at',
  measurements: 'measured_at',
  sd_tests: 'tested_at',
  identified_models: 'identified_at',
  sessions: 'started_at',
  notes: 'created_at',
  questionnaire_schedules: 'set_at',
  questionnaire_responses: 'answered_at',
} as const;

export type TimedRecordTable = keyof typeof RECORD_TIME_COLUMN;

/** The tables above as the one shape these readers need: an id, a patient and a time column. */
type TimedTables = Record<TimedRecordTable, { id: string; patient_id: string }>;

/**
 * Rows of one kind for the patients given, oldest first (then by id, so equal times keep one order),
 * from ≤ time < to, at most `limit`: `where patient_id in (…)`, one statement whatever their number.
 */
export async function readPatientRows<T extends TimedRecordTable>(
  db: Db,
  table: T,
  patientIds: readonly string[],
  window: ListWindow = {},
): Promise<RowOf<T>[]> {
  const time = sql.ref(RECORD_TIME_COLUMN[table]);
  let query = (db as unknown as Kysely<TimedTables>)
    .selectFrom(table as TimedRecordTable)
    .selectAll()
    .where('patient_id', 'in', patientIds);
  if (window.from) query = query.where(time, '>=', new Date(window.from));
  if (window.to) query = query.where(time, '<', new Date(window.to));
  if (window.currentOnly) query = query.where(sql.ref('status'), '=', 'current');
  const ordered = query.orderBy(time).orderBy('id');
  const rows = await (window.limit === undefined ? ordered : ordered.limit(window.limit)).execute();
  return rows as unknown as RowOf<T>[];
}

/** One patient's records of one kind in time order, within the list window (default size: DEFAULT_LIST_LIMIT). */
export function listPatientRows<T extends TimedRecordTable>(
  db: Db,
  table: T,
  patientId: string,
  window: ListWindow = {},
): Promise<RowOf<T>[]> {
  return readPatientRows(db, table, [patientId], { ...window, limit: window.limit ?? DEFAULT_LIST_LIMIT });
}

/** A list reader for one kind of record: the patient's rows in the window, each mapped to its record. */
export function patientRecordLister<T extends TimedRecordTable, Item>(
  table: T,
  toItem: (row: RowOf<T>) => Item,
) {
  return async (db: Db, patientId: string, window: ListWindow | 'all' = {}): Promise<Item[]> =>
    (window === 'all'
      ? await readPatientRows(db, table, [patientId])
      : await listPatientRows(db, table, patientId, window)
    ).map(toItem);
}

/** The tables whose rows belong to one patient (each has an id and a patient_id). */
export type PatientTable = TimedRecordTable | 'programmes' | 'red_flag_resolutions';

/** The tables above as the one shape these readers need: an id and a patient. */
type PatientTables = Record<PatientTable, { id: string; patient_id: string }>;

/** A reader of one record of one kind, by the patient it belongs to and its id (undefined if none). */
export function patientRecordFinder<T extends PatientTable, Item>(table: T, toItem: (row: RowOf<T>) => Item) {
  return async (db: Db, patientId: string, id: string): Promise<Item | undefined> => {
    const row = await (db as unknown as Kysely<PatientTables>)
      .selectFrom(table as PatientTable)
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toItem(row as unknown as RowOf<T>) : undefined;
  };
}

/** Every row of one kind of a patient's, sorted by the columns given (the first first). */
export async function allPatientRows<T extends PatientTable>(
  db: Db,
  table: T,
  patientId: string,
  orderBy: readonly (keyof RowOf<T> & string)[],
): Promise<RowOf<T>[]> {
  let query = (db as unknown as Kysely<PatientTables>)
    .selectFrom(table as PatientTable)
    .selectAll()
    .where('patient_id', '=', patientId);
  for (const column of orderBy) query = query.orderBy(sql.ref(column));
  return (await query.execute()) as unknown as RowOf<T>[];
}

/** Writes one new row of a patient's record (a new id) and returns it as stored. */
export async function insertPatientRow<T extends PatientTable>(
  db: Db,
  table: T,
  patientId: string,
  values: Omit<InsertObject<Schema, T>, 'id' | 'patient_id'>,
): Promise<RowOf<T>> {
  const row = await (db as unknown as Kysely<Record<PatientTable, Record<string, unknown>>>)
    .insertInto(table as PatientTable)
    .values({ id: newId(), patient_id: patientId, ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row as RowOf<T>;
}

/** A correctable row's status and the row it amends, as every record type carries them. */
export function entryVersionOf(row: {
  status: EntryVersion['status'];
  replaces_id: string | null;
}): EntryVersion {
  return { status: row.status, replacesId: row.replaces_id };
}
