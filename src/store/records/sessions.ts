import type { Kysely } from 'kysely';
import type { EvokedForceRecord } from '../../clinic/programme/evoked-force.ts';
import type { Session, SessionDelivery, SessionInput } from '../../clinic/record/session.ts';
import type { Db } from '../database.ts';
import { iso, type RowOf } from '../rows.ts';
import type { Schema } from '../schema.ts';
import type { AuditEventInput } from './audit.ts';
import { entryVersionOf, patientRecordFinder, patientRecordLister } from './patient-rows.ts';
import { sessionValues, sessionWriter } from './session-writer.ts';

export type { Session, SessionInput } from '../../clinic/record/session.ts';

export { sessionValues };

/** A jsonb column: fresh from the writer it is the JSON text written; read back, the parsed value. */
function jsonColumn(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : (value ?? null);
}

export function toSession(row: Omit<RowOf<'sessions'>, 'clinic_id'>): Session {
  return {
    id: row.id,
    patientId: row.patient_id,
    programmeId: row.programme_id,
    kind: row.kind,
    startedAt: iso(row.started_at),
    minutes: row.minutes,
    peakIntensityMa: row.peak_intensity_ma,
    comfort: row.comfort,
    pain: row.pain,
    completed: row.completed,
    notes: row.notes,
    recordedAt: iso(row.recorded_at),
    recordedBy: row.recorded_by,
    evokedForce: jsonColumn(row.evoked_force) as EvokedForceRecord | null,
    delivery: jsonColumn(row.delivery) as SessionDelivery | null,
    ...entryVersionOf(row),
  };
}

export async function createSession(
  db: Kysely<Schema>,
  patientId: string,
  input: SessionInput,
  recordedBy: string,
  now: Date,
): Promise<Session> {
  const row = await db
    .insertInto('sessions')
    .values(sessionValues(patientId, input, recordedBy, now))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSession(row);
}

export const listSessions = patientRecordLister('sessions', toSession);

/**
 * Logs a session and its audit event atomically: written by the database's SessionWriter, which
 * puts sessions arriving together into one statement and one commit (group commit). This is the
 * API's hot path: patients log sessions daily. With a client key (the request's Idempotency-Key)
 * a retry answers with the session already stored under that key (`replayed`), unless the retry
 * describes a different session: then an IdempotencyKeyReusedError.
 */
export async function createSessionAudited(
  db: Db,
  patientId: string,
  input: SessionInput,
  recordedBy: string,
  now: Date,
  audit: AuditEventInput,
  clientKey: string | null = null,
): Promise<{ session: Session; replayed: boolean }> {
  const written = await sessionWriter(db).write(
    sessionValues(patientId, input, recordedBy, now, clientKey),
    audit,
  );
  const session = toSession(written.row);
  if (written.replayed && !describesSameSession(session, input)) {
    throw new IdempotencyKeyReusedError(clientKey as string, session.id);
  }
  return { session, replayed: written.replayed };
}

/** A client key sent again with a different session than the one stored under it. */
export class IdempotencyKeyReusedError extends Error {
  constructor(
    readonly clientKey: string,
    readonly sessionId: string,
  ) {
    super(
      `Idempotency-Key ${JSON.stringify(clientKey)} was already used for session ${sessionId}, which differs from this one; send a new key for a new session`,
    );
  }
}

/** Whether a retried request describes the stored session (times compared as instants). */
function describesSameSession(stored: Session, input: SessionInput): boolean {
  return (
    stored.kind === input.kind &&
    Date.parse(stored.startedAt) === Date.parse(input.startedAt) &&
    stored.minutes === input.minutes &&
    stored.peakIntensityMa === (input.peakIntensityMa ?? null) &&
    stored.comfort === (input.comfort ?? null) &&
    stored.pain === (input.pain ?? null) &&
    stored.completed === input.completed &&
    (stored.evokedForce?.percentMvc ?? null) === (input.evokedForce?.percentMvc ?? null) &&
    (stored.evokedForce?.step ?? null) === (input.evokedForce?.step ?? null) &&
    stored.notes === (input.notes ?? null) &&
    stored.programmeId === (input.programmeId ?? null) &&
    canonicalJson(stored.delivery) === canonicalJson(input.delivery ?? null)
  );
}

/** JSON with every object's keys sorted: jsonb does not keep the order the client sent. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** One sessions record of the patient, by id. */
export const findSession = patientRecordFinder('sessions', toSession);
