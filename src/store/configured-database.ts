import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError } from '../shared/invalid-input.ts';
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

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one PostgreSQL backend inside one process: two processes on the same directory would
 * corrupt it. A lock file beside the directory names the process that has it open.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  let holder: number | undefined;
  try {
    holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
  } catch {
    holder = undefined;
  }
  if (holder !== undefined && Number.isInteger(holder) && holder !== process.pid && processAlive(holder)) {
    throw new InvalidInputError(
      `the embedded database ${dataDir} is open in process ${holder} (a running myotrophy serve?); stop it first, or use PostgreSQL through DATABASE_URL`,
    );
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

export async function openConfiguredDatabase(dataDir: string | undefined): Promise<Database> {
  const options = databaseOptionsFromEnvironment(dataDir);
  if (!options.dataDir) return openDatabase(options);
  const unlock = lockDataDir(options.dataDir);
  try {
    const database = await openDatabase(options);
    const close = database.close;
    database.close = async () => {
      await close();
      unlock();
    };
    return database;
  } catch (error) {
    unlock();
    throw error;
  }
}
