import { sql } from 'kysely';
import type { Db } from '../database.ts';

/**
 * Request-rate counters in the database, so every server process on one PostgreSQL spends one
 * budget. A key's window starts at its first hit and lasts `windowMs`; the first hit after it ends
 * starts a new one. The limit itself (how many hits a window allows) belongs to the caller.
 */
export interface RateWindow {
  hits: number;
  /** Milliseconds left in the window. */
  remainingMs: number;
}

function remaining(windowStartedAt: Date, windowMs: number, now: Date): number {
  return Math.max(0, windowStartedAt.getTime() + windowMs - now.getTime());
}

/** Counts one hit on `key` (one atomic upsert) and returns the window's count after it. */
export async function countHit(db: Db, key: string, windowMs: number, now: Date): Promise<RateWindow> {
  const ended = sql<boolean>`rate_limit_counters.window_started_at + rate_limit_counters.window_ms * interval '1 millisecond' <= excluded.window_started_at`;
  const row = await db
    .insertInto('rate_limit_counters')
    .values({ key, hits: 1, window_started_at: now, window_ms: windowMs })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql`case when ${ended} then 1 else rate_limit_counters.hits + 1 end`,
        window_started_at: sql`case when ${ended} then excluded.window_started_at else rate_limit_counters.window_started_at end`,
        window_ms: sql`excluded.window_ms`,
      }),
    )
    .returning(['hits', 'window_started_at'])
    .executeTakeFirstOrThrow();
  return { hits: row.hits, remainingMs: remaining(new Date(row.window_started_at), windowMs, now) };
}

/** The window's count without counting a hit (zero when the window has ended or never began). */
export async function readHits(db: Db, key: string, windowMs: number, now: Date): Promise<RateWindow> {
  const row = await db
    .selectFrom('rate_limit_counters')
    .select(['hits', 'window_started_at'])
    .where('key', '=', key)
    .executeTakeFirst();
  const left = row ? remaining(new Date(row.window_started_at), windowMs, now) : 0;
  return left > 0 && row ? { hits: row.hits, remainingMs: left } : { hits: 0, remainingMs: 0 };
}

/** Deletes the counters whose window has ended (they count as zero anyway); returns how many. */
export async function deleteEndedWindows(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('rate_limit_counters')
    .where(sql<boolean>`window_started_at + window_ms * interval '1 millisecond' <= ${now}`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
