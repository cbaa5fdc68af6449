import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import type { StorageHealth } from './storage-health.ts';

/**
 * Wraps a Kysely dialect so that storage health counts the writes the database really stored: a
 * write statement that changed rows outside a transaction, or the commit of a transaction that
 * changed rows. A statement that matched no row, or a transaction rolled back, stores nothing, so
 * it is not counted. Savepoints are not passed through: Myotrophy's
 * transactions do not nest, and Kysely refuses a savepoint on a driver without them.
 */
export function watchStorage(
  dialect: Dialect,
  storage: StorageHealth,
  accountWritten: () => void = () => {},
): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new StorageWatchingDriver(dialect.createDriver(), storage, accountWritten),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

/**
 * Writes to the request-budget counters (rate_limit_counters) do not count: their small rows are
 * updated in place, so like an audit row they prove nothing about whether the disk takes a clinical
 * record, and every rate-limited request writes one, even one that stores nothing else.
 */
const BUDGET_COUNTER_WRITE = /^\s*(?:insert\s+into|update|delete\s+from)\s+"?rate_limit_counters"?[\s(]/i;

/**
 * A change to a login session or an account: the process's copies of sessions are dropped after the
 * statement and again after its transaction commits (src/store/account-changes.ts), so the request
 * that logged out or deactivated is answered only once this process would refuse the session.
 */
const ACCOUNT_WRITE = /^\s*(?:update|delete\s+from)\s+"?(?:users|auth_sessions)"?[\s(]/i;

class WatchedConnection implements DatabaseConnection {
  inTransaction = false;
  wroteInTransaction = false;
  wroteAccountsInTransaction = false;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly storage: StorageHealth,
    private readonly accountWritten: () => void,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(compiled);
    if (ACCOUNT_WRITE.test(compiled.sql)) {
      if (this.inTransaction) this.wroteAccountsInTransaction = true;
      this.accountWritten();
    }
    if (
      result.numAffectedRows !== undefined &&
      result.numAffectedRows > 0n &&
      !BUDGET_COUNTER_WRITE.test(compiled.sql)
    ) {
      if (this.inTransaction) this.wroteInTransaction = true;
      else this.storage.recordStoredWrite();
    }
    return result;
  }

  streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiled, chunkSize);
  }
}

class StorageWatchingDriver implements Driver {
  /** One wrapper per underlying connection, so a pooled connection keeps its transaction state. */
  readonly #wrappers = new WeakMap<DatabaseConnection, WatchedConnection>();
  constructor(
    private readonly inner: Driver,
    private readonly storage: StorageHealth,
    private readonly accountWritten: () => void,
  ) {}

  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let wrapper = this.#wrappers.get(connection);
    if (!wrapper) {
      wrapper = new WatchedConnection(connection, this.storage, this.accountWritten);
      this.#wrappers.set(connection, wrapper);
    }
    return wrapper;
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const watched = connection as WatchedConnection;
    await this.inner.beginTransaction(watched.inner, settings);
    watched.inTransaction = true;
    watched.wroteInTransaction = false;
    watched.wroteAccountsInTransaction = false;
  }
  async commitTransaction(connection: DatabaseConnection) {
    const watched = connection as WatchedConnection;
    try {
      await this.inner.commitTransaction(watched.inner);
      if (watched.wroteInTransaction) this.storage.recordStoredWrite();
      if (watched.wroteAccountsInTransaction) this.accountWritten();
    } finally {
      watched.inTransaction = false;
    }
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    const watched = connection as WatchedConnection;
    try {
      await this.inner.rollbackTransaction(watched.inner);
    } finally {
      watched.inTransaction = false;
    }
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection((connection as WatchedConnection).inner);
  }
  destroy() {
    return this.inner.destroy();
  }
}
