import { type RawBuilder, sql } from 'kysely';
import type { RecordAuthor } from '../../clinic/record/care-team.ts';
import { currentValues } from '../../clinic/record/current-values.ts';
import {
  emptyPatientRecord,
  type PatientRecord,
  type SessionWeek,
} from '../../clinic/record/patient-record.ts';
import type { Session } from '../../clinic/record/session.ts';
import type { Db } from '../database.ts';
import { perScope } from '../per-scope.ts';
import { executePrepared } from '../prepared-statements.ts';
import { ReadBatcher } from '../read-batcher.ts';
import { iso, type RowOf } from '../rows.ts';
import { toCondition } from './conditions.ts';
import { toMeasurement } from './measurements.ts';
import { toNote } from './notes.ts';
import { readPatientRows } from './patient-rows.ts';
import { toPatient } from './patients.ts';
import { toProgramme } from './programmes.ts';
import { toRedFlagResolution } from './red-flags.ts';
import { toScreening } from './screenings.ts';
import { toSdTest } from './sd-tests.ts';
import { toSession } from './sessions.ts';

/** Parts of a record a reader may leave out when its use case does not read them. */
export const OPTIONAL_RECORD_PARTS = [
  'careTeam',
  'notes',
  'sdTests',
  'authors',
  'sessions',
  'sessionWeeks',
  'measurements',
  'lastCompletedSession',
] as const;
export type OptionalRecordPart = (typeof OPTIONAL_RECORD_PARTS)[number];

export interface RecordReadOptions {
  /** Read only the sessions that started at or after this time (every week is still counted). */
  sessionsSince?: Date;
  /** Parts left empty. */
  without?: readonly OptionalRecordPart[];
  /**
   * Keep every entry, corrected ones included (the FHIR export and the record's history). Without
   * it the record holds only current values (the core's `currentValues`), what every use case reads.
   */
  history?: boolean;
}

/**
 * The records of many patients in a fixed number of statements, whatever their number: one for the
 * patients with the parts every reader needs (conditions, screenings, programmes, red-flag
 * resolutions: what the safety gate reads), one per optional kind of record (each
 * `where patient_id in (…)`), the weekly session counts, the last completed session, and the
 * records' authors. Patients that do not exist are absent from the answer. A read that leaves out
 * every optional part (the gate's, on each session log) is one statement and one round trip.
 */
export async function loadPatientRecords(
  db: Db,
  patientIds: readonly string[],
  options: RecordReadOptions = {},
): Promise<Map<string, PatientRecord>> {
  const records = new Map<string, PatientRecord>();
  const ids = [...new Set(patientIds)];
  if (ids.length === 0) return records;
  const skip = new Set(options.without ?? []);
  const none = Promise.resolve([]);
  const [patients, careTeam, measurements, sdTests, sessions, notes] = await Promise.all([
    readRecordCores(db, ids).execute(),
    skip.has('careTeam')
      ? none
      : db
          .selectFrom('care_team as c')
          .innerJoin('users as u', 'u.id', 'c.user_id')
          .select(['c.patient_id', 'u.id', 'u.name', 'u.email', 'u.role', 'c.added_at'])
          .where('c.patient_id', 'in', ids)
          .orderBy('c.added_at')
          .execute(),
    skip.has('measurements') ? none : readPatientRows(db, 'measurements', ids),
    skip.has('sdTests') ? none : readPatientRows(db, 'sd_tests', ids),
    skip.has('sessions')
      ? none
      : readPatientRows(db, 'sessions', ids, {
          ...(options.sessionsSince ? { from: options.sessionsSince.toISOString() } : {}),
        }),
    skip.has('notes') ? none : readPatientRows(db, 'notes', ids),
  ]);
  const [weeks, lastCompleted] = await Promise.all([
    skip.has('sessionWeeks') ? new Map<string, SessionWeek[]>() : weeklySessionCounts(db, ids),
    skip.has('lastCompletedSession')
      ? []
      : db
          .selectFrom('sessions')
          .select(['patient_id', sql<Date>`max(started_at)`.as('started_at')])
          .where('patient_id', 'in', ids)
          .where('completed', '=', true)
          .where('status', '=', 'current')
          .groupBy('patient_id')
          .execute(),
  ]);
  for (const row of patients) {
    records.set(row.id, { ...coreRecord(row, options), sessionWeeks: weeks.get(row.id) ?? [] });
  }
  const into = <Row extends { patient_id: string }, T>(
    rows: Row[],
    list: (record: PatientRecord) => T[],
    map: (row: Row) => T,
  ) => {
    for (const row of rows) {
      const record = records.get(row.patient_id);
      if (record) list(record).push(map(row));
    }
  };
  into(
    careTeam,
    (r) => r.careTeam,
    (m) => ({ userId: m.id, name: m.name, email: m.email, role: m.role, addedAt: iso(m.added_at) }),
  );
  into(measurements, (r) => r.measurements, toMeasurement);
  into(sdTests, (r) => r.sdTests, toSdTest);
  into(sessions, (r) => r.sessions, toSession);
  into(notes, (r) => r.notes, toNote);
  for (const row of lastCompleted) {
    const record = records.get(row.patient_id);
    if (record) record.lastCompletedSessionAt = iso(row.started_at);
  }
  if (!skip.has('authors')) await addAuthors(db, records);
  if (!options.history) for (const [id, record] of records) records.set(id, currentValues(record));
  return records;
}

/**
 * The patients' rows, each with its conditions, screenings, programmes and red-flag resolutions
 * aggregated as JSON, in one statement (the order each kind's own list reader keeps). A JSON row
 * holds what the driver would give, but for times, which are ISO text: the row mappers read both.
 */
function readRecordCores(db: Db, ids: readonly string[]) {
  const rowsOf = <T extends 'conditions' | 'screenings' | 'programmes' | 'red_flag_resolutions'>(
    table: T,
    order: RawBuilder<unknown>,
  ) =>
    sql<RowOf<T>[]>`(select coalesce(json_agg(t order by ${order}), '[]'::json)
      from ${sql.table(table)} t where t.patient_id = p.id)`;
  return db
    .selectFrom('patients as p')
    .selectAll('p')
    .select([
      rowsOf('conditions', sql`t.recorded_at, t.id`).as('condition_rows'),
      rowsOf('screenings', sql`t.screened_at, t.id`).as('screening_rows'),
      rowsOf('programmes', sql`t.version`).as('programme_rows'),
      rowsOf('red_flag_resolutions', sql`t.resolved_at, t.id`).as('resolution_rows'),
    ])
    .where(sql<boolean>`p.id = any(${ids}::uuid[])`);
}

type RecordCore = Awaited<ReturnType<ReturnType<typeof readRecordCores>['execute']>>[number];

/** A record holding its core parts only (every optional part empty). */
function coreRecord(row: RecordCore, options: RecordReadOptions): PatientRecord {
  return {
    ...emptyPatientRecord(
      toPatient(row),
      row.created_by,
      options.sessionsSince ? options.sessionsSince.toISOString() : null,
    ),
    conditions: row.condition_rows.map(toCondition),
    screenings: row.screening_rows.map(toScreening),
    programmes: row.programme_rows.map(toProgramme),
    redFlagResolutions: row.resolution_rows.map(toRedFlagResolution),
  };
}

/** What a session log reads before it writes: the safety gate's record and two facts beside it. */
export interface SessionLogRead {
  /** The patient's record as the gate reads it (current values; every optional part empty). */
  record: PatientRecord;
  /** Whether the account that logs is on the patient's care team. */
  onCareTeam: boolean;
  /** The session already stored under the log's client key (Idempotency-Key), if any. */
  storedSession: Session | undefined;
}

/** Whose session log is read: the patient, the account that logs it and its client key, if any. */
interface SessionLogReadKey {
  patientId: string;
  userId: string;
  clientKey: string | null;
}

/**
 * Everything some session logs read before they are written, in one prepared statement and one
 * round trip:
 * each record's core (what the safety gate judges), whether each log's account is on its patient's
 * care team (the access check) and the session stored under each log's client key. In the keys'
 * order; undefined where there is no such patient.
 */
async function loadSessionLogReads(
  db: Db,
  keys: readonly SessionLogReadKey[],
): Promise<(SessionLogRead | undefined)[]> {
  const userIds = [...new Set(keys.map((k) => k.userId))];
  const clientKeys = [...new Set(keys.flatMap((k) => (k.clientKey === null ? [] : [k.clientKey])))];
  // Logs without a client key (most) use a statement without the stored-session lookup. Each text
  // is parsed once per connection; PostgreSQL still plans it for each batch's values.
  const storedSessions =
    clientKeys.length > 0
      ? sql<RowOf<'sessions'>[]>`(select coalesce(json_agg(row_to_json(s)), '[]'::json) from sessions s
          where s.patient_id = p.id and s.client_key = any(${clientKeys}::text[]))`
      : sql<RowOf<'sessions'>[]>`'[]'::json`;
  const { rows } = await executePrepared(
    db,
    readRecordCores(db, [...new Set(keys.map((k) => k.patientId))])
      .select([
        sql<string[]>`array(select c.user_id::text from care_team c
          where c.patient_id = p.id and c.user_id = any(${userIds}::uuid[]))`.as('logging_team'),
        storedSessions.as('stored_sessions'),
      ])
      .compile(),
  );
  const byPatient = new Map(rows.map((row) => [row.id, row]));
  return keys.map(({ patientId, userId, clientKey }) => {
    const row = byPatient.get(patientId);
    if (!row) return undefined;
    const stored = row.stored_sessions.find((s) => clientKey !== null && s.client_key === clientKey);
    return {
      record: currentValues(coreRecord(row, {})),
      onCareTeam: row.logging_team.includes(userId),
      storedSession: stored ? toSession(stored) : undefined,
    };
  });
}

const sessionLogReader = perScope(
  (db) => new ReadBatcher((keys: SessionLogReadKey[]) => loadSessionLogReads(db, keys)),
);

/**
 * What one session log reads before it is written (see loadSessionLogReads), read together with the
 * other logs asked for in the same turn of the event loop: the API's hot path, where concurrent
 * logs then share one statement.
 */
export function loadSessionLogRead(
  db: Db,
  patientId: string,
  userId: string,
  clientKey: string | null,
): Promise<SessionLogRead | undefined> {
  return sessionLogReader(db).read({ patientId, userId, clientKey });
}

/** One patient's record, or undefined when there is no such patient. */
export async function loadPatientRecord(
  db: Db,
  patientId: string,
  options: RecordReadOptions = {},
): Promise<PatientRecord | undefined> {
  return (await loadPatientRecords(db, [patientId], options)).get(patientId);
}

/** Every account that wrote a part of each record, or is on its care team, in e-mail order. */
async function addAuthors(db: Db, records: Map<string, PatientRecord>): Promise<void> {
  const idsOf = (record: PatientRecord) =>
    new Set<string>([
      ...record.careTeam.map((m) => m.userId),
      ...record.conditions.map((c) => c.recordedBy),
      ...record.measurements.map((m) => m.recordedBy),
      ...record.sdTests.map((t) => t.recordedBy),
      ...record.programmes.flatMap((p) => [p.createdBy, ...(p.approvedBy ? [p.approvedBy] : [])]),
      ...record.sessions.map((s) => s.recordedBy),
      record.createdBy,
    ]);
  const perRecord = new Map([...records].map(([id, record]) => [id, idsOf(record)]));
  const users = await loadRecordAuthors(db, [...new Set([...perRecord.values()].flatMap((ids) => [...ids]))]);
  if (users.length === 0) return;
  for (const [patientId, ids] of perRecord) {
    (records.get(patientId) as PatientRecord).authors = users.filter((u) => ids.has(u.id));
  }
}

/** The accounts with these ids as record authors, in e-mail order. */
export async function loadRecordAuthors(db: Db, userIds: readonly string[]): Promise<RecordAuthor[]> {
  if (userIds.length === 0) return [];
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'patient_id'])
    .where('id', 'in', [...userIds])
    .orderBy('email')
    .execute();
  return users.map(
    (u): RecordAuthor => ({ id: u.id, name: u.name, email: u.email, role: u.role, patientId: u.patient_id }),
  );
}

/**
 * Per-week session counts of many patients in one grouped statement (two years = 105 rows each),
 * weeks from Monday 00:00 in each patient's own time zone. Counted in the database, so only the
 * current sessions are counted here, as `currentValues` would keep them.
 */
async function weeklySessionCounts(db: Db, ids: string[]): Promise<Map<string, SessionWeek[]>> {
  const result = await sql<{
    patient_id: string;
    week_start: string;
    logged: number;
    completed: number;
    minutes: number;
    mean_pain: number | null;
    max_pain: number | null;
  }>`
    select s.patient_id,
           to_char(date_trunc('week', s.started_at at time zone p.time_zone), 'YYYY-MM-DD') as week_start,
           count(*)::int as logged,
           (count(*) filter (where completed))::int as completed,
           coalesce(sum(minutes), 0)::float8 as minutes,
           avg(pain)::float8 as mean_pain,
           max(pain)::int as max_pain
    from sessions s
    join patients p on p.id = s.patient_id
    where s.patient_id in (${sql.join(ids)}) and s.status = 'current'
    group by 1, 2
    order by 1, 2`.execute(db);
  const weeks = new Map<string, SessionWeek[]>();
  for (const r of result.rows) {
    let list = weeks.get(r.patient_id);
    if (!list) {
      list = [];
      weeks.set(r.patient_id, list);
    }
    list.push({
      weekStart: r.week_start,
      logged: r.logged,
      completed: r.completed,
      minutes: r.minutes,
      meanPain: r.mean_pain,
      maxPain: r.max_pain,
    });
  }
  return weeks;
}
