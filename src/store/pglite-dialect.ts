import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * How long a queue of queries may hold the thread before the event loop runs (ms): short enough
 * that a busy server keeps reading requests and accepting connections, long enough that a few
 * queries in a row (one request's) pass straight through.
 */
export const HANDOVER_SLICE_MS = 10;

/**
 * A Kysely dialect for PGlite. PGlite is one PostgreSQL backend in this process, so there is
 * exactly one connection; it is lent to one Kysely caller at a time (a FIFO lock), so that a
 * transaction's statements never interleave with another request's. PGlite answers without
 * returning to the event loop, so handing the lock from one waiter to the next in a promise
 * callback would run a whole queue of queries back to back while the server reads no request and
 * accepts no connection (under load, new clients waited over 10 s). So once the queue has held
 * the thread for HANDOVER_SLICE_MS, the next handover waits for setImmediate. SQL is compiled by
 * Kysely's own PostgreSQL compiler, so the same query code runs on PGlite and on PostgreSQL.
 */
export class PGliteDialect implements Dialect {
  readonly #pglite: PGlite;
  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#pglite);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's introspector takes any database.
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;
  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#pglite.query<R>(compiled.sql, [...compiled.parameters]);
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined && /^\s*(insert|update|delete|merge|with)/i.test(compiled.sql)
        ? { numAffectedRows: BigInt(result.affectedRows) }
        : {}),
    };
  }
  // biome-ignore lint/correctness/useYield: streaming is not offered; the generator only throws.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGliteDialect does not stream results');
  }
}

class PGliteDriver implements Driver {
  readonly #connection: PGliteConnection;
  /** Callers waiting for the single connection, in arrival order. */
  readonly #waiting: Array<() => void> = [];
  #busy = false;
  /** When the event loop last ran between two borrowers. */
  #sliceStartMs = performance.now();

  constructor(pglite: PGlite) {
    this.#connection = new PGliteConnection(pglite);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#busy) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#sliceStartMs = performance.now();
    this.#busy = true;
    return this.#connection;
  }
  async releaseConnection(): Promise<void> {
    const next = this.#waiting.shift();
    if (!next) {
      this.#busy = false;
      return;
    }
    // Hand over at once, unless the queue has held the thread for a whole slice: then let the
    // event loop read requests and accept connections first.
    const now = performance.now();
    if (now - this.#sliceStartMs < HANDOVER_SLICE_MS) {
      next();
    } else {
      setImmediate(() => {
        this.#sliceStartMs = performance.now();
        next();
      });
    }
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'begin';
    if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) sql += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(sql));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async destroy(): Promise<void> {}
}
