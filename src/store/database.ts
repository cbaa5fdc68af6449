import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type AccountChanges, pgliteAccountChanges, postgresAccountChanges } from './account-changes.ts';
import { migrations } from './migrations/index.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { PreparingClient } from './prepared-statements.ts';
import type { Schema } from './schema.ts';
import { createStorageHealth, type StorageHealth } from './storage-health.ts';
import { watchStorage } from './storage-watch.ts';
import { scopedDialect } from './tenancy.ts';

export type Db = Kysely<Schema>;

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; absent means in memory (tests). Ignored for PostgreSQL. */
  dataDir?: string;
  /**
   * A PGlite data directory image (PGlite's dumpDataDir tarball) to start an empty data directory
   * from, instead of initialising one; pending migrations still run on top. Tests start from an
   * image already migrated, which skips the initialisation and migrations every open would repeat.
   * Ignored for PostgreSQL.
   */
  image?: Blob;
  /** A PostgreSQL schema to hold every table (created if missing); isolates tests and benchmarks. */
  schema?: string;
  /** Connections in the PostgreSQL pool (default 10). */
  poolSize?: number;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for logs: a directory, 'memory', or the server without its password. */
  location: string;
  /** Migration names applied by this open (empty when the schema was already current). */
  applied: string[];
  /** The last disk-full or out-of-memory failure a write met, until a write succeeds again. */
  storage: StorageHealth;
  /** Word of changed sessions and accounts, from this process and every other (./account-changes.ts); absent, no process may keep copies of sessions. */
  accountChanges?: AccountChanges;
  /** PGlite's WebAssembly memory in bytes (it only grows, up to 2 GiB); undefined for PostgreSQL. */
  wasmMemoryBytes(): number | undefined;
  close(): Promise<void>;
}

/** PostgreSQL type OIDs whose default JavaScript conversion would lose information. */
const DATE_OID = 1082;
const INT8_OID = 20;
const TIMESTAMP_OID = 1114;
const TIMESTAMPTZ_OID = 1184;

/**
 * A timestamp as PostgreSQL prints it ('0050-01-02 10:00:00.5+00'), read as the instant it names.
 * PGlite's own parser reads years 1–99 as 1901–1999 (JavaScript's Date.UTC two-digit years);
 * rewritten as ISO 8601, the four-digit year stays. The server runs in UTC, so an offset is whole
 * hours or hours and minutes.
 */
export function parseTimestamp(text: string): Date {
  const iso = text
    .replace(' ', 'T')
    .replace(/([+-]\d\d)$/, '$1:00')
    .replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  return new Date(/[Zz]|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens the database (PGlite or PostgreSQL), applies every pending migration, and returns it. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`schema name '${schema}' must be lower-case letters, digits and _ (max 63)`);
  }
  let database: Database;
  let enableScopes: () => void;
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    if (schema) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`create schema if not exists ${schema}`);
      } finally {
        await admin.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: url,
      Client: PreparingClient,
      max: options.poolSize ?? 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === DATE_OID
            ? (value: string) => value
            : oid === INT8_OID
              ? (value: string) => value
              : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    const storage = createStorageHealth();
    const accountChanges = postgresAccountChanges(url);
    const dialect = scopedDialect(
      watchStorage(new PostgresDialect({ pool }), storage, accountChanges.wroteLocally),
    );
    const db = new Kysely<Schema>({ dialect });
    database = {
      db,
      kind: 'postgres',
      location: redactUrl(url),
      applied: [],
      storage,
      accountChanges,
      wasmMemoryBytes: () => undefined,
      close: async () => {
        await accountChanges.close();
        await db.destroy();
      },
    };
    enableScopes = dialect.enable;
  } else {
    const pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.image ? { loadDataDir: options.image } : {}),
      parsers: {
        [DATE_OID]: (value: string) => value,
        [INT8_OID]: (value: string) => value,
        [TIMESTAMPTZ_OID]: parseTimestamp,
        [TIMESTAMP_OID]: parseTimestamp,
      },
    });
    if (schema) {
      await pglite.exec(`create schema if not exists ${schema}; set search_path = ${schema}`);
    }
    const storage = createStorageHealth();
    const accountChanges = pgliteAccountChanges(pglite);
    const dialect = scopedDialect(
      watchStorage(new PGliteDialect(pglite), storage, accountChanges.wroteLocally),
    );
    const db = new Kysely<Schema>({ dialect });
    enableScopes = dialect.enable;
    database = {
      db,
      kind: 'pglite',
      location: options.dataDir ?? 'memory',
      applied: [],
      storage,
      accountChanges,
      // PGlite exposes its Emscripten module as `mod` without typing it.
      wasmMemoryBytes: () => (pglite as unknown as { mod?: { HEAPU8?: Uint8Array } }).mod?.HEAPU8?.byteLength,
      close: async () => {
        await accountChanges.close();
        await db.destroy();
        await pglite.close();
      },
    };
  }
  try {
    database.applied = await migrate(database.db);
    // From here on every lent connection is set for its borrower's clinic (./tenancy.ts).
    enableScopes();
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** Applies pending migrations in order, each in its own transaction; returns the names applied. */
export async function migrate(db: Db): Promise<string[]> {
  // Name the schema: Kysely would otherwise take another schema's migration tables for this one's.
  const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: current.rows[0]?.schema ?? 'public',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The newest migration's name: the schema version a backup records. */
export function schemaVersion(): string {
  const names = Object.keys(migrations).sort();
  return names[names.length - 1] ?? '';
}

/** True when the database answers a trivial query. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgresql';
  }
}
