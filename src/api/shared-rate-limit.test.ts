import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { login } from '../../test/security/accounts-helpers.ts';
import { secondServer } from '../../test/security/two-servers.ts';
import type { Database } from '../store/database.ts';
import { buildApp } from './app.ts';

const LIMIT = 3;

/** Two server processes (two apps, each with its own pool on PostgreSQL) spend one request budget. */
describe.each(testDatabases)('the shared rate-limit store on $name', (kind) => {
  const clock = { ms: Date.parse('2026-05-04T09:00:00Z') };
  const now = () => new Date(clock.ms);
  let database: Database;
  let one: Awaited<ReturnType<typeof secondServer>>;
  let two: Awaited<ReturnType<typeof secondServer>>;
  const hits = async (ip: string) => {
    const row = await database.db
      .selectFrom('rate_limit_counters')
      .select('hits')
      .where('key', '=', `POST /api/auth/login ${ip}`)
      .executeTakeFirst();
    return row?.hits;
  };

  beforeAll(async () => {
    database = await kind.open();
    const app = await buildApp(database, { now, loginAttemptsPerMinute: LIMIT });
    one = { app, close: () => app.close() };
    two = await secondServer(database, now, { loginAttemptsPerMinute: LIMIT });
  }, 120_000);
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await database?.close();
  });

  it('counts the login route per address across processes, refuses the next, and starts again after the minute', async () => {
    const ip = '10.40.0.1';
    // Different accounts, so the per-account login throttle stays out of the way: 401 is "let through".
    const spread = [one, two, one].map((server, i) =>
      login(server.app, `nobody${i}@clinic.test`, 'wrong', ip),
    );
    expect((await Promise.all(spread)).map((r) => r.statusCode)).toEqual([401, 401, 401]);
    const refused = await login(two.app, 'nobody3@clinic.test', 'wrong', ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.json().detail).toBe('too many login attempts from this address; try again in 60 s');
    // Another address has its own budget.
    expect((await login(one.app, 'nobody4@clinic.test', 'wrong', '10.40.0.2')).statusCode).toBe(401);
    clock.ms += 30_000;
    expect((await login(one.app, 'nobody5@clinic.test', 'wrong', ip)).headers['retry-after']).toBe('30');
    clock.ms += 30_000;
    expect((await login(one.app, 'nobody6@clinic.test', 'wrong', ip)).statusCode).toBe(401);
    expect(await hits(ip)).toBe(1);
  });

  it('refuses a key a process already saw over its limit without a database round trip', async () => {
    const ip = '10.41.0.1';
    for (let i = 0; i < LIMIT; i += 1) await login(one.app, `flood${i}@clinic.test`, 'wrong', ip);
    expect((await login(one.app, 'flood@clinic.test', 'wrong', ip)).statusCode).toBe(429);
    expect(await hits(ip)).toBe(LIMIT + 1);
    for (let i = 0; i < 5; i += 1)
      expect((await login(one.app, 'flood@clinic.test', 'wrong', ip)).statusCode).toBe(429);
    expect(await hits(ip)).toBe(LIMIT + 1);
    // The other process had not seen it: it asks the database, which says no.
    expect((await login(two.app, 'flood@clinic.test', 'wrong', ip)).statusCode).toBe(429);
    expect(await hits(ip)).toBe(LIMIT + 2);
  });
});
