import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normaliseEmail } from '../store/records/users.ts';
import { HttpProblem } from './problem.ts';

/**
 * Account lockout against password guessing spread over many addresses (the per-address rate limit
 * in ./app.ts stops guessing from one). After LOCKOUT_FAILURES failed logins for one e-mail, with no
 * success between them and each within LOCKOUT_MINUTES of the one before, that e-mail cannot log
 * in, even with the right password, until LOCKOUT_MINUTES after the last failure. Attempts still in
 * flight count, so a burst in parallel gets no more guesses than a sequence. Keyed by the e-mail
 * as typed (normalised), whether or not an account has it, so the answer never tells whether an
 * account exists. Kept in this process's memory: a restart clears it, and each server process on
 * a shared PostgreSQL counts its own attempts.
 *
 * NIST SP 800-63B §5.2.2 asks verifiers to limit consecutive failed attempts on one account to no
 * more than 100; Myotrophy allows 10 per 15 minutes.
 */
export const LOCKOUT_FAILURES = 10;
export const LOCKOUT_MINUTES = 15;
const LOGIN_URL = '/api/auth/login';

interface Attempts {
  failures: number;
  inFlight: number;
  lastFailureMs: number;
}

export class LoginLockout {
  readonly #entries = new Map<string, Attempts>();
  readonly #now: () => Date;
  readonly #maxEntries: number;
  readonly failures: number;
  readonly windowMs: number;

  constructor(now: () => Date, failures = LOCKOUT_FAILURES, minutes = LOCKOUT_MINUTES, maxEntries = 100_000) {
    this.#now = now;
    this.failures = failures;
    this.windowMs = minutes * 60_000;
    this.#maxEntries = maxEntries;
  }

  #current(key: string): Attempts | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.inFlight === 0 && this.#now().getTime() - entry.lastFailureMs >= this.windowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Starts an attempt; returns when the account is unlocked again if it is locked now. */
  begin(email: string): Date | undefined {
    const key = normaliseEmail(email);
    let entry = this.#current(key);
    if (entry && entry.failures + entry.inFlight >= this.failures) {
      return new Date(Math.max(entry.lastFailureMs, this.#now().getTime()) + this.windowMs);
    }
    if (!entry) {
      if (this.#entries.size >= this.#maxEntries) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
      entry = { failures: 0, inFlight: 0, lastFailureMs: 0 };
      this.#entries.set(key, entry);
    }
    entry.inFlight += 1;
    return undefined;
  }

  /** Whole seconds from now until `when` (at least 1), for a Retry-After header. */
  secondsUntil(when: Date): number {
    return Math.max(1, Math.ceil((when.getTime() - this.#now().getTime()) / 1000));
  }

  /** Ends an attempt begun with `begin`. */
  end(email: string, outcome: 'success' | 'failure' | 'other'): void {
    const key = normaliseEmail(email);
    const entry = this.#entries.get(key);
    if (!entry) return;
    entry.inFlight = Math.max(0, entry.inFlight - 1);
    if (outcome === 'success') this.#entries.delete(key);
    else if (outcome === 'failure') {
      entry.failures += 1;
      entry.lastFailureMs = this.#now().getTime();
    } else if (entry.failures === 0 && entry.inFlight === 0) this.#entries.delete(key);
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    loginAttemptEmail?: string;
  }
}

function emailOf(request: FastifyRequest): string | undefined {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email : undefined;
}

/** Wraps the login route: refuses a locked account with 429, and counts each attempt's outcome. */
export function installLoginLockout(app: FastifyInstance, lockout: LoginLockout): void {
  app.decorateRequest('loginAttemptEmail', undefined);
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== LOGIN_URL) return;
    const email = emailOf(request);
    if (email === undefined) return;
    const lockedUntil = lockout.begin(email);
    if (lockedUntil) {
      reply.header('retry-after', String(lockout.secondsUntil(lockedUntil)));
      throw new HttpProblem(
        429,
        `this account is locked after ${lockout.failures} failed logins; try again after ${lockedUntil.toISOString()} (${LOCKOUT_MINUTES} minutes after the last failure), or ask an admin`,
      );
    }
    request.loginAttemptEmail = email;
  });
  app.addHook('onResponse', async (request, reply) => {
    const email = request.loginAttemptEmail;
    if (email === undefined) return;
    lockout.end(email, reply.statusCode === 200 ? 'success' : reply.statusCode === 401 ? 'failure' : 'other');
  });
}
