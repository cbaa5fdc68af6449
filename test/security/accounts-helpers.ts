import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../src/store/database.ts';

/** Small steps the account-security tests share: logging in from an address, calling with a token, reading the audit trail. */
export async function login(
  app: FastifyInstance,
  email: string,
  password: string,
  ip = '10.9.0.1',
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: ip,
    payload: { email, password },
  });
}

export async function tokenFor(
  app: FastifyInstance,
  email: string,
  password: string,
  ip?: string,
): Promise<string> {
  const response = await login(app, email, password, ip);
  if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.statusCode} ${response.body}`);
  return response.json().token as string;
}

export function call(
  app: FastifyInstance,
  token: string | undefined,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    ...(body !== undefined ? { payload: body as object } : {}),
  });
}

/**
 * Milliseconds until `app` refuses `token` after a change made through another server process
 * (polled every 5 ms, up to 1 s; infinity when it never does). A process keeps copies of live
 * sessions and drops them when the database's NOTIFY of the change arrives (src/api/session-cache.ts);
 * issue 19 allows 100 ms.
 */
export async function msUntilRefused(app: FastifyInstance, token: string): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 1000) {
    if ((await call(app, token, 'GET', '/api/me')).statusCode === 401) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Number.POSITIVE_INFINITY;
}

export interface AuditRow {
  user_id: string | null;
  action: string;
  resource: string;
  record_id: string | null;
  patient_id: string | null;
  reason: string | null;
}

export async function auditWhere(db: Db, action: string): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_events')
    .select(['user_id', 'action', 'resource', 'record_id', 'patient_id', 'reason'])
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}
