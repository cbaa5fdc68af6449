import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  sql,
  type TransactionSettings,
} from 'kysely';
import type { Schema } from './schema.ts';

/**
 * Whose rows a piece of work may touch (docs/tenancy.md). Row-level security on every tenant table
 * shows only the rows of the clinic named by the setting `myotrophy.clinic_id`, and only to roles
 * that cannot bypass it. Work runs in one of two scopes:
 *
 *   - a clinic's: a request, or a job acting for one clinic. Its queries run as APP_ROLE (no
 *     SUPERUSER, no BYPASSRLS) with the clinic set; with no clinic (an anonymous request) every
 *     tenant table is empty to it.
 *   - the operator's: no scope. Migrations, backups, restores, clinic creation and the command
 *     line run as the connecting role, which owns the tables; new rows go to the first clinic
 *     unless the work names another with actAsOperatorFor.
 *
 * Each time a connection is lent out it is set for the borrower's scope first, so a pooled
 * connection never carries one request's clinic or role into another's.
 */
export const APP_ROLE = 'myotrophy_app';
export const CLINIC_SETTING = 'myotrophy.clinic_id';

interface Scope {
  /** True for requests and jobs: the queries run as APP_ROLE. */
  app: boolean;
  /** The clinic whose rows the work sees; null: none (app) or the first clinic (operator). */
  clinicId: string | null;
}

const scopes = new AsyncLocalStorage<Scope>();

/** Names the current scope: work under one name sees the same rows. */
export function currentScopeKey(): string {
  const scope = scopes.getStore();
  return scope ? `${scope.app ? 'app' : 'operator'}:${scope.clinicId}` : 'operator';
}

/** Runs `work` for one clinic as the application role: it sees and writes only that clinic's rows. */
export function actForClinic<T>(clinicId: string | null, work: () => T): T {
  return scopes.run({ app: true, clinicId }, work);
}

/** Runs `work` as the operator (the owning role) with new rows going to `clinicId`. */
export function actAsOperatorFor<T>(clinicId: string, work: () => T): T {
  return scopes.run({ app: false, clinicId }, work);
}

/** Runs `work` as the operator, whatever scope the caller was in: instance tasks (claiming jobs). */
export function actAsOperator<T>(work: () => T): T {
  return scopes.exit(work);
}

/**
 * Switches an open transaction to another clinic until it ends (SET LOCAL): for the few anonymous
 * requests that learn their clinic from what they read (an invitation's or reset's link).
 */
export async function enterClinic(db: Kysely<Schema>, clinicId: string): Promise<void> {
  await sql`select set_config(${CLINIC_SETTING}, ${clinicId}, true)`.execute(db);
}

/** The statement that sets a lent connection for a scope (the operator's when there is none). */
function scopeStatement(scope: Scope | undefined): CompiledQuery {
  if (scope?.app) {
    return CompiledQuery.raw(
      `select set_config('role', '${APP_ROLE}', false), set_config('${CLINIC_SETTING}', $1, false)`,
      [scope.clinicId ?? ''],
    );
  }
  if (scope?.clinicId) {
    return CompiledQuery.raw(
      `select set_config('role', 'none', false), set_config('${CLINIC_SETTING}', $1, false)`,
      [scope.clinicId],
    );
  }
  return CompiledQuery.raw(
    `select set_config('role', 'none', false), set_config('${CLINIC_SETTING}',
       coalesce((select id::text from clinics order by created_at, id limit 1), ''), false)`,
  );
}

/**
 * A dialect whose connections are set for the borrower's scope once `enable()` is called (after
 * the migrations, which run before the clinics table exists).
 */
export function scopedDialect(inner: Dialect): Dialect & { enable(): void } {
  let enabled = false;
  /** What each connection was last set for, to skip setting it again for the same clinic. */
  const lastSet = new WeakMap<DatabaseConnection, string>();
  const driver = inner.createDriver();
  const scoped: Driver = {
    init: () => driver.init(),
    async acquireConnection() {
      const connection = await driver.acquireConnection();
      if (!enabled) return connection;
      const scope = scopes.getStore();
      // The operator's first clinic is looked up every time: a restore or a new database may change it.
      const key = scope ? currentScopeKey() : undefined;
      if (key === undefined || lastSet.get(connection) !== key) {
        try {
          await connection.executeQuery(scopeStatement(scope));
        } catch (error) {
          await driver.releaseConnection(connection);
          throw error;
        }
        if (key === undefined) lastSet.delete(connection);
        else lastSet.set(connection, key);
      }
      return connection;
    },
    beginTransaction: (connection: DatabaseConnection, settings: TransactionSettings) =>
      driver.beginTransaction(connection, settings),
    commitTransaction: (connection: DatabaseConnection) => driver.commitTransaction(connection),
    rollbackTransaction: (connection: DatabaseConnection) => driver.rollbackTransaction(connection),
    releaseConnection: (connection: DatabaseConnection) => driver.releaseConnection(connection),
    destroy: () => driver.destroy(),
  };
  return {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => scoped,
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    enable: () => {
      enabled = true;
    },
  };
}
