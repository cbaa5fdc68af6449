import type { FastifyReply } from 'fastify';
import type { Db } from '../store/database.ts';
import { claimAttempt, settleSuccess } from '../store/records/login-throttle.ts';
import { normaliseEmail } from '../store/records/users.ts';
import { HttpProblem } from './problem.ts';

/**
 * Login throttling, per account and per client address separately, with a progressive delay, the
 * counters in the database so every server process on one PostgreSQL counts the same attempts.
 *
 * Per account (the e-mail as typed, normalised, whether or not an account has it, so the answer
 * never tells whether an account exists): ACCOUNT_FREE_FAILURES failed logins are free; after that
 * each further attempt must wait a delay that doubles from 1 s up to MAX_DELAY_MINUTES. A success
 * clears the account's count. Per address: ADDRESS_FREE_FAILURES, then the same doubling; high
 * enough that one clinic behind a NAT does not lock itself out, low enough that one address cannot
 * spray guesses over many accounts. A key quiet for RESET_AFTER_HOURS starts again from zero.
 *
 * NIST SP 800-63B §5.2.2 asks verifiers to limit consecutive failed attempts on one account to no
 * more than 100; with these figures an account gets 10 free guesses, about 10 more in the next
 * 20 minutes, then 4 an hour.
 */
export const ACCOUNT_FREE_FAILURES = 10;
export const ADDRESS_FREE_FAILURES = 100;
export const MAX_DELAY_MINUTES = 15;
export const RESET_AFTER_HOURS = 24;

export const accountKey = (email: string) => `account:${normaliseEmail(email)}`;
export const addressKey = (ip: string) => `ip:${ip}`;

/** The wait after `failures` failed logins, when `free` of them cost nothing. */
export function loginDelayMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(2 ** Math.min(failures - free, 20) * 1000, MAX_DELAY_MINUTES * 60_000);
}

function delayFor(key: string, failures: number): number {
  return loginDelayMs(failures, key.startsWith('ip:') ? ADDRESS_FREE_FAILURES : ACCOUNT_FREE_FAILURES);
}

/** Claims a login attempt for the e-mail from the address, or refuses it with 429 and Retry-After. */
export async function claimLoginAttempt(
  db: Db,
  reply: FastifyReply,
  email: string,
  ip: string,
  now: Date,
): Promise<void> {
  const claim = await claimAttempt(
    db,
    [accountKey(email), addressKey(ip)],
    now,
    delayFor,
    RESET_AFTER_HOURS * 3_600_000,
  );
  if (claim.allowed) return;
  const seconds = Math.max(1, Math.ceil((claim.nextAttemptAt.getTime() - now.getTime()) / 1000));
  reply.header('retry-after', String(seconds));
  throw new HttpProblem(
    429,
    `this account or address is locked for ${seconds} s after ${claim.failures} failed logins; try again after ${claim.nextAttemptAt.toISOString()}, or ask an admin to reset the password`,
  );
}

/** A successful login clears the account's count and gives back the attempt claimed on the address. */
export function settleLoginSuccess(tx: Db, email: string, ip: string, now: Date): Promise<void> {
  return settleSuccess(tx, [accountKey(email)], [addressKey(ip)], now);
}
