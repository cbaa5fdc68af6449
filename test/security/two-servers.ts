import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { type BuildAppOptions, buildApp } from '../../src/api/app.ts';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { type ApiWorld, makeApiWorld } from '../api-world.ts';
import type { TestDatabaseKind } from '../databases.ts';

/**
 * Another connection to the same data, as another server process has: on PostgreSQL its own pool
 * on the same schema; on PGlite (one process's database) the same one, whose close does nothing.
 */
export async function sameData(database: Database): Promise<Database> {
  if (database.kind === 'pglite') return { ...database, close: async () => {} };
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('a PostgreSQL test database needs TEST_DATABASE_URL');
  const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  const schema = current.rows[0]?.schema;
  if (!schema) throw new Error('no current schema');
  return openDatabase({ databaseUrl: url, schema, poolSize: 4 });
}

/**
 * A second server process over the same data. On PostgreSQL it is what production runs: another
 * app with its own connection pool on the same schema. PGlite belongs to one process, so there the
 * second server is another app instance over the same database: it shares no memory with the
 * first but the database, which is what the tests need to show.
 */
export async function secondServer(
  database: Database,
  now: () => Date,
  options: BuildAppOptions = {},
): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const other = await sameData(database);
  const app = await buildApp(other, { now, loginAttemptsPerMinute: 1000, ...options });
  return {
    app,
    close: async () => {
      await app.close();
      await other.close();
    },
  };
}

/** The accounts tests' clinic: an API world on a clock the test moves, and a second server process. */
export interface ClinicOnTwoServers {
  world: ApiWorld;
  other: { app: FastifyInstance; close(): Promise<void> };
  clock: { ms: number };
  now: () => Date;
}

/** Opens the clinic before the describe block's tests (from `startsAt`) and closes it after. */
export function clinicOnTwoServers(kind: TestDatabaseKind, startsAt: string): ClinicOnTwoServers {
  const clock = { ms: Date.parse(startsAt) };
  const clinic = { clock, now: () => new Date(clock.ms) } as ClinicOnTwoServers;
  beforeAll(async () => {
    clinic.world = await makeApiWorld(kind, { now: clinic.now });
    clinic.other = await secondServer(clinic.world.database, clinic.now);
  }, 120_000);
  afterAll(async () => {
    await clinic.other?.close();
    await clinic.world?.close();
  });
  return clinic;
}
