import type { Db } from '../store/database.ts';
import { deleteExpired } from '../store/records/retention.ts';
import { runOncePerPeriod, type ScheduledRun } from '../store/records/scheduled-runs.ts';
import { RESET_AFTER_HOURS } from './login-throttle.ts';

/** A periodic maintenance job: its work runs once per period across every server process. */
export interface MaintenanceJob {
  name: string;
  periodMs: number;
  work(tx: Db, now: Date): Promise<unknown>;
}

/** Expired sessions, links and counters, hourly. */
export const RETENTION_JOB: MaintenanceJob = {
  name: 'retention',
  periodMs: 3_600_000,
  work: (tx, now) => deleteExpired(tx, now, RESET_AFTER_HOURS * 3_600_000),
};

/** How often each process looks for a period that has not run yet. */
export const DEFAULT_MAINTENANCE_TICK_MS = 60_000;

export interface Maintenance {
  /** One pass over the jobs now (what the timer does); the jobs' verdicts by name. */
  tick(): Promise<Record<string, ScheduledRun>>;
  close(): Promise<void>;
}

/** The start of the period `now` falls in (periods are aligned to the epoch, so every process agrees). */
export function periodStart(now: Date, periodMs: number): Date {
  return new Date(Math.floor(now.getTime() / periodMs) * periodMs);
}

/**
 * Starts every server process's maintenance timer. Each tick tries every job for the current
 * period; the database's ledger and advisory lock make exactly one process do it. A failed run is
 * logged and tried again at the next tick.
 */
export function startMaintenance(
  db: Db,
  options: { now: () => Date; tickMs?: number; jobs?: MaintenanceJob[]; onError?: (error: unknown) => void },
): Maintenance {
  const jobs = options.jobs ?? [RETENTION_JOB];
  let running: Promise<Record<string, ScheduledRun>> | undefined;
  const pass = async () => {
    const verdicts: Record<string, ScheduledRun> = {};
    for (const job of jobs) {
      const now = options.now();
      verdicts[job.name] = await runOncePerPeriod(
        db,
        job.name,
        periodStart(now, job.periodMs),
        options.now,
        (tx) => job.work(tx, now),
      );
    }
    return verdicts;
  };
  const tick = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };
  const onTimer = () => {
    tick().catch((error) => (options.onError ?? console.error)(error));
  };
  const timer = setInterval(onTimer, options.tickMs ?? DEFAULT_MAINTENANCE_TICK_MS);
  timer.unref();
  onTimer();
  return {
    tick,
    close: async () => {
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
