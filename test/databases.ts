import { randomBytes } from 'node:crypto';
import { type Database, openDatabase } from '../src/store/database.ts';
import { openMigratedPglite } from './pglite-image.ts';
import { dropSchema } from './postgres-schema.ts';

/**
 * The databases every store and API test runs on: PGlite always, and PostgreSQL when
 * TEST_DATABASE_URL is set. Each `open()` is isolated: a fresh in-memory PGlite (started from the
 * migrated image, ./pglite-image.ts), or a fresh PostgreSQL schema that `close()` drops, so
 * parallel test files never see each other's rows. Under CI=true a missing TEST_DATABASE_URL is
 * an error, never a silent skip.
 */
export interface TestDatabaseKind {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
  /** An empty database that every migration runs on, for the tests of migration itself. */
  openUnmigrated(): Promise<Database>;
}

const url = process.env.TEST_DATABASE_URL;
if (process.env.CI === 'true' && !url) {
  throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests would be skipped');
}

export const testDatabases: TestDatabaseKind[] = [
  { name: 'pglite', open: () => openMigratedPglite(), openUnmigrated: () => openDatabase() },
  // A new schema starts empty, so every PostgreSQL open migrates from scratch.
  ...(url
    ? [
        {
          name: 'postgres' as const,
          open: () => openPostgresSchema(url),
          openUnmigrated: () => openPostgresSchema(url),
        },
      ]
    : []),
];

async function openPostgresSchema(databaseUrl: string): Promise<Database> {
  const schema = `test_${process.pid}_${randomBytes(6).toString('hex')}`;
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl, schema, poolSize: 4 });
  } catch (error) {
    throw new Error(
      `TEST_DATABASE_URL=${databaseUrl} is set but PostgreSQL could not be used: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const close = database.close;
  database.close = async () => {
    await close();
    await dropSchema(databaseUrl, schema);
  };
  return database;
}
