import type { Db } from '../database.ts';
import { type AuditEventInput, auditValues } from './audit.ts';
import type { sessionValues } from './sessions.ts';

type SessionValues = ReturnType<typeof sessionValues>;
type SessionRow = SessionValues & { recorded_at: Date; started_at: Date };

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

  constructor(db: Db, maxBatch = 100, maxInFlight = 2) {
    this.#db = db;
    this.#maxBatch = maxBatch;
    this.#maxInFlight = maxInFlight;
  }

  write(values: SessionValues, audit: AuditEventInput): Promise<SessionRow> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ values, audit, resolve, reject });
      if (this.#inFlight < this.#maxInFlight) void this.#drain();
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

  async #insert(batch: Pending[]): Promise<SessionRow[]> {
    const rows = await this.#db
      .with('audit', (q) =>
        q
          .insertInto('audit_events')
          .values(
            batch.map((item) =>
              auditValues({ ...item.audit, recordId: item.values.id, at: item.values.recorded_at }),
            ),
          ),
      )
      .with('created', (q) =>
        q
          .insertInto('sessions')
          .values(batch.map((item) => item.values))
          .returningAll(),
      )
      .selectFrom('created')
      .selectAll()
      .execute();
    return rows as SessionRow[];
  }
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
