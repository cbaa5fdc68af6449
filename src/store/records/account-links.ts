import { randomBytes } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Db } from '../database.ts';
import { iso, newId, type RowOf } from '../rows.ts';
import type { AccountLinkKind, Role, Schema } from '../schema.ts';
import { hashToken } from './auth-sessions.ts';

/**
 * One-time links: an invitation to create an account, or a password reset. The token (256 random
 * bits) is returned once, when the link is made; only its SHA-256 is stored. A link works once,
 * until it expires or is revoked.
 */
export interface AccountLink {
  id: string;
  kind: AccountLinkKind;
  email: string;
  name: string;
  role: Role;
  patientId: string | null;
  userId: string | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  /** The clinic whose account the link creates or resets. */
  clinicId: string;
}

export interface NewAccountLink {
  kind: AccountLinkKind;
  email: string;
  name: string;
  role: Role;
  patientId?: string | null;
  userId?: string | null;
  createdBy: string | null;
  expiresAt: Date;
}

const LINK_COLUMNS = [
  'id',
  'kind',
  'email',
  'name',
  'role',
  'patient_id',
  'user_id',
  'created_by',
  'created_at',
  'expires_at',
  'clinic_id',
] as const;

/** A link as read: every column but the token's hash and the used/revoked times. */
type LinkRow = Pick<RowOf<'account_links'>, (typeof LINK_COLUMNS)[number]>;

function toLink(row: LinkRow): AccountLink {
  return {
    id: row.id,
    kind: row.kind,
    email: row.email,
    name: row.name,
    role: row.role,
    patientId: row.patient_id,
    userId: row.user_id,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    clinicId: row.clinic_id,
  };
}

export async function createAccountLink(
  db: Kysely<Schema>,
  input: NewAccountLink,
  now: Date,
): Promise<{ link: AccountLink; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('account_links')
    .values({
      id: newId(),
      kind: input.kind,
      token_hash: hashToken(token),
      email: input.email,
      name: input.name,
      role: input.role,
      patient_id: input.patientId ?? null,
      user_id: input.userId ?? null,
      created_by: input.createdBy,
      created_at: now,
      expires_at: input.expiresAt,
      used_at: null,
      revoked_at: null,
    })
    .returning(LINK_COLUMNS)
    .executeTakeFirstOrThrow();
  return { link: toLink(row), token };
}

/** The condition for the link a token names while it is open: of this kind, not used, revoked or expired. */
function openLinkNamed(kind: AccountLinkKind, token: string, now: Date) {
  return (eb: ExpressionBuilder<Schema, 'account_links'>) =>
    eb.and([
      eb('kind', '=', kind),
      eb('token_hash', '=', hashToken(token)),
      eb('used_at', 'is', null),
      eb('revoked_at', 'is', null),
      eb('expires_at', '>', now),
    ]);
}

/** The open link a token names (not used, revoked or expired), without using it. */
export async function findOpenLink(
  db: Db,
  kind: AccountLinkKind,
  token: string,
  now: Date,
): Promise<AccountLink | undefined> {
  const row = await db
    .selectFrom('account_links')
    .select(LINK_COLUMNS)
    .where(openLinkNamed(kind, token, now))
    .executeTakeFirst();
  return row ? toLink(row) : undefined;
}

/**
 * Marks an open link used and returns it; undefined when the token is unknown, used, revoked or
 * expired. Atomic: of two requests racing with one token, one gets the link.
 */
export async function useLink(
  db: Kysely<Schema>,
  kind: AccountLinkKind,
  token: string,
  now: Date,
): Promise<AccountLink | undefined> {
  const row = await db
    .updateTable('account_links')
    .set({ used_at: now })
    .where(openLinkNamed(kind, token, now))
    .returning(LINK_COLUMNS)
    .executeTakeFirst();
  return row ? toLink(row) : undefined;
}

/** Records the account an invitation created. */
export async function setLinkUser(db: Kysely<Schema>, linkId: string, userId: string): Promise<void> {
  await db.updateTable('account_links').set({ user_id: userId }).where('id', '=', linkId).execute();
}

/**
 * Revokes the open links of one kind for a patient record or an account (a new invitation or
 * reset replaces the old); returns how many.
 */
export async function revokeOpenLinks(
  db: Kysely<Schema>,
  kind: AccountLinkKind,
  by: { patientId: string } | { userId: string },
  now: Date,
): Promise<number> {
  let query = db
    .updateTable('account_links')
    .set({ revoked_at: now })
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null);
  query =
    'patientId' in by ? query.where('patient_id', '=', by.patientId) : query.where('user_id', '=', by.userId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
