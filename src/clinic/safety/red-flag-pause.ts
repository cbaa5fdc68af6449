/**
 * A red flag pauses stimulation for the patient at once. From the open red flags this decides:
 * stimulation is paused (no session is due and a stimulation session log is refused), what exercise
 * may go on (per flag, ../screening/red-flags.ts `exerciseWhileOpen`; the strictest open flag wins and
 * a flag Myotrophy does not know pauses everything), the patient's message with the clinic's contact,
 * and the clinician's alert. Only a clinician resolves a flag; the doors record that, not this rule.
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';
import {
  type ExerciseWhileOpen,
  RED_FLAG_KEYS,
  RED_FLAG_RULES,
  type RedFlagKey,
  type ReferralUrgency,
} from '../screening/red-flags.ts';
import { type PatientText, text } from '../words/patient-text.ts';
import type { GateRedFlag } from './programme-gate.ts';

export interface ClinicContact {
  name: string;
  phone?: string;
  email?: string;
}

/** What exercise does while flags are open: 'continue' only when no flag is open. */
export type ExerciseState = 'continue' | ExerciseWhileOpen;

export interface OpenFlagSummary {
  key: string;
  label: string;
  urgency: ReferralUrgency;
  referTo: string;
  raisedAt: string;
  exerciseWhileOpen: ExerciseWhileOpen;
}

export interface StimulationPause {
  stimulationPaused: boolean;
  /** False while paused: the Today page shows no stimulation session as due. */
  stimulationSessionDue: boolean;
  exercise: ExerciseState;
  /**
   * The sentences on the patient's Today page, worded in their language by the web's catalogues
   * (../words/patient-text.ts), or null when nothing is paused.
   */
  patientMessage: PatientText[] | null;
  /** The words a stimulation session log is refused with (the API's English), or null when logging is allowed. */
  stimulationLogRefusal: string | null;
  /** The same refusal as sentences for the patient, or null when logging is allowed. */
  stimulationLogRefusalForPatient: PatientText[] | null;
  /** For the clinician's alerts, or null when no flag is open. */
  clinicianAlert: { title: string; text: string; flags: OpenFlagSummary[] } | null;
}

export const PAUSE_HEADLINE = 'Stimulation paused — please contact your clinic';

function summarise(flag: GateRedFlag): OpenFlagSummary {
  const key = String(flag?.key);
  if ((RED_FLAG_KEYS as readonly string[]).includes(key)) {
    const rule = RED_FLAG_RULES[key as RedFlagKey];
    return {
      key,
      label: rule.label,
      urgency: rule.urgency,
      referTo: rule.referTo,
      raisedAt: String(flag.raisedAt),
      exerciseWhileOpen: rule.exerciseWhileOpen,
    };
  }
  // A flag Myotrophy does not know: treated as the most urgent, and all exercise pauses.
  return {
    key,
    label: `red flag '${key}'`,
    urgency: 'immediate',
    referTo: 'the treating clinician',
    raisedAt: String(flag?.raisedAt),
    exerciseWhileOpen: 'pause',
  };
}

/** The clinic's name with its phone and email, as the patient reads it: "Riverside: 020 … or desk@…." */
export function contactLine(clinic: ClinicContact): string {
  const ways = [clinic.phone, clinic.email].filter(
    (w): w is string => typeof w === 'string' && w.trim() !== '',
  );
  return ways.length > 0 ? `${clinic.name.trim()}: ${ways.join(' or ')}.` : `${clinic.name.trim()}.`;
}

/** The clinic's contact when the server was started without one (see README, "Clinic contact"). */
export const UNSET_CLINIC_CONTACT: ClinicContact = { name: 'Your clinic' };

/**
 * The clinic's name with its phone and email, as a sentence for the patient page; with no contact
 * set, "your clinic" in the patient's language.
 */
export function contactText(clinic: ClinicContact): PatientText {
  if (clinic === UNSET_CLINIC_CONTACT) return text('core.contact.unset');
  const phone = clinic.phone?.trim() ?? '';
  const email = clinic.email?.trim() ?? '';
  const has = phone && email ? 'both' : phone ? 'phone' : email ? 'email' : 'none';
  return text('core.contact', { name: clinic.name.trim(), phone, email, has });
}

/** What open red flags mean for the patient's stimulation and exercise, and the words for each side. */
export function stimulationPause(
  openRedFlags: readonly GateRedFlag[],
  clinic: ClinicContact,
): StimulationPause {
  if (!Array.isArray(openRedFlags))
    throw new InvalidInputError('open red flags must be a list (empty when none)');
  if (
    clinic === null ||
    typeof clinic !== 'object' ||
    typeof clinic.name !== 'string' ||
    clinic.name.trim() === ''
  ) {
    throw new InvalidInputError(
      "the clinic's contact needs a name, and a phone number or email where the clinic has one",
    );
  }
  if (openRedFlags.length === 0) {
    return {
      stimulationPaused: false,
      stimulationSessionDue: true,
      exercise: 'continue',
      patientMessage: null,
      stimulationLogRefusal: null,
      stimulationLogRefusalForPatient: null,
      clinicianAlert: null,
    };
  }
  const flags = openRedFlags.map(summarise);
  const exercise: ExerciseState = flags.some((f) => f.exerciseWhileOpen === 'pause') ? 'pause' : 'hold';
  const urgent = flags.some((f) => f.urgency === 'immediate');
  const patientMessage = [
    text('core.pause.headline'),
    contactText(clinic),
    text(exercise === 'pause' ? 'core.pause.exerciseStop' : 'core.pause.exerciseHold'),
    ...(urgent ? [text('core.pause.emergency')] : []),
  ];
  const referrals = flags
    .map(
      (f) =>
        `${f.label} — refer ${f.urgency === 'immediate' ? 'immediately' : 'without delay'} to ${f.referTo} (raised ${f.raisedAt})`,
    )
    .join('; ');
  return {
    stimulationPaused: true,
    stimulationSessionDue: false,
    exercise,
    patientMessage,
    stimulationLogRefusal: `${PAUSE_HEADLINE}. A stimulation session cannot be logged while a red flag is open. ${contactLine(clinic)}`,
    stimulationLogRefusalForPatient: [
      text('core.pause.headline'),
      text('core.pause.noStimulationLog'),
      contactText(clinic),
    ],
    clinicianAlert: {
      title: `Red flag open: stimulation paused${urgent ? ' (urgent)' : ''}`,
      text: `Open red flag${flags.length > 1 ? 's' : ''}: ${referrals}. Stimulation is paused and no stimulation session is due; exercise ${exercise === 'pause' ? 'is paused' : 'continues without progression'}. Resolve the flag with a note once the patient has been assessed.`,
      flags,
    },
  };
}
