import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { sameData } from '../../test/security/two-servers.ts';
import type { Database } from '../store/database.ts';
import { issueSession, revokeSession } from '../store/records/auth-sessions.ts';
import { countHit } from '../store/records/rate-limit-counters.ts';
import { scheduledRuns } from '../store/records/scheduled-runs.ts';
import { createUser } from '../store/records/users.ts';
import { type MaintenanceJob, RETENTION_JOB, startMaintenance } from './maintenance.ts';

const DAY_MS = 86_400_000;

describe.each(testDatabases)('scheduled maintenance on $name', (kind) => {
  const clock = { ms: Date.parse('2026-06-01T10:20:00Z') };
  const now = () => new Date(clock.ms);
  let database: Database;
  let other: Database;
  beforeAll(async () => {
    database = await kind.open();
    other = await sameData(database);
  }, 120_000);
  afterAll(async () => {
    await other?.close();
    await database?.close();
  });

  it('runs the retention once per hour across processes, deleting only what has expired', async () => {
    const db = database.db;
    const user = await createUser(db, {
      email: 'keep@clinic.test',
      name: 'Keep',
      role: 'clinician',
      passwordHash: 'x',
      patientId: null,
      clinicianRole: false,
    });
    await issueSession(db, user.id, null, new Date(clock.ms - 31 * DAY_MS)); // expired 30.5 days ago
    const recentlyRevoked = await issueSession(db, user.id, null, new Date(clock.ms - 2 * DAY_MS));
    await issueSession(db, user.id, null, now()); // live
    const revokedRow = await db.selectFrom('auth_sessions').select('id').orderBy('created_at').execute();
    await revokeSession(db, revokedRow[1]?.id as string, new Date(clock.ms - DAY_MS));
    expect(recentlyRevoked.token).toBeTruthy();
    await db
      .insertInto('login_throttle')
      .values([
        {
          key: 'ip:10.0.0.1',
          failures: 3,
          last_failure_at: new Date(clock.ms - 25 * 3_600_000),
          next_attempt_at: new Date(clock.ms - 25 * 3_600_000),
        },
        {
          key: 'ip:10.0.0.2',
          failures: 3,
          last_failure_at: new Date(clock.ms - 3_600_000),
          next_attempt_at: now(),
        },
      ])
      .execute();
    await countHit(db, 'ended', 60_000, new Date(clock.ms - 61_000));
    await countHit(db, 'current', 60_000, new Date(clock.ms - 30_000));

    // Three processes start their timers together (the first pass runs at start), then tick again.
    const processes = [database, other, other].map((d) =>
      startMaintenance(d.db, { now, tickMs: 3_600_000, jobs: [RETENTION_JOB] }),
    );
    const first = (await Promise.all(processes.map((p) => p.tick()))).map((v) => v.retention);
    expect(first.filter((v) => v?.ran)).toEqual([
      { ran: true, outcome: { authSessions: 1, accountLinks: 0, loginThrottle: 1, rateLimitCounters: 1 } },
    ]);
    const again = await Promise.all(processes.map((p) => p.tick()));
    // Each finds the period done, or another process holding the job's lock while it looks.
    expect(again.map((v) => v.retention?.ran)).toEqual([false, false, false]);
    const runs = await scheduledRuns(db, 'retention');
    expect(runs).toEqual([
      {
        periodStart: new Date('2026-06-01T10:00:00Z'),
        outcome: { authSessions: 1, accountLinks: 0, loginThrottle: 1, rateLimitCounters: 1 },
      },
    ]);
    expect(await db.selectFrom('auth_sessions').select('id').execute()).toHaveLength(2);
    expect((await db.selectFrom('login_throttle').select('key').execute()).map((r) => r.key)).toEqual([
      'ip:10.0.0.2',
    ]);
    expect((await db.selectFrom('rate_limit_counters').select('key').execute()).map((r) => r.key)).toEqual([
      'current',
    ]);
    // The next hour runs once more: the live counter's window has ended by then.
    clock.ms += 3_600_000;
    const next = await Promise.all(processes.map((p) => p.tick()));
    expect(next.filter((v) => v.retention?.ran)).toHaveLength(1);
    expect((await scheduledRuns(db, 'retention')).map((r) => r.periodStart.toISOString())).toEqual([
      '2026-06-01T10:00:00.000Z',
      '2026-06-01T11:00:00.000Z',
    ]);
    await Promise.all(processes.map((p) => p.close()));
  });

  it('rolls a failed run back with its ledger row, so the period runs at the next tick', async () => {
    let fail = true;
    const job: MaintenanceJob = {
      name: 'flaky',
      periodMs: DAY_MS,
      work: async (tx) => {
        await countHit(tx, 'written by the flaky job', 60_000, now());
        if (fail) throw new Error('the disk is full');
        return { done: true };
      },
    };
    const errors: unknown[] = [];
    const maintenance = startMaintenance(database.db, {
      now,
      tickMs: DAY_MS,
      jobs: [job],
      onError: (e) => errors.push(e),
    });
    await expect(maintenance.tick()).rejects.toThrow('the disk is full');
    expect(await scheduledRuns(database.db, 'flaky')).toEqual([]);
    const written = () =>
      database.db
        .selectFrom('rate_limit_counters')
        .select('hits')
        .where('key', '=', 'written by the flaky job')
        .executeTakeFirst();
    expect(await written()).toBeUndefined();
    fail = false;
    expect((await maintenance.tick()).flaky).toEqual({ ran: true, outcome: { done: true } });
    expect(await written()).toEqual({ hits: 1 });
    expect((await maintenance.tick()).flaky).toEqual({ ran: false, because: 'already-done' });
    await maintenance.close();
    // The timer's first pass at start met the same failure and reported it instead of throwing.
    expect(errors.map(String)).toEqual(['Error: the disk is full']);
  });
});
