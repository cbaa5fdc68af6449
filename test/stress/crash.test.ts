import { describe, expect, it } from 'vitest';
import { judgeCrash, runCrashTrial, sessionFor } from './crash.ts';
import { fixtureServer } from './server-process.ts';

/**
 * The quick crash test (the 2,000-write trial runs under `npm run test:stress`): 300 concurrent
 * session logs, SIGKILL after 150 acknowledgements, restart, compare — on PGlite and, when
 * TEST_DATABASE_URL is set, PostgreSQL. And the same checker against a server that acknowledges
 * before it commits, which it must catch.
 */
const postgresUrl = process.env.TEST_DATABASE_URL;

describe('crash: acknowledged writes survive SIGKILL', () => {
  const databases: ['pglite' | 'postgres', string | undefined][] = [
    ['pglite', undefined],
    ...(postgresUrl ? [['postgres', postgresUrl] as ['postgres', string]] : []),
  ];
  it.each(databases)(
    'on %s',
    async (database, databaseUrl) => {
      const result = await runCrashTrial({
        database,
        writes: 300,
        killAfterAcks: 150,
        concurrency: 32,
        ...(databaseUrl ? { databaseUrl } : {}),
      });
      expect(result.acknowledged).toBeGreaterThanOrEqual(150);
      expect(result.lost).toEqual([]);
      expect(result.halfWritten).toEqual([]);
      expect(result.present).toBeGreaterThanOrEqual(result.acknowledged);
      expect(result.ok).toBe(true);
    },
    120_000,
  );

  it('reports the acknowledged writes a server that acknowledges before committing loses', async () => {
    const result = await runCrashTrial({
      database: 'pglite',
      writes: 300,
      killAfterAcks: 150,
      concurrency: 32,
      serverArgs: fixtureServer('test/stress/fixtures/ack-before-commit.ts'),
    });
    expect(result.ok).toBe(false);
    expect(result.lost.length).toBeGreaterThan(0);
  }, 120_000);

  it('reports a half-written record, a missing audit event and an orphan audit event', () => {
    const a = sessionFor('run', 1);
    const b = sessionFor('run', 2);
    const sent = new Map([
      ['run-1', a],
      ['run-2', b],
    ]);
    const acknowledged = new Map([
      ['run-1', 'id-1'],
      ['run-2', 'id-2'],
    ]);
    const present = new Map([
      ['run-1', { id: 'id-1', input: { ...a, minutes: a.minutes + 1 }, audited: true }],
      ['run-2', { id: 'id-2', input: b, audited: false }],
    ]);
    const verdict = judgeCrash(sent, acknowledged, present, 1);
    expect(verdict.lost).toEqual([]);
    expect(verdict.halfWritten).toHaveLength(3);
    expect(verdict.halfWritten[0]).toMatch(/run-1: stored/);
    expect(verdict.halfWritten[1]).toMatch(/run-2: stored without its audit event/);
  });
});
