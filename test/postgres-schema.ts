import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh PostgreSQL schema for server processes a test starts (through DATABASE_URL and
 * MYOTROPHY_DB_SCHEMA), dropped by `drop()`. Undefined without TEST_DATABASE_URL, an error then
 * under CI=true.
 */
export interface ServerSchema {
  url: string;
  schema: string;
  env: Record<string, string>;
  drop(): Promise<void>;
}

export function serverSchema(prefix: string): ServerSchema | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set');
  if (!url) return undefined;
  const schema = `test_${prefix}_${process.pid}_${randomBytes(6).toString('hex')}`;
  return {
    url,
    schema,
    env: { DATABASE_URL: url, MYOTROPHY_DB_SCHEMA: schema },
    drop: () => dropSchema(url, schema),
  };
}

/** Drops a test's PostgreSQL schema and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
