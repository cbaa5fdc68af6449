import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { type AuditEventInput, auditValues } from './audit.ts';
import type { sessionValues } from './sessions.ts';

type SessionValues = ReturnType<typeof sessionValues>;
/** A stored session as the writer answers it: the values written, with the start time parsed. */
type SessionRow = Omit<SessionValues, 'started_at'> & { started_at: Date };

interface Pending {
  values: SessionValues;
  audit: AuditEventInput;
  resolve: (row: SessionRow) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the busiest write: session logs that arrive while a write is in flight are
 * written together by the next statement — every session and its audit event in one data-modifying
 * WITH, one commit — and each caller is answered only after that commit. If a batch fails (one bad
 * row fails the whole statement), its sessions are retried one by one, so a caller only ever sees
 * its own error. Nothing is acknowledged before it is durable.
 */
export class SessionWriter {
  readonly #db: Db;
  readonly #maxBatch: number;
  readonly #maxInFlight: number;
  readonly #queue: Pending[] = [];
  #inFlight = 0;
  #drainScheduled = false;

  constructor(db: Db, maxBatch = 100, maxInFlight = 2) {
    this.#db = db;
    this.#maxBatch = maxBatch;
    this.#maxInFlight = maxInFlight;
  }

  write(values: SessionValues, audit: AuditEventInput): Promise<SessionRow> {
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
          const rows = await this.#insert(batch);
          const byId = new Map(rows.map((r) => [r.id, r]));
          for (const item of batch) {
            const row = byId.get(item.values.id);
            if (row) item.resolve(row);
            else item.reject(new Error(`session ${item.values.id} was not returned by its insert`));
          }
        } catch (error) {
          if (batch.length === 1) {
            batch[0]?.reject(error);
            continue;
          }
          for (const item of batch) {
            try {
              const [row] = await this.#insert([item]);
              if (row) item.resolve(row);
              else item.reject(new Error(`session ${item.values.id} was not returned by its insert`));
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

  /**
   * One statement for any batch size: each column travels as one array parameter and unnest turns
   * the arrays back into rows, so the statement's text stays the same and nothing is built per row.
   * Only the ids come back; the answer is made from the values that were stored.
   */
  async #insert(batch: Pending[]): Promise<SessionRow[]> {
    const sessions = batch.map((item) => item.values);
    const audits = batch.map((item) =>
      auditValues({ ...item.audit, recordId: item.values.id, at: item.values.recorded_at }),
    );
    const { rows } = await sql<{ id: string }>`
      with audit as (${insertRows('audit_events', AUDIT_COLUMN_TYPES, audits)})
      ${insertRows('sessions', SESSION_COLUMN_TYPES, sessions)} returning id`.execute(this.#db);
    const stored = new Set(rows.map((row) => row.id));
    return sessions
      .filter((values) => stored.has(values.id))
      .map((values) => ({ ...values, started_at: new Date(values.started_at) }));
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
};

/** `insert into TABLE (columns) select * from unnest($1::type[], …)`, one array per column. */
function insertRows<Row>(table: string, columnTypes: Record<keyof Row & string, string>, rows: Row[]) {
  const columns = Object.keys(columnTypes) as (keyof Row & string)[];
  const arrays = columns.map(
    (column) => sql`${rows.map((row) => row[column] ?? null)}::${sql.raw(columnTypes[column])}[]`,
  );
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
    select * from unnest(${sql.join(arrays)})`;
}

const writers = new WeakMap<Db, SessionWriter>();

/** The writer for a database (one per open database in this process). */
export function sessionWriter(db: Db): SessionWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new SessionWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
