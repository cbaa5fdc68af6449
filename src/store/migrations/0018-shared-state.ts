import { type Kysely, sql } from 'kysely';

/**
 * State that several server processes on one PostgreSQL share (issue 19 items 2 and 3;
 * docs/processes.md).
 *
 * `rate_limit_counters`: the request-rate limits' counters (login, set-up and link routes per
 * address; heavy computations per credential and per user), one row per key and its current
 * window, so N processes count one budget, not N. Transient like `login_throttle`: not in backups.
 *
 * `scheduled_runs`: the ledger of periodic maintenance. One row per job and period, written in the
 * same transaction as the job's work, so a period's run commits once across processes and
 * restarts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table rate_limit_counters (
  key text primary key check (length(key) between 1 and 600),
  hits integer not null check (hits >= 0),
  window_started_at timestamptz not null,
  window_ms integer not null check (window_ms > 0)
)`.execute(db);
  await sql`create table scheduled_runs (
  job text not null check (length(job) between 1 and 64),
  period_start timestamptz not null,
  started_at timestamptz not null,
  finished_at timestamptz not null,
  outcome jsonb not null,
  primary key (job, period_start)
)`.execute(db);
}
