import { sql } from 'kysely';
import type { Db } from '../database.ts';

export type ScheduledRun =
  | { ran: true; outcome: unknown }
  | { ran: false; because: 'running-elsewhere' | 'already-done' };

/**
 * Runs `work` for one job and period at most once across every process on the database and every
 * restart: in one transaction that takes the job's advisory lock (without waiting: a process that
 * does not get it leaves the job to the one that has it), checks the ledger, does the work and
 * writes the ledger row. A failure rolls the work and the row back together, so the period is
 * tried again at the next tick. The lock is named with the schema, so isolated schemas on one
 * server never contend.
 */
export async function runOncePerPeriod(
  db: Db,
  job: string,
  periodStart: Date,
  now: () => Date,
  work: (tx: Db) => Promise<unknown>,
): Promise<ScheduledRun> {
  return db.transaction().execute(async (tx) => {
    const lock = await sql<{ locked: boolean }>`
      select pg_try_advisory_xact_lock(hashtext(current_schema() || ':scheduled:' || ${job})) as locked`.execute(
      tx,
    );
    if (!lock.rows[0]?.locked) return { ran: false, because: 'running-elsewhere' };
    const done = await tx
      .selectFrom('scheduled_runs')
      .select('job')
      .where('job', '=', job)
      .where('period_start', '=', periodStart)
      .executeTakeFirst();
    if (done) return { ran: false, because: 'already-done' };
    const startedAt = now();
    const outcome = await work(tx);
    await tx
      .insertInto('scheduled_runs')
      .values({
        job,
        period_start: periodStart,
        started_at: startedAt,
        finished_at: now(),
        outcome: JSON.stringify(outcome),
      })
      .execute();
    return { ran: true, outcome };
  });
}

/** The ledger's rows for a job, oldest period first (for tests and operators). */
export async function scheduledRuns(db: Db, job: string): Promise<{ periodStart: Date; outcome: unknown }[]> {
  const rows = await db
    .selectFrom('scheduled_runs')
    .select(['period_start', 'outcome'])
    .where('job', '=', job)
    .orderBy('period_start')
    .execute();
  return rows.map((r) => ({ periodStart: new Date(r.period_start), outcome: r.outcome }));
}
