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
