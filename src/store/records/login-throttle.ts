import type { Kysely } from 'kysely';
import type { Db } from '../database.ts';
import type { Schema } from '../schema.ts';

/**
 * Failed-login counters in the database, so every server process on one PostgreSQL sees the same
 * numbers. A key is 'account:EMAIL' or 'ip:ADDRESS'. The policy (how many failures are free, how
 * the delay grows) belongs to the caller; this module only counts, atomically.
 */
export interface ThrottleState {
  failures: number;
  nextAttemptAt: Date;
}

export type ClaimResult = { allowed: true } | { allowed: false; nextAttemptAt: Date; failures: number };

/**
 * Claims one attempt on every key, counting it as a failure in advance (a success gives it back):
 * a burst of parallel attempts gets no more tries than a sequence. Refused, counting nothing,
 * when any key must still wait; a key quiet for `resetAfterMs` starts again from zero.
 * `delayMs(failures)` is the wait after that many failures.
 */
export async function claimAttempt(
  db: Db,
  keys: readonly string[],
  now: Date,
  delayMs: (key: string, failures: number) => number,
  resetAfterMs: number,
): Promise<ClaimResult> {
  // Every caller locks its keys in the same order, so two attempts never wait on each other in a cycle.
  const sorted = [...new Set(keys)].sort();
  return db.transaction().execute(async (tx) => {
    for (const key of sorted) {
      await tx
        .insertInto('login_throttle')
        .values({ key, failures: 0, last_failure_at: now, next_attempt_at: now })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    }
    const rows = await tx
      .selectFrom('login_throttle')
      .selectAll()
      .where('key', 'in', sorted)
      .orderBy('key')
      .forUpdate()
      .execute();
    const current = rows.map((row) => {
      const stale = now.getTime() - new Date(row.last_failure_at).getTime() >= resetAfterMs;
      return {
        key: row.key,
        failures: stale ? 0 : row.failures,
        nextAttemptAt: stale ? now : new Date(row.next_attempt_at),
      };
    });
    const waiting = current
      .filter((row) => row.nextAttemptAt > now)
      .sort((a, b) => b.nextAttemptAt.getTime() - a.nextAttemptAt.getTime())[0];
    if (waiting) return { allowed: false, nextAttemptAt: waiting.nextAttemptAt, failures: waiting.failures };
    for (const row of current) {
      const failures = row.failures + 1;
      await tx
        .updateTable('login_throttle')
        .set({
          failures,
          last_failure_at: now,
          next_attempt_at: new Date(now.getTime() + delayMs(row.key, failures)),
        })
        .where('key', '=', row.key)
        .execute();
    }
    return { allowed: true };
  });
}

/** After a successful login: clears the keys in `clear`, and gives back the claimed attempt on `giveBack`. */
export async function settleSuccess(
  db: Kysely<Schema>,
  clear: readonly string[],
  giveBack: readonly string[],
  now: Date,
): Promise<void> {
  if (clear.length > 0)
    await db
      .deleteFrom('login_throttle')
      .where('key', 'in', [...clear])
      .execute();
  for (const key of giveBack) {
    await db
      .updateTable('login_throttle')
      .set((eb) => ({ failures: eb.fn('greatest', [eb('failures', '-', 1), eb.lit(0)]) }))
      .where('key', '=', key)
      .where('last_failure_at', '<=', now)
      .execute();
  }
}

/** The counters for some keys (for tests and the admin's view). */
export async function throttleState(db: Db, key: string): Promise<ThrottleState | undefined> {
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? { failures: row.failures, nextAttemptAt: new Date(row.next_attempt_at) } : undefined;
}
