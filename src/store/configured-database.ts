import { resolve } from 'node:path';
import { type Database, type DatabaseOptions, openDatabase } from './database.ts';

/** The embedded database's directory when none is named. */
export const DEFAULT_DATA_DIR = './myotrophy-data';

/**
 * The database the command line and server use: PostgreSQL when DATABASE_URL is set, else the
 * embedded PGlite in `dataDir` (default ./myotrophy-data), created on first use.
 */
export function databaseOptionsFromEnvironment(
  dataDir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): DatabaseOptions {
  const url = env.DATABASE_URL?.trim();
  if (url)
    return { databaseUrl: url, ...(env.MYOTROPHY_DB_SCHEMA ? { schema: env.MYOTROPHY_DB_SCHEMA } : {}) };
  return { dataDir: resolve(dataDir ?? DEFAULT_DATA_DIR) };
}

export function openConfiguredDatabase(dataDir: string | undefined): Promise<Database> {
  return openDatabase(databaseOptionsFromEnvironment(dataDir));
}
