import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountChanges } from '../store/account-changes.ts';
import type { Db } from '../store/database.ts';
import { findSession, hashToken, type SessionUser } from '../store/records/auth-sessions.ts';
import { actForClinic } from '../store/tenancy.ts';
import type { Actor } from './access.ts';
import { forbidden, unauthorized } from './problem.ts';
import { SessionCache } from './session-cache.ts';

/**
 * Who is calling: a bearer token (API clients) or the session cookie (the browser). Cookie
 * requests that change state must echo the session's CSRF token in the `x-csrf-token` header;
 * the cookie itself is HttpOnly and SameSite=Strict.
 */
export const SESSION_COOKIE = 'myotrophy_session';
export const CSRF_COOKIE = 'myotrophy_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
  interface FastifyContextConfig {
    /** The route answers without logging in. */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How many tokens' clinics a process remembers (many logins must not grow it without end). */
const TOKEN_CLINICS_REMEMBERED = 10_000;

/**
 * A request's session: this process's copy when it has a live one (./session-cache.ts: copies are
 * dropped the moment a logout, password change, deactivation or role change is told by any process),
 * else one indexed read of the database, kept for the next request. Either way a session ended on
 * any server process on the same database is refused here as soon as its NOTIFY arrives, and by this
 * process's own write before that write's request is answered.
 *
 * What a process also remembers is which clinic a token's account belongs to (by the token's hash),
 * only to choose where to look first: the read then runs in that clinic's scope, like the rest of
 * the request, so a pooled connection is not switched to the clinic-less scope and back on every
 * read (one round trip each way). A clinic's scope is narrower than none, so a session it finds
 * is the one the clinic-less read would find; when it finds none, the clinic-less read decides.
 */
function liveSessions(
  db: Db,
  cache: SessionCache,
): (token: string, now: Date) => Promise<SessionUser | undefined> {
  const clinicOfToken = new Map<string, string>();
  return async (token, now) => {
    const key = hashToken(token);
    const kept = cache.find(key, now);
    if (kept) return kept;
    const ticket = cache.ticket();
    const known = clinicOfToken.get(key);
    const inKnownClinic = known ? await actForClinic(known, () => findSession(db, token, now)) : undefined;
    const session = inKnownClinic ?? (await actForClinic(null, () => findSession(db, token, now)));
    if (session) {
      if (!inKnownClinic) {
        if (clinicOfToken.size >= TOKEN_CLINICS_REMEMBERED) clinicOfToken.clear();
        clinicOfToken.set(key, session.clinicId);
      }
      cache.keep(key, session, ticket);
    } else clinicOfToken.delete(key);
    return session;
  };
}
const BEARER = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function actorFields(session: SessionUser): Omit<Actor, 'via'> {
  const { expiresAt: _expiresAt, ...fields } = session;
  return fields;
}

export async function resolveActor(
  liveSession: ReturnType<typeof liveSessions>,
  request: FastifyRequest,
  now: Date,
): Promise<Actor | undefined> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = BEARER.exec(header);
    if (!match?.[1])
      throw unauthorized('the Authorization header must be "Bearer TOKEN" with the token from login');
    const session = await liveSession(match[1], now);
    if (!session) throw unauthorized('the bearer token is unknown, expired or logged out; log in again');
    return { ...actorFields(session), via: 'bearer' };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return undefined;
  const session = await liveSession(cookie, now);
  if (!session) throw unauthorized('the session cookie is unknown, expired or logged out; log in again');
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
      throw forbidden(
        `a ${request.method} with the session cookie needs the ${CSRF_HEADER} header from login`,
      );
    }
  }
  return { ...actorFields(session), via: 'cookie' };
}

/**
 * Authenticates every request; routes marked `config: { public: true }` also answer anonymously.
 * The handler then runs for the caller's clinic as the application role (../store/tenancy.ts): it
 * sees only that clinic's rows, and an anonymous request none.
 */
export function installAuthentication(
  app: FastifyInstance,
  db: Db,
  now: () => Date,
  accountChanges: AccountChanges | undefined,
): void {
  app.decorateRequest('actor', undefined);
  const liveSession = liveSessions(db, new SessionCache(accountChanges));
  app.addHook('preHandler', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    actForClinic(request.actor?.clinicId ?? null, done);
  });
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const isPublic =
      request.is404 || request.routeOptions.config?.public === true || request.url.startsWith('/api/docs');
    if (isPublic && request.headers.authorization === undefined && !request.cookies[SESSION_COOKIE]) return;
    try {
      request.actor = await resolveActor(liveSession, request, now());
    } catch (error) {
      if (!isPublic) throw error;
    }
    if (!request.actor && !isPublic) {
      throw unauthorized('log in first: POST /api/auth/login, then send "Authorization: Bearer TOKEN"');
    }
  });
}

/** The caller, for routes that require one (the onRequest hook has already refused anonymity). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized('log in first');
  return request.actor;
}
