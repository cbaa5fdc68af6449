/**
 * `stimulate --patient ID`: the patient's approved programme, from the database, through the one
 * safety gate for 'send-to-device' (the gate record loaded as the API loads it), and the delivered
 * session logged to the patient's record when an account is named with --as.
 */
import { gateStoredStimulation, loadGateRecord } from '../../api/safety-gate.ts';
import type { GateDecision } from '../../clinic/safety/programme-gate.ts';
import type { SessionSummary } from '../../device/session/controller.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { Db } from '../../store/database.ts';
import { isOnCareTeam } from '../../store/records/care-team.ts';
import { approvedProgramme } from '../../store/records/programmes.ts';
import { createSessionAudited, type Session } from '../../store/records/sessions.ts';
import { doesClinicalWork, findUserByEmail, type User } from '../../store/records/users.ts';

/** The gate's ClearedProgramme, or an InvalidInputError (exit 2) listing every blocker. */
export function requireDeviceClearance(decision: GateDecision): unknown {
  if (!decision.allowed) {
    throw new InvalidInputError(
      `the safety gate refuses to send this programme to a device:\n${decision.blockers.map((b) => `- ${b.message}`).join('\n')}`,
    );
  }
  return decision.cleared;
}

/** The patient's approved programme cleared for a device, with its id for the session log. */
export async function patientProgrammeForDevice(
  db: Db,
  patientId: string,
  now: Date,
): Promise<{ cleared: unknown; programmeId: string }> {
  const programme = await approvedProgramme(db, patientId);
  if (!programme) {
    throw new InvalidInputError(
      `patient ${patientId} has no approved programme: a clinician approves one before it can be played`,
    );
  }
  const decision = gateStoredStimulation(
    await loadGateRecord(db, patientId),
    programme.body,
    'send-to-device',
    now,
  );
  if (decision === null) {
    throw new InvalidInputError(
      `programme ${programme.id} has no stimulation part; nothing may be sent to a stimulator`,
    );
  }
  return { cleared: requireDeviceClearance(decision), programmeId: programme.id };
}

/** The account that logs the session: the patient's own login, or a clinician on the patient's care team. */
export async function sessionRecorder(db: Db, email: string, patientId: string): Promise<User> {
  const user = await findUserByEmail(db, email);
  const allowed =
    user !== undefined &&
    user.deactivatedAt === null &&
    (user.patientId === patientId ||
      (doesClinicalWork(user) && (await isOnCareTeam(db, patientId, user.id))));
  if (!allowed || !user) {
    throw new InvalidInputError(
      `--as ${email}: not an active account that may log this patient's sessions (the patient's own login, or a clinician on the patient's care team)`,
    );
  }
  return user;
}

/**
 * Logs what was delivered as a stimulation session: the minutes played, the highest current any
 * channel reached, completed only when the programme ran to its end (else interrupted, with the
 * stop reason and faults in the notes), and the device's identity.
 */
export async function logDeliveredSession(
  db: Db,
  log: { patientId: string; programmeId: string; recorder: User; startedAt: Date; now: Date },
  summary: SessionSummary,
): Promise<Session> {
  const device = summary.device ? JSON.stringify(summary.device) : 'no identity';
  const faults = summary.faults.map((f) => `${f.kind}: ${f.message}`).join('; ');
  const notes = [
    `played by myotrophy stimulate on ${summary.protocol} (${device}), level ${summary.level}`,
    summary.stopReason === 'completed' ? 'completed' : `interrupted: ${summary.stopReason}`,
    ...(faults ? [`faults: ${faults}`] : []),
  ].join('; ');
  const { session } = await createSessionAudited(
    db,
    log.patientId,
    {
      kind: 'stimulation',
      startedAt: log.startedAt.toISOString(),
      minutes: summary.deliveredMinutes,
      peakIntensityMa: Math.max(0, ...Object.values(summary.peakCurrentMaByChannel)),
      completed: summary.stopReason === 'completed',
      notes,
      programmeId: log.programmeId,
    },
    log.recorder.id,
    log.now,
    {
      userId: log.recorder.id,
      action: 'log-session',
      resource: 'sessions',
      patientId: log.patientId,
      ip: 'local',
      userAgent: 'myotrophy stimulate',
    },
  );
  return session;
}
