import type { Db } from '../store/database.ts';
import {
  type AccountLink,
  createAccountLink,
  type NewAccountLink,
  revokeOpenLinks,
  setLinkUser,
  useLink,
} from '../store/records/account-links.ts';
import { recordAudit } from '../store/records/audit.ts';
import { revokeUserSessions } from '../store/records/auth-sessions.ts';
import { patientExists } from '../store/records/patients.ts';
import {
  activePatientLogin,
  createUser,
  findUserByEmail,
  getUser,
  getUserWithPassword,
  normaliseEmail,
  setClinicianRole,
  setDeactivated,
  setPasswordHash,
  type User,
} from '../store/records/users.ts';
import { inOneTransaction } from '../store/rows.ts';
import type { AccountLinkKind } from '../store/schema.ts';
import { enterClinic } from '../store/tenancy.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts';
import { conflict, HttpProblem, notFound } from './problem.ts';

/**
 * The account lifecycle, shared by the API and the command line: invitations by one-time link,
 * password reset by one-time link, password change, deactivation and reactivation, and an admin's
 * explicit clinician role. Every step is one transaction with its audit event.
 *
 * Invitation links live INVITATION_DAYS; reset links RESET_LINK_HOURS (OWASP Forgot Password
 * Cheat Sheet: reset tokens single use and short-lived). A new invitation for a patient, or a new
 * reset for an account, revokes the open one, so at most one link is open for each.
 */
export const INVITATION_DAYS = 7;
export const RESET_LINK_HOURS = 1;
export const INVITABLE_ROLES = ['clinician', 'patient'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

/** Who acts and from where, for the audit trail (the command line: userId null, ip 'local'). */
export interface AuditBy {
  userId: string | null;
  ip: string | null;
  userAgent?: string | null;
}

/** A one-time link as its maker sees it, once: the token is never stored or shown again. */
export interface IssuedLink {
  link: AccountLink;
  token: string;
  /** The web app's page for it; the token rides in the fragment, which browsers never send to a server. */
  path: string;
}

const issued = (link: AccountLink, token: string): IssuedLink => ({
  link,
  token,
  path: `/${link.kind === 'invitation' ? 'invite' : 'reset'}#${token}`,
});

export interface InvitationInput {
  role: InvitableRole;
  email: string;
  name: string;
  patientId?: string | null;
}

/** Invites a clinician, or a patient to the one login of their record. Authorisation is the caller's. */
export async function inviteAccount(
  db: Db,
  by: AuditBy,
  input: InvitationInput,
  now: Date,
): Promise<IssuedLink> {
  const email = normaliseEmail(input.email);
  if (input.role === 'patient' && !input.patientId) {
    throw new HttpProblem(
      422,
      'a patient invitation needs patientId: the patient record the login belongs to',
    );
  }
  if (input.role !== 'patient' && input.patientId) {
    throw new HttpProblem(422, `patientId is only for patient invitations, not for role ${input.role}`);
  }
  if (input.patientId) {
    if (!(await patientExists(db, input.patientId)))
      throw new HttpProblem(422, `there is no patient ${input.patientId}`);
    const login = await activePatientLogin(db, input.patientId);
    if (login) {
      throw conflict(
        `patient ${input.patientId} already has a login (${login.email}); a patient has at most one — reset its password instead`,
      );
    }
  }
  if (await findUserByEmail(db, email)) throw conflict(`a user with email ${email} already exists`);
  return issueLink(
    db,
    by,
    { kind: 'invitation', email, name: input.name, role: input.role, patientId: input.patientId ?? null },
    input.patientId ? { patientId: input.patientId } : undefined,
    now,
  );
}

/**
 * Invites a new clinic's first admin (the operator's `myotrophy clinic create`): the same one-time
 * link as any invitation, in the clinic the caller acts for.
 */
export async function inviteClinicAdmin(
  db: Db,
  by: AuditBy,
  input: { email: string; name: string },
  now: Date,
): Promise<IssuedLink> {
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(db, email)) throw conflict(`a user with email ${email} already exists`);
  return issueLink(
    db,
    by,
    { kind: 'invitation', email, name: input.name, role: 'admin', patientId: null },
    undefined,
    now,
  );
}

/** How long each kind of link lives (see above). */
const LINK_LIFETIME_MS: Record<AccountLinkKind, number> = {
  invitation: INVITATION_DAYS * 86_400_000,
  reset: RESET_LINK_HOURS * 3_600_000,
};

/**
 * Makes a one-time link in one transaction with its audit event, after revoking the open link of
 * the same kind for the same patient or account (so at most one is open for each).
 */
async function issueLink(
  db: Db,
  by: AuditBy,
  fields: Omit<NewAccountLink, 'createdBy' | 'expiresAt'>,
  replacing: { patientId: string } | { userId: string } | undefined,
  now: Date,
): Promise<IssuedLink> {
  // In the caller's transaction when it has one: a new clinic and its admin's invitation are one.
  return inOneTransaction(db, async (tx) => {
    if (replacing) await revokeOpenLinks(tx, fields.kind, replacing, now);
    const { link, token } = await createAccountLink(
      tx,
      { ...fields, createdBy: by.userId, expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS[fields.kind]) },
      now,
    );
    await recordAudit(tx, {
      ...by,
      action: fields.kind === 'invitation' ? 'invite' : 'reset-link',
      resource: 'user',
      recordId: fields.kind === 'invitation' ? link.id : link.userId,
      patientId: link.patientId,
    });
    return issued(link, token);
  });
}

const LINK_WORDS: Record<AccountLinkKind, string> = { invitation: 'invitation', reset: 'password reset' };
const LINK_GONE = (what: string) =>
  notFound(`this ${what} link is unknown, already used, revoked or expired; ask your clinic for a new one`);

/** Uses a one-time link and sets a password from it, in one transaction: `work` makes the change. */
async function spendLink<T>(
  db: Db,
  kind: AccountLinkKind,
  token: string,
  password: string,
  now: Date,
  work: (tx: Db, link: AccountLink, passwordHash: string) => Promise<T>,
): Promise<T> {
  checkPasswordStrength(password);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (tx) => {
    const link = await useLink(tx, kind, token, now);
    if (!link) throw LINK_GONE(LINK_WORDS[kind]);
    // The holder is anonymous until now: from here the transaction acts for the link's clinic.
    await enterClinic(tx, link.clinicId);
    return work(tx, link, passwordHash);
  });
}

/** Someone holding a one-time link sets a password with it. */
type SetPasswordFromLink = (
  db: Db,
  by: Omit<AuditBy, 'userId'>,
  token: string,
  password: string,
  now: Date,
) => Promise<User>;

/** The invitee sets a password: the account is created and the link is spent. */
export const acceptInvitation: SetPasswordFromLink = (db, by, token, password, now) =>
  spendLink(db, 'invitation', token, password, now, async (tx, link, passwordHash) => {
    if (await findUserByEmail(tx, link.email))
      throw conflict(`a user with email ${link.email} already exists`);
    if (link.patientId && (await activePatientLogin(tx, link.patientId))) {
      throw conflict('this patient already has a login; a patient has at most one');
    }
    const user = await createUser(tx, {
      email: link.email,
      name: link.name,
      role: link.role,
      passwordHash,
      patientId: link.patientId,
    });
    await setLinkUser(tx, link.id, user.id);
    await recordAudit(tx, {
      ...by,
      userId: user.id,
      action: 'accept-invitation',
      resource: 'user',
      recordId: user.id,
      patientId: user.patientId,
    });
    return user;
  });

/** An admin's one-time reset link for an account (the command line's too). */
export async function issueResetLink(db: Db, by: AuditBy, userId: string, now: Date): Promise<IssuedLink> {
  const user = await getUser(db, userId);
  if (!user) throw notFound(`there is no user ${userId}`);
  if (user.deactivatedAt) throw conflict(`${user.email} is deactivated; reactivate the account first`);
  const { email, name, role, patientId } = user;
  return issueLink(db, by, { kind: 'reset', email, name, role, patientId, userId }, { userId }, now);
}

/** The holder of a reset link sets a new password; every session of the account ends. */
export const resetPassword: SetPasswordFromLink = (db, by, token, password, now) =>
  spendLink(db, 'reset', token, password, now, async (tx, link, passwordHash) => {
    if (!link.userId) throw LINK_GONE('password reset');
    const user = await getUser(tx, link.userId);
    if (!user || user.deactivatedAt) throw LINK_GONE('password reset');
    await setPasswordHash(tx, user.id, passwordHash);
    const ended = await revokeUserSessions(tx, user.id, now);
    await recordAudit(tx, {
      ...by,
      userId: user.id,
      action: 'reset-password',
      resource: 'user',
      recordId: user.id,
      reason: `${ended} session(s) ended`,
    });
    return user;
  });

/** A logged-in user changes their password; every other session of theirs ends. */
export async function changePassword(
  db: Db,
  by: AuditBy & { userId: string; sessionId: string },
  currentPassword: string,
  newPassword: string,
  now: Date,
): Promise<{ endedSessions: number }> {
  const user = await getUserWithPassword(db, by.userId);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new HttpProblem(403, 'the current password is wrong; the password was not changed');
  }
  checkPasswordStrength(newPassword);
  const passwordHash = await hashPassword(newPassword);
  return db.transaction().execute(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash);
    const ended = await revokeUserSessions(tx, user.id, now, by.sessionId);
    await recordAudit(tx, {
      userId: by.userId,
      ip: by.ip,
      userAgent: by.userAgent ?? null,
      action: 'change-password',
      resource: 'user',
      recordId: user.id,
      reason: `${ended} other session(s) ended`,
    });
    return { endedSessions: ended };
  });
}

/** Deactivates an account: it can no longer log in, and every session of it ends at once. */
export async function deactivateAccount(
  db: Db,
  by: AuditBy,
  userId: string,
  reason: string | null,
  now: Date,
): Promise<User> {
  if (by.userId === userId) {
    throw new HttpProblem(422, 'you cannot deactivate your own account; ask another admin');
  }
  return db.transaction().execute(async (tx) => {
    const before = await getUser(tx, userId);
    if (!before) throw notFound(`there is no user ${userId}`);
    if (before.deactivatedAt) return before;
    const user = (await setDeactivated(tx, userId, now)) as User;
    const ended = await revokeUserSessions(tx, userId, now);
    await revokeOpenLinks(tx, 'reset', { userId }, now);
    await recordAudit(tx, {
      ...by,
      action: 'deactivate',
      resource: 'user',
      recordId: userId,
      patientId: user.patientId,
      reason: [reason, `${ended} session(s) ended`].filter(Boolean).join('; '),
    });
    return user;
  });
}

/** Reactivates an account (a patient's only while their record has no other active login). */
export async function reactivateAccount(
  db: Db,
  by: AuditBy,
  userId: string,
  reason: string | null,
): Promise<User> {
  return db.transaction().execute(async (tx) => {
    const before = await getUser(tx, userId);
    if (!before) throw notFound(`there is no user ${userId}`);
    if (!before.deactivatedAt) return before;
    if (before.patientId) {
      const other = await activePatientLogin(tx, before.patientId);
      if (other) {
        throw conflict(
          `patient ${before.patientId} already has an active login (${other.email}); a patient has at most one`,
        );
      }
    }
    const user = (await setDeactivated(tx, userId, null)) as User;
    await recordAudit(tx, {
      ...by,
      action: 'reactivate',
      resource: 'user',
      recordId: userId,
      patientId: user.patientId,
      reason,
    });
    return user;
  });
}

/**
 * Grants or withdraws an admin's clinician role: the only way an admin account does clinical
 * work or joins a care team. Explicit, with a reason, audited.
 */
export async function setAdminClinicianRole(
  db: Db,
  by: AuditBy,
  userId: string,
  granted: boolean,
  reason: string,
): Promise<User> {
  return db.transaction().execute(async (tx) => {
    const before = await getUser(tx, userId);
    if (!before) throw notFound(`there is no user ${userId}`);
    if (before.role !== 'admin') {
      throw new HttpProblem(
        422,
        `only an admin account takes the clinician role explicitly; ${before.email} is a ${before.role}`,
      );
    }
    const user = (await setClinicianRole(tx, userId, granted)) as User;
    await recordAudit(tx, {
      ...by,
      action: granted ? 'grant-clinician-role' : 'withdraw-clinician-role',
      resource: 'user',
      recordId: userId,
      reason,
    });
    return user;
  });
}
