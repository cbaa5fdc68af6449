import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '../src/store/database.ts';
import { dropSchema } from './postgres-schema.ts';

/**
 * A database the `myotrophy` command opens in a child process: an embedded PGlite directory, or
 * (when TEST_DATABASE_URL is set) a fresh PostgreSQL schema named through MYOTROPHY_DB_SCHEMA.
 */
export interface CliDatabase {
  name: 'pglite' | 'postgres';
  /** Opens it in this process (close before running the command on a PGlite directory). */
  open(): Promise<Database>;
  run(...args: string[]): { status: number | null; stdout: string; stderr: string };
  dispose(): Promise<void>;
}

function runner(args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync('node', ['bin/myotrophy.js', ...args], { encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function cliDatabases(): (() => CliDatabase)[] {
  const { DATABASE_URL: _ignored, MYOTROPHY_DB_SCHEMA: _alsoIgnored, ...base } = process.env;
  const kinds: (() => CliDatabase)[] = [
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'myotrophy-fhir-cli-'));
      const dataDir = join(dir, 'data');
      return {
        name: 'pglite',
        open: () => openDatabase({ dataDir }),
        run: (...args) => runner([...args, '--data', dataDir], base),
        dispose: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    kinds.push(() => {
      const schema = `test_cli_${process.pid}_${randomBytes(6).toString('hex')}`;
      const env = { ...base, DATABASE_URL: url, MYOTROPHY_DB_SCHEMA: schema };
      return {
        name: 'postgres',
        open: () => openDatabase({ databaseUrl: url, schema, poolSize: 2 }),
        run: (...args) => runner(args, env),
        dispose: () => dropSchema(url, schema),
      };
    });
  }
  return kinds;
}
