import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './auth.ts';
import { HttpProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route runs a heavy computation: limited per credential before login, per user after. */
    heavyComputation?: boolean;
  }
}

const MINUTE_MS = 60_000;

/**
 * What the caller presented, without looking it up: a digest of the bearer token or the session
 * cookie, else the address. A flood of refused requests then costs no session lookup, no body
 * parse and no database round trip (finding 4); an unknown token still fails authentication next.
 */
function credentialKey(request: FastifyRequest): string {
  const credential = request.headers.authorization ?? request.cookies?.[SESSION_COOKIE];
  if (!credential) return `address ${request.ip}`;
  return `credential ${createHash('sha256').update(credential).digest('base64url')}`;
}

function refusal(max: number, ttlMs: number): HttpProblem {
  return new HttpProblem(
    429,
    `at most ${max} simulations a minute per user; try again in ${Math.ceil(ttlMs / 1000)} s`,
  );
}

/**
 * Two limits on routes marked `config: { heavyComputation: true }`, both `max` a minute: per
 * credential at `onRequest`, before authentication (call this before `installAuthentication`, as
 * route hooks run after the app's), and per user once the caller is known (`preHandler`, the
 * route's `config.rateLimit`), so a user with several sessions gets no more.
 */
export function installHeavyComputationLimit(app: FastifyInstance, max: number): void {
  const perCredential = app.createRateLimit({ max, timeWindow: MINUTE_MS, keyGenerator: credentialKey });
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.heavyComputation !== true) return;
    const verdict = await perCredential(request);
    if (verdict.isAllowed || !verdict.isExceeded) return;
    reply.header('retry-after', verdict.ttlInSeconds);
    throw refusal(verdict.max, verdict.ttl);
  });
}

/** The route's per-user limit, checked once the caller is known. */
export function perUserHeavyComputationLimit(max: number) {
  return {
    max,
    timeWindow: MINUTE_MS,
    hook: 'preHandler' as const,
    keyGenerator: (request: FastifyRequest) => request.actor?.userId ?? request.ip,
    errorResponseBuilder: (_request: FastifyRequest, context: { max: number; ttl: number }) =>
      refusal(context.max, context.ttl),
  };
}
