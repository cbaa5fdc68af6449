import type { Db } from '../database.ts';
import { deleteEndedWindows } from './rate-limit-counters.ts';

/**
 * How long rows that no longer do anything are kept: login sessions and one-time links that ended
 * (expired, revoked or used) more than this many days ago. A Myotrophy choice: long enough to look
 * into a reported misuse beside the audit trail (which keeps every login and link use for good),
 * short enough that addresses and dead token hashes do not pile up.
 */
export const ENDED_ACCESS_KEPT_DAYS = 30;

export interface RetentionOutcome {
  authSessions: number;
  accountLinks: number;
  loginThrottle: number;
  rateLimitCounters: number;
}

/**
 * Deletes what has expired: ended sessions and links past ENDED_ACCESS_KEPT_DAYS, login counters
 * quiet for `loginCountersResetMs` (they count as zero already) and rate-limit windows that ended.
 */
export async function deleteExpired(
  db: Db,
  now: Date,
  loginCountersResetMs: number,
): Promise<RetentionOutcome> {
  const cutoff = new Date(now.getTime() - ENDED_ACCESS_KEPT_DAYS * 86_400_000);
  const sessions = await db
    .deleteFrom('auth_sessions')
    .where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('revoked_at', '<', cutoff)]))
    .executeTakeFirst();
  const links = await db
    .deleteFrom('account_links')
    .where((eb) =>
      eb.or([eb('expires_at', '<', cutoff), eb('used_at', '<', cutoff), eb('revoked_at', '<', cutoff)]),
    )
    .executeTakeFirst();
  const throttle = await db
    .deleteFrom('login_throttle')
    .where('last_failure_at', '<=', new Date(now.getTime() - loginCountersResetMs))
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  return {
    authSessions: Number(sessions.numDeletedRows),
    accountLinks: Number(links.numDeletedRows),
    loginThrottle: Number(throttle.numDeletedRows),
    rateLimitCounters: await deleteEndedWindows(db, now),
  };
}
