/**
 * The API's side of the one safety gate (src/clinic/safety/programme-gate.ts): it loads what the
 * gate needs from the patient's record (latest screening, open red flags, coded conditions), asks
 * the gate, and turns a refusal into a 409 problem+json that lists every blocker in a clinician's
 * words. Every API door — approve, activation, the patient's Today, session logging — goes through
 * here; none decides on its own.
 */

import { type GateRecord, gateRecordOf } from '../clinic/record-views/gate-record.ts';
import {
  type ClearedProgramme,
  type ExerciseGateDecision,
  type GateBlocker,
  type GateDecision,
  type GatePurpose,
  gateExerciseProgramme,
  gateProgramme,
  requireClearedProgramme,
} from '../clinic/safety/programme-gate.ts';
import {
  type ClinicContact,
  contactLine,
  contactText,
  PAUSE_HEADLINE,
  type StimulationPause,
  stimulationPause,
  UNSET_CLINIC_CONTACT,
} from '../clinic/safety/red-flag-pause.ts';
import { type PatientText, text } from '../clinic/words/patient-text.ts';
import type { Db } from '../store/database.ts';
import {
  loadPatientRecord,
  OPTIONAL_RECORD_PARTS,
  type RecordReadOptions,
} from '../store/records/patient-record.ts';
import { HttpProblem } from './problem.ts';

export type { GateRecord } from '../clinic/record-views/gate-record.ts';
export { UNSET_CLINIC_CONTACT } from '../clinic/safety/red-flag-pause.ts';

/** The parts of a record the safety doors read: patient, conditions, screenings, programmes, resolutions. */
export const GATE_READ: RecordReadOptions = { without: OPTIONAL_RECORD_PARTS };

/** A patient's record as the safety doors read it (an unknown patient reads as an empty record). */
export async function loadGateRecord(db: Db, patientId: string): Promise<GateRecord> {
  const record = await loadPatientRecord(db, patientId, GATE_READ);
  return record ? gateRecordOf(record) : { screening: null, openRedFlags: [], conditions: [] };
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

/** The exercise part of a stored programme body (`body.exercise`), or null when it has none. */
export function exercisePart(body: unknown): unknown | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  return Object.hasOwn(body, 'exercise') ? (body as Record<string, unknown>).exercise : null;
}

/** A stored programme as the doors know it: its body and, once approved, when (week 1 of its exercise). */
export interface StoredProgramme {
  body: unknown;
  approvedAt?: string | null;
}

/**
 * The gate's decision on a stored programme body. A programme with a stimulation part goes to
 * `gateProgramme` (approval and activation judge its exercise part with it); an exercise-only
 * programme goes to `gateExerciseProgramme`; a body with neither prescribes nothing (null).
 */
export function gateStoredProgramme(
  record: GateRecord,
  body: unknown,
  purpose: GatePurpose,
  now: Date,
  approvedAt: string | null = null,
): GateDecision | ExerciseGateDecision | null {
  const programme = stimulationPart(body);
  const exercise = exercisePart(body);
  const when = { now: now.toISOString(), exerciseStartDate: approvedAt ?? now.toISOString() };
  if (programme === null) {
    return exercise === null ? null : gateExerciseProgramme({ ...record, purpose, exercise, ...when });
  }
  const whole = purpose === 'approve' || purpose === 'activate';
  return gateProgramme({
    ...record,
    purpose,
    programme,
    ...(whole && exercise !== null ? { exercise } : {}),
    ...when,
  });
}

/** The gate's decision on a stored programme's exercise part alone (the exercise doors), or null without one. */
export function gateStoredExercise(
  record: GateRecord,
  active: StoredProgramme | null,
  now: Date,
): ExerciseGateDecision | null {
  const exercise = active ? exercisePart(active.body) : null;
  if (exercise === null || active === null) return null;
  return gateExerciseProgramme({
    ...record,
    purpose: 'show-as-due',
    exercise,
    now: now.toISOString(),
    exerciseStartDate: active.approvedAt ?? now.toISOString(),
  });
}

/** The stimulation gate's decision for a stored programme, or null when it has no stimulation part. */
export function gateStoredStimulation(
  record: GateRecord,
  body: unknown,
  purpose: GatePurpose,
  now: Date,
): GateDecision | null {
  const programme = stimulationPart(body);
  return programme === null ? null : gateProgramme({ ...record, purpose, programme, now: now.toISOString() });
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
export function blockedProblem(decision: {
  purpose: GatePurpose;
  blockers: GateBlocker[];
  warnings: string[];
}): HttpProblem {
  const n = decision.blockers.length;
  return new HttpProblem(
    409,
    `the programme cannot be ${PURPOSE_WORDS[decision.purpose]}: ${n} safety blocker${n === 1 ? '' : 's'}. ${decision.blockers.map((b) => b.message).join(' ')}`,
    { blockers: blockerList(decision.blockers), warnings: decision.warnings },
  );
}

/** Throws the 409 problem when the gate refuses. */
export function refuseBlocked(decision: GateDecision | ExerciseGateDecision | null): void {
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
  /** Whether the approved programme has an exercise part at all. */
  hasExercise: boolean;
  /**
   * True only when the programme's exercises may be shown as today's: no open flag pauses exercise
   * and the gate clears the exercise part (coded diagnosis, no move of a joint a cast or brace holds).
   */
  exerciseDue: boolean;
  /**
   * The sentences the patient reads instead of "session due" (message keys the patient's web app
   * words in their language), or null when a session may be due.
   */
  patientMessage: PatientText[] | null;
  clinic: ClinicContact;
}

export const ON_HOLD_HEADLINE = 'Your stimulation programme is on hold — please contact your clinic';
export const EXERCISE_ON_HOLD_HEADLINE = 'Your exercise programme is on hold — please contact your clinic';

/**
 * The Today page's decision: a stimulation session is shown as due only when no red flag pauses
 * stimulation and the gate clears the approved programme for 'show-as-due' (a screening that has
 * expired since approval, say, puts it on hold); its exercises only when no flag pauses exercise and
 * the gate clears the exercise part. The patient reads plain words, never the blockers.
 */
export function todayStatus(
  record: GateRecord,
  active: ({ id: string } & StoredProgramme) | null,
  clinic: ClinicContact,
  now: Date,
): TodayStatus {
  const pause = stimulationPause(record.openRedFlags, clinic);
  const decision = active ? gateStoredStimulation(record, active.body, 'show-as-due', now) : null;
  const exerciseDecision = gateStoredExercise(record, active, now);
  const hasStimulation = decision !== null;
  const blocked = decision !== null && !decision.allowed;
  const hasExercise = exerciseDecision !== null;
  const exerciseDue = hasExercise && exerciseDecision.allowed && pause.exercise !== 'pause';
  const exerciseBlocked = hasExercise && !exerciseDecision.allowed && pause.exercise !== 'pause';
  const messages: PatientText[] = [];
  if (pause.stimulationPaused && pause.patientMessage) messages.push(...pause.patientMessage);
  else if (blocked) {
    messages.push(
      text('core.onHold.headline'),
      contactText(clinic),
      ...(exerciseBlocked ? [] : [text('core.onHold.keepExercising')]),
    );
  }
  if (exerciseBlocked) {
    messages.push(
      text('core.exerciseOnHold.headline'),
      text('core.exerciseOnHold.doNot'),
      ...(blocked || pause.stimulationPaused ? [] : [contactText(clinic)]),
    );
  }
  return {
    programmeId: active?.id ?? null,
    hasStimulation,
    stimulationDue: hasStimulation && !pause.stimulationPaused && !blocked,
    stimulationPaused: pause.stimulationPaused,
    exercise: pause.exercise,
    hasExercise,
    exerciseDue,
    patientMessage: messages.length > 0 ? messages : null,
    clinic,
  };
}

/**
 * Session logging's door: a stimulation session is refused while a red flag pauses stimulation, or
 * while the gate does not clear the approved programme; an exercise session while an open flag
 * pauses exercise too, or while the gate does not clear the approved programme's exercise part.
 * Returns the refusal's words (the API's English, and sentences for the patient's own language), or
 * null when the log may be stored.
 */
export function sessionLogRefusal(
  record: GateRecord,
  active: ({ id: string } & StoredProgramme) | null,
  kind: 'stimulation' | 'exercise',
  clinic: ClinicContact,
  now: Date,
): { detail: string; patientMessage: PatientText[]; blockers: GateBlocker[] } | null {
  const pause = stimulationPause(record.openRedFlags, clinic);
  if (kind === 'exercise') {
    if (pause.exercise === 'pause') {
      return {
        detail: `${PAUSE_HEADLINE}. Exercise is paused too while this red flag is open; an exercise session cannot be logged. ${contactLine(clinic)}`,
        patientMessage: [text('core.pause.headline'), text('core.pause.noExerciseLog'), contactText(clinic)],
        blockers: [],
      };
    }
    const exercise = gateStoredExercise(record, active, now);
    if (exercise && !exercise.allowed) {
      return {
        detail: `${EXERCISE_ON_HOLD_HEADLINE}. An exercise session cannot be logged while the exercise programme is on hold: ${exercise.blockers.map((b) => b.message).join(' ')} ${contactLine(clinic)}`,
        patientMessage: [
          text('core.exerciseOnHold.headline'),
          text('core.exerciseOnHold.noLog'),
          contactText(clinic),
        ],
        blockers: exercise.blockers,
      };
    }
    return null;
  }
  const decision = active ? gateStoredStimulation(record, active.body, 'show-as-due', now) : null;
  if (pause.stimulationLogRefusal !== null && pause.stimulationLogRefusalForPatient !== null) {
    return {
      detail: pause.stimulationLogRefusal,
      patientMessage: pause.stimulationLogRefusalForPatient,
      blockers: decision && !decision.allowed ? decision.blockers : [],
    };
  }
  if (decision && !decision.allowed) {
    return {
      detail: `${ON_HOLD_HEADLINE}. A stimulation session cannot be logged while the programme is on hold: ${decision.blockers.map((b) => b.message).join(' ')} ${contactLine(clinic)}`,
      patientMessage: [text('core.onHold.headline'), text('core.onHold.noLog'), contactText(clinic)],
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
  const decision = gateStoredStimulation(record, body, 'send-to-device', now);
  if (decision === null) {
    throw new HttpProblem(409, 'the programme has no stimulation part; nothing may be sent to a stimulator');
  }
  if (!decision.allowed) throw blockedProblem(decision);
  return requireClearedProgramme(decision.cleared, 'send-to-device');
}
