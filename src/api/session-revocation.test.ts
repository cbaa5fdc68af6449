import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';
import { restoreSnapshot, type Snapshot, takeSnapshot } from '../store/backup.ts';
import { openDatabase } from '../store/database.ts';

/**
 * A server keeps copies of live sessions (./session-cache.ts); an account or session changed by
 * anything else on the same database (another server process, the command line) must still be
 * refused at once. On PostgreSQL the change is made here on a connection of its own, outside the
 * server's pool, so only the database's NOTIFY can tell the server; on PGlite (one process) through
 * the server's own database handle.
 */
describe.each(testDatabases)('sessions changed outside the server on $name', (kind) => {
  let world: ApiWorld;
  let outside: (statement: string, values: unknown[]) => Promise<void>;
  let closeOutside = async () => {};
  let restoreOutside: (snapshot: Snapshot) => Promise<void>;
  let snapshot: Snapshot;

  beforeAll(async () => {
    world = await makeApiWorld(kind);
    if (kind.name === 'postgres') {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(world.database.db))
        .rows[0]?.s as string;
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      await client.query(`set search_path = ${schema}`);
      outside = async (statement, values) => {
        await client.query(statement, values);
      };
      closeOutside = () => client.end();
      restoreOutside = async (taken) => {
        const other = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL as string, schema });
        try {
          await restoreSnapshot(other.db, taken);
        } finally {
          await other.close();
        }
      };
    } else {
      restoreOutside = async (taken) => {
        await restoreSnapshot(world.database.db, taken);
      };
      outside = async (statement, values) => {
        await sql
          .raw(statement.replace(/\$(\d)/g, (_, i) => `'${values[Number(i) - 1]}'`))
          .execute(world.database.db);
      };
    }
    snapshot = await takeSnapshot(world.database.db, new Date());
  }, 120_000);
  afterAll(async () => {
    await closeOutside();
    await world?.close();
  });

  /** Milliseconds from the change's commit until the person's token is refused (polled every 5 ms, up to 2 s). */
  async function refusedAfter(
    person: ApiWorld['clinicianOne'],
    change: () => Promise<void>,
  ): Promise<number> {
    expect((await world.request(person, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await world.request(person, 'GET', '/api/me')).statusCode).toBe(200); // now kept
    // The copy is used only while the word of changes is live: without it this test would prove nothing.
    expect(world.database.accountChanges?.live()).toBe(true);
    await change();
    const started = performance.now();
    while (performance.now() - started < 2000) {
      if ((await world.request(person, 'GET', '/api/me')).statusCode === 401)
        return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return Number.POSITIVE_INFINITY;
  }

  it('refuses a session revoked outside the server within 100 ms', async () => {
    const ms = await refusedAfter(world.clinicianTwo, () =>
      outside('update auth_sessions set revoked_at = now() where user_id = $1', [world.clinicianTwo.id]),
    );
    expect(ms).toBeLessThanOrEqual(100);
  });

  it('refuses an account deactivated outside the server within 100 ms', async () => {
    const ms = await refusedAfter(world.teamAdmin, () =>
      outside('update users set deactivated_at = now() where id = $1', [world.teamAdmin.id]),
    );
    expect(ms).toBeLessThanOrEqual(100);
  });

  // Last: the restore ends every session of the world.
  it('refuses every session once a restore has emptied them, within 100 ms', async () => {
    const ms = await refusedAfter(world.clinicianOne, () => restoreOutside(snapshot));
    expect(ms).toBeLessThanOrEqual(100);
  });
});
