import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../database.ts';
import { iso, newId } from '../rows.ts';
import type { Role } from '../schema.ts';

/**
 * Login sessions. The token a client holds (bearer header or cookie) is 256 random bits; only its
 * SHA-256 is stored, so a copy of the database cannot be used to log in. Each session also has a
 * CSRF token that cookie-authenticated state-changing requests must echo in a header.
 */
export const SESSION_LIFETIME_HOURS = 12;

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export interface SessionUser {
  sessionId: string;
  csrfToken: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  patientId: string | null;
  /** An admin who also explicitly holds the clinician role. */
  clinicianRole: boolean;
  /** The clinic the account belongs to: the request sees only its rows (docs/tenancy.md). */
  clinicId: string;
  expiresAt: Date;
}

/** A live session as its owner sees it in their list. */
export interface ActiveSession {
  id: string;
  createdAt: string;
  expiresAt: string;
  ip: string | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function issueSession(
  db: Db,
  userId: string,
  ip: string | null,
  now: Date,
): Promise<IssuedSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_HOURS * 3_600_000);
  await db
    .insertInto('auth_sessions')
    .values({
      id: newId(),
      token_hash: hashToken(token),
      csrf_token: csrfToken,
      user_id: userId,
      created_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      ip,
    })
    .execute();
  return { token, csrfToken, expiresAt: expiresAt.toISOString() };
}

/** The live session a token names, or undefined when it is unknown, revoked or expired. */
export async function findSession(db: Db, token: string, now: Date): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom('auth_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as sessionId',
      's.csrf_token as csrfToken',
      'u.id as userId',
      'u.email as email',
      'u.name as name',
      'u.role as role',
      'u.patient_id as patientId',
      'u.clinician_role as clinicianRole',
      'u.clinic_id as clinicId',
      's.expires_at as expiresAt',
    ])
    .where('s.token_hash', '=', hashToken(token))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('u.deactivated_at', 'is', null)
    .executeTakeFirst();
  return row;
}

/** The user's sessions that are neither revoked nor expired, newest first. */
export async function listActiveSessions(db: Db, userId: string, now: Date): Promise<ActiveSession[]> {
  const rows = await db
    .selectFrom('auth_sessions')
    .select(['id', 'created_at', 'expires_at', 'ip'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
    ip: r.ip,
  }));
}

/**
 * Revokes every live session of a user, except one (the caller's own, after a password change);
 * returns how many ended.
 */
export async function revokeUserSessions(
  db: Db,
  userId: string,
  now: Date,
  exceptSessionId?: string,
): Promise<number> {
  let query = db
    .updateTable('auth_sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Revokes one session of a user; false when it is not theirs or already ended. */
export async function revokeOwnSession(
  db: Db,
  userId: string,
  sessionId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('auth_sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db
    .updateTable('auth_sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}
