import { CompiledQuery, sql } from 'kysely';
import type { SessionInput } from '../../clinic/record/session.ts';
import type { Db } from '../database.ts';
import { perScope } from '../per-scope.ts';
import { executePrepared } from '../prepared-statements.ts';
import { newId, type RowOf } from '../rows.ts';
import { type AuditEventInput, auditValues } from './audit.ts';

/** The patient's session row stored under a client key (an Idempotency-Key), if any. */
export function sessionRowByClientKey(
  db: Db,
  patientId: string,
  clientKey: string,
): Promise<RowOf<'sessions'> | undefined> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('client_key', '=', clientKey)
    .executeTakeFirst();
}

/** The row values of a new session (the writer's unit of work). */
export function sessionValues(
  patientId: string,
  input: SessionInput,
  recordedBy: string,
  now: Date,
  clientKey: string | null = null,
) {
  return {
    id: newId(),
    patient_id: patientId,
    programme_id: input.programmeId ?? null,
    kind: input.kind,
    started_at: input.startedAt,
    minutes: input.minutes,
    peak_intensity_ma: input.peakIntensityMa ?? null,
    comfort: input.comfort ?? null,
    pain: input.pain ?? null,
    completed: input.completed,
    notes: input.notes ?? null,
    recorded_at: now,
    recorded_by: recordedBy,
    client_key: clientKey,
    evoked_force: input.evokedForce ? JSON.stringify(input.evokedForce) : null,
    delivery: input.delivery ? JSON.stringify(input.delivery) : null,
  };
}

type SessionValues = ReturnType<typeof sessionValues>;
/** A stored session as the writer answers it: the values written, with the start time parsed. */
type SessionRow = Omit<SessionValues, 'started_at' | 'evoked_force' | 'delivery'> &
  Pick<RowOf<'sessions'>, 'status' | 'replaces_id'> & {
    started_at: Date;
    evoked_force: unknown;
    delivery: unknown;
  };

/** What the writer answers: the stored session, and whether it was stored by an earlier request. */
export interface WrittenSession {
  row: SessionRow;
  /** True when the session's client key was already stored: nothing new was written. */
  replayed: boolean;
}

interface Pending {
  values: SessionValues;
  audit: AuditEventInput;
  resolve: (written: WrittenSession) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the busiest write: session logs that arrive while a write is in flight are
 * written together by the next statement — every session and its audit event in one data-modifying
 * WITH, one commit — and each caller is answered only after that commit. If a batch fails (one bad
 * row fails the whole statement), its sessions are retried one by one, so a caller only ever sees
 * its own error. Nothing is acknowledged before it is durable. A session whose client key
 * (Idempotency-Key) is already stored for its patient is not written again, nor audited as a
 * create: its caller gets the stored session, marked `replayed`.
 */
export class SessionWriter {
  readonly #db: Db;
  readonly #maxBatch: number;
  readonly #maxInFlight: number;
  readonly #queue: Pending[] = [];
  #inFlight = 0;
  #drainScheduled = false;
  /** The statement's text with client keys (true) and without (false), once built. */
  readonly #statementText = new Map<boolean, string>();

  constructor(db: Db, maxBatch = 100, maxInFlight = 2) {
    this.#db = db;
    this.#maxBatch = maxBatch;
    this.#maxInFlight = maxInFlight;
  }

  write(values: SessionValues, audit: AuditEventInput): Promise<WrittenSession> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ values, audit, resolve, reject });
      if (!this.#drainScheduled && this.#inFlight < this.#maxInFlight) {
        // Start writing once this turn of the event loop has read every request that is waiting:
        // an embedded database answers without yielding, so starting at once would write each
        // session alone.
        this.#drainScheduled = true;
        setImmediate(() => {
          this.#drainScheduled = false;
          void this.#drain();
        });
      }
    });
  }

  async #drain(): Promise<void> {
    this.#inFlight += 1;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.#maxBatch);
        try {
          await this.#answer(batch, await this.#insert(batch));
        } catch (error) {
          if (batch.length === 1) {
            batch[0]?.reject(error);
            continue;
          }
          for (const item of batch) {
            try {
              await this.#answer([item], await this.#insert([item]));
            } catch (single) {
              item.reject(single);
            }
          }
        }
      }
    } finally {
      this.#inFlight -= 1;
    }
  }

  /** Answers each caller with its new row, or with the row stored earlier under its client key. */
  async #answer(batch: Pending[], inserted: Set<string>): Promise<void> {
    for (const item of batch) {
      const { values } = item;
      if (inserted.has(values.id)) {
        // A logged session is an original: current, amending nothing (corrections come through their own route).
        item.resolve({
          row: { ...values, started_at: new Date(values.started_at), status: 'current', replaces_id: null },
          replayed: false,
        });
        continue;
      }
      const earlier =
        values.client_key === null
          ? undefined
          : await sessionRowByClientKey(this.#db, values.patient_id, values.client_key);
      if (earlier) item.resolve({ row: earlier, replayed: true });
      else item.reject(new Error(`session ${values.id} was not stored by its insert`));
    }
  }

  /**
   * One statement for any batch size: each column travels as one array parameter and unnest turns
   * the arrays back into rows, so the statement's text does not grow with the batch and is prepared
   * once per connection (two texts: with and without client keys).
   * A session whose client key is already stored is skipped (on conflict do nothing), and so is its
   * audit event. Returns the ids of the sessions written.
   */
  async #insert(batch: Pending[]): Promise<Set<string>> {
    const sessions = batch.map((item) => item.values);
    const audits = batch.map((item) =>
      auditValues({ ...item.audit, recordId: item.values.id, at: item.values.recorded_at }),
    );
    // Only a keyed session can conflict: batches without keys skip the conflict check
    // (speculative insertion) and the filter on the audit events, which cost throughput.
    const keyed = sessions.some((values) => values.client_key !== null);
    const sessionArrays = columnArrays(SESSION_COLUMN_TYPES, sessions);
    const auditArrays = columnArrays(AUDIT_COLUMN_TYPES, audits);
    // The text is the same for every batch of a variant: it is built once, and each batch sends
    // only its arrays, in the order the text names them.
    let text = this.#statementText.get(keyed);
    if (text === undefined) {
      const skipStoredKeys = keyed
        ? sql`on conflict (clinic_id, patient_id, client_key) where client_key is not null do nothing`
        : sql``;
      const onlyCreated = keyed ? sql`where given.record_id in (select id::text from created)` : sql``;
      text = sql`
      with created as (
        insert into sessions (${columnList(SESSION_COLUMN_TYPES)})
        select * from ${unnestRows(SESSION_COLUMN_TYPES, sessionArrays)}
        ${skipStoredKeys}
        returning id),
      audit as (
        insert into audit_events (${columnList(AUDIT_COLUMN_TYPES)})
        select * from ${unnestRows(AUDIT_COLUMN_TYPES, auditArrays)}
        ${onlyCreated})
      select id from created`.compile(this.#db).sql;
      this.#statementText.set(keyed, text);
    }
    const { rows } = await executePrepared(
      this.#db,
      CompiledQuery.raw(text, [...sessionArrays, ...auditArrays]) as CompiledQuery<{ id: string }>,
    );
    return new Set(rows.map((row) => row.id));
  }
}

/**
 * The PostgreSQL type of every column the writer fills, for the array casts. Typed by the values'
 * keys, so a column added to the values does not compile until it is named here.
 */
const SESSION_COLUMN_TYPES: Record<keyof SessionValues, string> = {
  id: 'uuid',
  patient_id: 'uuid',
  programme_id: 'uuid',
  kind: 'text',
  started_at: 'timestamptz',
  minutes: 'float8',
  peak_intensity_ma: 'float8',
  comfort: 'int2',
  pain: 'int2',
  completed: 'bool',
  notes: 'text',
  recorded_at: 'timestamptz',
  recorded_by: 'uuid',
  client_key: 'text',
  evoked_force: 'jsonb',
  delivery: 'jsonb',
};
const AUDIT_COLUMN_TYPES: Record<keyof ReturnType<typeof auditValues>, string> = {
  at: 'timestamptz',
  user_id: 'uuid',
  action: 'text',
  resource: 'text',
  record_id: 'text',
  patient_id: 'uuid',
  ip: 'text',
  user_agent: 'text',
  reason: 'text',
};

function columnList(columnTypes: Record<string, string>) {
  return sql.join(Object.keys(columnTypes).map((column) => sql.ref(column)));
}

/** Each column's values, in the columns' order: one array parameter per column. */
function columnArrays<Row>(columnTypes: Record<keyof Row & string, string>, rows: Row[]): unknown[][] {
  return (Object.keys(columnTypes) as (keyof Row & string)[]).map((column) =>
    rows.map((row) => row[column] ?? null),
  );
}

/** `unnest($1::type[], …) as given(columns)`: the rows from their column arrays (columnArrays). */
function unnestRows(columnTypes: Record<string, string>, arrays: unknown[][]) {
  const types = Object.values(columnTypes);
  const casts = arrays.map((array, i) => sql`${array}::${sql.raw(types[i] as string)}[]`);
  return sql`unnest(${sql.join(casts)}) as given(${columnList(columnTypes)})`;
}

/**
 * The writer for a database and the caller's clinic (one each per open database in this process):
 * a batch is written in the scope of the request that started it, so it holds one clinic's sessions.
 */
export const sessionWriter = perScope((db) => new SessionWriter(db));
