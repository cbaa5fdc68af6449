/**
 * The API's side of the one safety gate (src/clinic/safety/programme-gate.ts): it loads what the
 * gate needs from the patient's record (latest screening, open red flags, coded conditions), asks
 * the gate, and turns a refusal into a 409 problem+json that lists every blocker in a clinician's
 * words. Every API door — approve, activation, the patient's Today, session logging — goes through
 * here; none decides on its own.
 */

import { type GateRecord, gateRecordOf } from '../clinic/safety/gate-record.ts';
import {
  type ClearedProgramme,
  type GateBlocker,
  type GateDecision,
  type GatePurpose,
  gateProgramme,
  requireClearedProgramme,
} from '../clinic/safety/programme-gate.ts';
import {
  type ClinicContact,
  PAUSE_HEADLINE,
  type StimulationPause,
  stimulationPause,
} from '../clinic/safety/red-flag-pause.ts';
import type { Db } from '../store/database.ts';
import { listConditions } from '../store/records/conditions.ts';
import { openRedFlags } from '../store/records/red-flags.ts';
import { listScreenings } from '../store/records/screenings.ts';
import { MAX_LIST_LIMIT } from '../store/rows.ts';
import { HttpProblem } from './problem.ts';

/** The clinic's contact when the server was started without one (see README, "Clinic contact"). */
export const UNSET_CLINIC_CONTACT: ClinicContact = { name: 'Your clinic' };

export type { GateRecord };

export async function loadGateRecord(db: Db, patientId: string): Promise<GateRecord> {
  const [screenings, flags, conditions] = await Promise.all([
    listScreenings(db, patientId, { limit: MAX_LIST_LIMIT }),
    openRedFlags(db, patientId),
    listConditions(db, patientId, { limit: MAX_LIST_LIMIT }),
  ]);
  return gateRecordOf(screenings, flags, conditions);
}

/**
 * The stimulation part of a stored programme body: `body.stimulation` as the planner drafts it, the
 * body itself when it carries stimulation settings at its top level, or null for an exercise-only
 * programme (no electrical output, so nothing for the stimulation gate to clear).
 */
export function stimulationPart(body: unknown): unknown | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  if (Object.hasOwn(b, 'stimulation')) return b.stimulation;
  if (Object.hasOwn(b, 'waveform') || Object.hasOwn(b, 'channels') || Object.hasOwn(b, 'levels')) return b;
  return null;
}

/** The gate's decision on a stored programme body, or null when the body has no stimulation part. */
export function gateStoredProgramme(
  record: GateRecord,
  body: unknown,
  purpose: GatePurpose,
  now: Date,
): GateDecision | null {
  const programme = stimulationPart(body);
  if (programme === null) return null;
  return gateProgramme({ ...record, purpose, programme, now: now.toISOString() });
}

const PURPOSE_WORDS: Record<GatePurpose, string> = {
  approve: 'approved',
  activate: 'made the active programme',
  'send-to-device': 'sent to a stimulator',
  'show-as-due': 'shown to the patient as due',
};

/** The blockers as the API returns them: code, message, source, and key/site where there is one. */
export function blockerList(blockers: readonly GateBlocker[]): GateBlocker[] {
  return blockers.map((b) => ({ ...b }));
}

/** The 409 problem for a refused decision: the detail names every blocker, `blockers` lists them. */
export function blockedProblem(decision: GateDecision & { allowed: false }): HttpProblem {
  const n = decision.blockers.length;
  return new HttpProblem(
    409,
    `the programme cannot be ${PURPOSE_WORDS[decision.purpose]}: ${n} safety blocker${n === 1 ? '' : 's'}. ${decision.blockers.map((b) => b.message).join(' ')}`,
    { blockers: blockerList(decision.blockers), warnings: decision.warnings },
  );
}

/** Throws the 409 problem when the gate refuses. */
export function refuseBlocked(decision: GateDecision | null): void {
  if (decision && !decision.allowed) throw blockedProblem(decision);
}

/** The pause the patient's open red flags put on stimulation, with the clinic's contact. */
export function pauseFor(record: GateRecord, clinic: ClinicContact | undefined): StimulationPause {
  return stimulationPause(record.openRedFlags, clinic ?? UNSET_CLINIC_CONTACT);
}

export interface TodayStatus {
  /** The approved programme's id, or null when none is approved. */
  programmeId: string | null;
  /** Whether the approved programme has a stimulation part at all. */
  hasStimulation: boolean;
  /** True only when stimulation is neither paused by a red flag nor blocked by the gate. */
  stimulationDue: boolean;
  stimulationPaused: boolean;
  /** What exercise does: 'continue', 'hold' (no progression) or 'pause'. */
  exercise: 'continue' | 'hold' | 'pause';
  /** The words the patient reads instead of "session due", or null when a session may be due. */
  patientMessage: string | null;
  clinic: ClinicContact;
}

export const ON_HOLD_HEADLINE = 'Your stimulation programme is on hold — please contact your clinic';

function contactWords(clinic: ClinicContact): string {
  const ways = [clinic.phone, clinic.email].filter(
    (w): w is string => typeof w === 'string' && w.trim() !== '',
  );
  return ways.length > 0 ? `${clinic.name}: ${ways.join(' or ')}.` : `${clinic.name}.`;
}

/**
 * The Today page's decision: a stimulation session is shown as due only when no red flag pauses
 * stimulation and the gate clears the approved programme for 'show-as-due' (a screening that has
 * expired since approval, say, puts it on hold). The patient reads plain words, never the blockers.
 */
export function todayStatus(
  record: GateRecord,
  active: { id: string; body: unknown } | null,
  clinic: ClinicContact,
  now: Date,
): TodayStatus {
  const pause = stimulationPause(record.openRedFlags, clinic);
  const decision = active ? gateStoredProgramme(record, active.body, 'show-as-due', now) : null;
  const hasStimulation = decision !== null;
  const blocked = decision !== null && !decision.allowed;
  return {
    programmeId: active?.id ?? null,
    hasStimulation,
    stimulationDue: hasStimulation && !pause.stimulationPaused && !blocked,
    stimulationPaused: pause.stimulationPaused,
    exercise: pause.exercise,
    patientMessage: pause.stimulationPaused
      ? pause.patientMessage
      : blocked
        ? `${ON_HOLD_HEADLINE}. ${contactWords(clinic)} You can keep doing your exercises.`
        : null,
    clinic,
  };
}

/**
 * Session logging's door: a stimulation session is refused while a red flag pauses stimulation, or
 * while the gate does not clear the approved programme; an exercise session is refused only while an
 * open flag pauses exercise too. Returns the refusal's words, or null when the log may be stored.
 */
export function sessionLogRefusal(
  record: GateRecord,
  active: { id: string; body: unknown } | null,
  kind: 'stimulation' | 'exercise',
  clinic: ClinicContact,
  now: Date,
): { detail: string; blockers: GateBlocker[] } | null {
  const pause = stimulationPause(record.openRedFlags, clinic);
  if (kind === 'exercise') {
    return pause.exercise === 'pause'
      ? {
          detail: `${PAUSE_HEADLINE}. Exercise is paused too while this red flag is open; an exercise session cannot be logged. ${contactWords(clinic)}`,
          blockers: [],
        }
      : null;
  }
  const decision = active ? gateStoredProgramme(record, active.body, 'show-as-due', now) : null;
  if (pause.stimulationLogRefusal !== null) {
    return {
      detail: pause.stimulationLogRefusal,
      blockers: decision && !decision.allowed ? decision.blockers : [],
    };
  }
  if (decision && !decision.allowed) {
    return {
      detail: `${ON_HOLD_HEADLINE}. A stimulation session cannot be logged while the programme is on hold: ${decision.blockers.map((b) => b.message).join(' ')} ${contactWords(clinic)}`,
      blockers: decision.blockers,
    };
  }
  return null;
}

/**
 * The device path's door: the gate's ClearedProgramme for 'send-to-device', or a 409 naming every
 * blocker. A driver passes the result through `requireClearedProgramme` before any byte leaves.
 */
export function clearForDevice(record: GateRecord, body: unknown, now: Date): ClearedProgramme {
  const decision = gateStoredProgramme(record, body, 'send-to-device', now);
  if (decision === null) {
    throw new HttpProblem(409, 'the programme has no stimulation part; nothing may be sent to a stimulator');
  }
  if (!decision.allowed) throw blockedProblem(decision);
  return requireClearedProgramme(decision.cleared, 'send-to-device');
}
