import type { Db } from '../store/database.ts';
import type { SessionUser } from '../store/records/auth-sessions.ts';
import { careTeamPatientIds, isOnCareTeam } from '../store/records/care-team.ts';
import { patientExists } from '../store/records/patients.ts';
import type { Role } from '../store/schema.ts';
import { HttpProblem, notFound, unauthorized } from './problem.ts';

/**
 * Access control, in one place. Every route names the action it performs; this module decides.
 *
 *   - A patient sees only their own record (and may log sessions and write notes on it).
 *   - A clinician sees only the patients on their care team, and records clinical data there.
 *   - An admin manages users and care teams but does no clinical work and sees no health data,
 *     unless the admin also explicitly holds the clinician role; then, on a care team, the admin
 *     counts as a clinician (and only admins with that role may be on a care team).
 *
 * Every refusal is a 403 carrying the patient it concerned; ./denial-audit.ts records it.
 */
/** The caller: their session and account as read for this request (./auth.ts). */
export interface Actor extends Omit<SessionUser, 'expiresAt'> {
  /** How the request proved who it is. */
  via: 'bearer' | 'cookie';
}

export const PATIENT_ACTIONS = [
  'read',
  'update',
  'choose-language',
  'record-clinical',
  'log-session',
  'write-note',
  'answer-questionnaire',
  'choose-reminders',
  'approve-programme',
  'correct-record',
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
    careTeam: ['clinician'],
    anyAdmin: false,
    refusal: "only the patient and the patient's care team may read this record",
  },
  update: {
    self: false,
    careTeam: ['clinician'],
    anyAdmin: false,
    refusal: "only the patient's care team may change the patient's details",
  },
  'choose-language': {
    self: true,
    careTeam: ['clinician'],
    anyAdmin: false,
    refusal: "only the patient or a clinician on the patient's care team may choose the patient's language",
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
    careTeam: ['clinician'],
    anyAdmin: false,
    refusal: "only the patient and the patient's care team may write notes",
  },
  'answer-questionnaire': {
    self: true,
    careTeam: [],
    anyAdmin: false,
    refusal:
      'only the patient may answer their own questionnaire; a clinician records a LEFS total as a measurement',
  },
  'choose-reminders': {
    self: true,
    careTeam: [],
    anyAdmin: false,
    refusal:
      'only the patient may choose their reminder days and times, their browsers and their calendar link; the care team turns reminders on or off',
  },
  'approve-programme': {
    self: false,
    careTeam: ['clinician'],
    anyAdmin: false,
    refusal: "only a clinician on the patient's care team may approve a programme",
  },
  'correct-record': {
    self: false,
    careTeam: ['clinician'],
    anyAdmin: false,
    refusal: "only a clinician on the patient's care team may correct the patient's record",
  },
  'manage-care-team': {
    self: false,
    careTeam: ['clinician'],
    anyAdmin: true,
    refusal: "only an admin or a clinician on the patient's care team may change the care team",
  },
};

/** The role the actor works in on a care team: an admin with the clinician role counts as a clinician. */
export function careTeamRole(actor: Pick<Actor, 'role' | 'clinicianRole'>): Role {
  return actor.role === 'admin' && actor.clinicianRole ? 'clinician' : actor.role;
}

/** Whether the rule allows the actor, given whether they are on the patient's care team. */
export function allows(rule: Rule, actor: Actor, patientId: string, onCareTeam: boolean): boolean {
  if (rule.self && actor.role === 'patient' && actor.patientId === patientId) return true;
  if (rule.anyAdmin && actor.role === 'admin') return true;
  return onCareTeam && rule.careTeam.includes(careTeamRole(actor));
}

/** A 403 that names the patient it concerned, so the refusal is audited against that record. */
export class Denied extends HttpProblem {
  readonly patientId: string | null;
  constructor(detail: string, patientId: string | null = null) {
    super(403, detail);
    this.patientId = patientId;
  }
}

/**
 * Membership is read from the database on every check, so a removal from a care team holds on the
 * very next request on every server process.
 */
function careTeamMember(db: Db, patientId: string, userId: string): Promise<boolean> {
  return isOnCareTeam(db, patientId, userId);
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
  await decidePatientAccess(
    actor,
    patientId,
    action,
    teamCounts(actor, patientId) ? await careTeamMember(db, patientId, actor.userId) : false,
    () => patientExists(db, patientId),
  );
}

/**
 * The same decision from facts read beforehand in one statement with the rest of a request's
 * reads (a session log's, ../store/records/patient-record.ts `loadSessionLogRead`): whether the
 * actor is on the care team and whether the patient exists.
 */
export function authorizePatientFrom(
  actor: Actor,
  patientId: string,
  action: PatientAction,
  read: { onCareTeam: boolean; patientFound: boolean },
): Promise<void> {
  const onCareTeam = teamCounts(actor, patientId) && read.onCareTeam;
  return decidePatientAccess(actor, patientId, action, onCareTeam, async () => read.patientFound);
}

function isSelf(actor: Actor, patientId: string): boolean {
  return actor.role === 'patient' && actor.patientId === patientId;
}

/** Care-team membership decides only for staff acting on another's record. */
function teamCounts(actor: Actor, patientId: string): boolean {
  return !isSelf(actor, patientId) && actor.role !== 'patient';
}

/** Throws unless allowed; asks whether the patient exists only when the answer depends on it. */
async function decidePatientAccess(
  actor: Actor,
  patientId: string,
  action: PatientAction,
  onCareTeam: boolean,
  patientFound: () => Promise<boolean>,
): Promise<void> {
  const rule = PATIENT_POLICY[action];
  const self = isSelf(actor, patientId);
  if (allows(rule, actor, patientId, onCareTeam)) {
    if (!self && !onCareTeam && !(await patientFound())) throw notFound(`there is no patient ${patientId}`);
    return;
  }
  if (!onCareTeam && !self && actor.role !== 'patient' && !(await patientFound())) {
    throw notFound(`there is no patient ${patientId}`);
  }
  throw new Denied(rule.refusal, patientId);
}

/** The patients whose health data the actor may see. */
export async function visiblePatientIds(db: Db, actor: Actor): Promise<string[]> {
  if (actor.role === 'patient') return actor.patientId ? [actor.patientId] : [];
  if (careTeamRole(actor) !== 'clinician') return [];
  return careTeamPatientIds(db, actor.userId);
}

export const ACCOUNT_ACTIONS = [
  'create-user',
  'manage-users',
  'invite',
  'read-audit',
  'create-patient',
  'read-clinic',
  'manage-clinic',
] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

/** Who may do things that concern no one patient's record. */
export const ACCOUNT_POLICY: Record<AccountAction, { roles: readonly Role[]; refusal: string }> = {
  'create-user': { roles: ['admin'], refusal: 'only an admin may create users' },
  'manage-users': {
    roles: ['admin'],
    refusal: 'only an admin may list, deactivate, reactivate or reset accounts',
  },
  invite: { roles: ['admin', 'clinician'], refusal: 'only admins and clinicians may invite people' },
  'read-audit': { roles: ['admin'], refusal: 'only an admin may read the audit log' },
  'create-patient': {
    roles: ['clinician', 'admin'],
    refusal: 'only clinicians and admins may create patients',
  },
  'read-clinic': { roles: ['clinician', 'admin'], refusal: "only the clinic's staff may read its details" },
  'manage-clinic': {
    roles: ['admin'],
    refusal: "only the clinic's admin may change its name, phone or email",
  },
};

export function authorizeAccount(actor: Actor | undefined, action: AccountAction): Actor {
  if (!actor) throw unauthorized('log in first');
  const rule = ACCOUNT_POLICY[action];
  if (!rule.roles.includes(actor.role)) throw new Denied(rule.refusal);
  return actor;
}
