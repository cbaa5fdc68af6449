import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../store/database.ts';
import { findSession, type SessionUser } from '../store/records/auth-sessions.ts';
import { actForClinic } from '../store/tenancy.ts';
import type { Actor } from './access.ts';
import { forbidden, unauthorized } from './problem.ts';

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

/**
 * Every request looks its session up in the database (one indexed read): a logout, a password
 * change, a deactivation or "end my other sessions" handled by any server process on the same
 * PostgreSQL takes effect on the very next request everywhere. No process keeps a copy that could
 * lag.
 */
function liveSession(db: Db, token: string, now: Date): Promise<SessionUser | undefined> {
  return findSession(db, token, now);
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

export async function resolveActor(db: Db, request: FastifyRequest, now: Date): Promise<Actor | undefined> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = BEARER.exec(header);
    if (!match?.[1])
      throw unauthorized('the Authorization header must be "Bearer TOKEN" with the token from login');
    const session = await liveSession(db, match[1], now);
    if (!session) throw unauthorized('the bearer token is unknown, expired or logged out; log in again');
    return { ...actorFields(session), via: 'bearer' };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return undefined;
  const session = await liveSession(db, cookie, now);
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
export function installAuthentication(app: FastifyInstance, db: Db, now: () => Date): void {
  app.decorateRequest('actor', undefined);
  app.addHook('preHandler', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    actForClinic(request.actor?.clinicId ?? null, done);
  });
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const isPublic =
      request.is404 || request.routeOptions.config?.public === true || request.url.startsWith('/api/docs');
    if (isPublic && request.headers.authorization === undefined && !request.cookies[SESSION_COOKIE]) return;
    try {
      // The session and its account are instance-level: found before the clinic is known.
      request.actor = await actForClinic(null, () => resolveActor(db, request, now()));
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
