import type { Db } from '../store/database.ts';
import { careTeamPatientIds, isOnCareTeam } from '../store/records/care-team.ts';
import { patientExists } from '../store/records/patients.ts';
import type { Role } from '../store/schema.ts';
import { forbidden, notFound, unauthorized } from './problem.ts';
import { ShortLivedCache } from './short-lived-cache.ts';

/**
 * Access control, in one place. Every route names the action it performs; this module decides.
 *
 *   - A patient sees only their own record (and may log sessions and write notes on it).
 *   - A clinician sees only the patients on their care team, and records clinical data there.
 *   - An admin manages users and care teams, but sees health data only when on a care team.
 */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** For a patient's account: the patient record it belongs to. */
  patientId: string | null;
  sessionId: string;
  csrfToken: string;
  /** How the request proved who it is. */
  via: 'bearer' | 'cookie';
}

export const PATIENT_ACTIONS = [
  'read',
  'update',
  'record-clinical',
  'log-session',
  'write-note',
  'approve-programme',
  'manage-care-team',
] as const;
export type PatientAction = (typeof PATIENT_ACTIONS)[number];

interface Rule {
  /** The patient may do it on their own record. */
  self: boolean;
  /** Care-team members with these roles may do it. */
  careTeam: readonly Role[];
  /** Any admin may do it, on a care team or not (management, never health data). */
  anyAdmin: boolean;
  /** Said when refused. */
  refusal: string;
}

export const PATIENT_POLICY: Record<PatientAction, Rule> = {
  read: {
    self: true,
    careTeam: ['clinician', 'admin'],
    anyAdmin: false,
    refusal: "only the patient and the patient's care team may read this record",
  },
  update: {
    self: false,
    careTeam: ['clinician', 'admin'],
    anyAdmin: false,
    refusal: "only the patient's care team may change the patient's details",
  },
  'record-clinical': {
    self: false,
    careTeam: ['clinician'],
    anyAdmin: false,
    refusal: "only a clinician on the patient's care team may record clinical data",
  },
  'log-session': {
    self: true,
    careTeam: ['clinician'],
    anyAdmin: false,
    refusal: "only the patient or a clinician on the patient's care team may log a session",
  },
  'write-note': {
    self: true,
    careTeam: ['clinician', 'admin'],
    anyAdmin: false,
    refusal: "only the patient and the patient's care team may write notes",
  },
  'approve-programme': {
    self: false,
    careTeam: ['clinician'],
    anyAdmin: false,
    refusal: "only a clinician on the patient's care team may approve a programme",
  },
  'manage-care-team': {
    self: false,
    careTeam: ['clinician'],
    anyAdmin: true,
    refusal: "only an admin or a clinician on the patient's care team may change the care team",
  },
};

/** Whether the rule allows the actor, given whether they are on the patient's care team. */
export function allows(rule: Rule, actor: Actor, patientId: string, onCareTeam: boolean): boolean {
  if (rule.self && actor.role === 'patient' && actor.patientId === patientId) return true;
  if (rule.anyAdmin && actor.role === 'admin') return true;
  return onCareTeam && rule.careTeam.includes(actor.role);
}

/**
 * Care-team membership answers are kept this long (see SESSION_RECHECK_MS in ./auth.ts for the
 * same trade-off); changes made through this process evict them at once.
 */
export const CARE_TEAM_RECHECK_MS = 2000;
const careTeamCaches = new WeakMap<Db, ShortLivedCache<string, boolean>>();

function careTeamCache(db: Db): ShortLivedCache<string, boolean> {
  let cache = careTeamCaches.get(db);
  if (!cache) {
    cache = new ShortLivedCache(CARE_TEAM_RECHECK_MS);
    careTeamCaches.set(db, cache);
  }
  return cache;
}

async function careTeamMember(db: Db, patientId: string, userId: string): Promise<boolean> {
  const key = `${patientId}|${userId}`;
  const cache = careTeamCache(db);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const member = await isOnCareTeam(db, patientId, userId);
  cache.set(key, member);
  return member;
}

/** Evicts cached membership answers for a patient whose care team changed. */
export function forgetCareTeam(db: Db, patientId: string): void {
  careTeamCache(db).deleteWhere((_member, key) => key.startsWith(`${patientId}|`));
}

/**
 * Throws 403 (or 404 when the patient does not exist) unless the actor may perform the action on
 * the patient's record.
 */
export async function authorizePatient(
  db: Db,
  actor: Actor,
  patientId: string,
  action: PatientAction,
): Promise<void> {
  const rule = PATIENT_POLICY[action];
  const isSelf = actor.role === 'patient' && actor.patientId === patientId;
  const onCareTeam =
    !isSelf && actor.role !== 'patient' ? await careTeamMember(db, patientId, actor.userId) : false;
  if (allows(rule, actor, patientId, onCareTeam)) {
    if (!isSelf && !onCareTeam && !(await patientExists(db, patientId))) {
      throw notFound(`there is no patient ${patientId}`);
    }
    return;
  }
  if (!onCareTeam && !isSelf && actor.role !== 'patient' && !(await patientExists(db, patientId))) {
    throw notFound(`there is no patient ${patientId}`);
  }
  throw forbidden(rule.refusal);
}

/** The patients whose health data the actor may see. */
export async function visiblePatientIds(db: Db, actor: Actor): Promise<string[]> {
  if (actor.role === 'patient') return actor.patientId ? [actor.patientId] : [];
  return careTeamPatientIds(db, actor.userId);
}

export const ACCOUNT_ACTIONS = ['create-user', 'read-audit', 'create-patient'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

/** Who may do things that concern no one patient's record. */
export const ACCOUNT_POLICY: Record<AccountAction, { roles: readonly Role[]; refusal: string }> = {
  'create-user': { roles: ['admin'], refusal: 'only an admin may create users' },
  'read-audit': { roles: ['admin'], refusal: 'only an admin may read the audit log' },
  'create-patient': {
    roles: ['clinician', 'admin'],
    refusal: 'only clinicians and admins may create patients',
  },
};

export function authorizeAccount(actor: Actor | undefined, action: AccountAction): Actor {
  if (!actor) throw unauthorized('log in first');
  const rule = ACCOUNT_POLICY[action];
  if (!rule.roles.includes(actor.role)) throw forbidden(rule.refusal);
  return actor;
}
