/**
 * A sentence the core writes for a patient, as a message key and its values (whole numbers, units
 * and other sentences), never as finished words: the patient's web app words it in the patient's
 * language from its message catalogues (web/src/i18n/messages/, docs/languages.md). Every key the
 * core can give is listed here, and the web's compiler and test/i18n-core-words.test.ts refuse a key
 * a catalogue lacks.
 */
import { EXERCISE_NAME_KEYS } from './exercise-names.ts';

export const PATIENT_TEXT_KEYS = [
  'core.week',
  'core.weeks',
  'core.often',
  'core.level.when',
  'core.level.weekCell',
  'core.level.none',
  'core.block.warmUp',
  'core.block.coolDown',
  'core.block.cycle',
  'core.block.steady',
  'core.duration.minutes',
  'core.duration.seconds',
  'core.duration.minutesSeconds',
  'core.pulses',
  'core.pulseMs',
  'core.pulseUs',
  'core.ceiling',
  'core.aim.strong',
  'core.aim.force',
  'core.aim.step',
  'core.step.palpable',
  'core.step.visible',
  'core.step.partial-movement',
  'core.step.full-movement',
  'core.programme.title',
  'core.programme.placement',
  'core.programme.placementSized',
  'core.safety.stop',
  'core.safety.never',
  'core.safety.cap',
  'core.exercise.dose',
  'core.exercise.weekCell',
  'core.exercise.none',
  'core.session.done',
  'core.session.scores',
  'core.session.force',
  'core.session.seen',
  'core.muscle.quadriceps',
  'core.muscle.hamstrings',
  'core.muscle.gluteus-maximus',
  'core.muscle.triceps-surae',
  'core.muscle.tibialis-anterior',
  'core.muscle.deltoid',
  'core.muscle.biceps-brachii',
  'core.muscle.triceps-brachii',
  'core.muscle.wrist-extensors',
  'core.muscle.wrist-flexors',
  'core.muscle.lumbar-paraspinals',
  'core.muscle.unknown',
  'core.channel.name',
  'core.channel.numbered',
  'core.channel.pads',
  'core.landmark.quadriceps.proximal',
  'core.landmark.quadriceps.distal',
  'core.landmark.hamstrings.proximal',
  'core.landmark.hamstrings.distal',
  'core.landmark.gluteus-maximus.proximal',
  'core.landmark.gluteus-maximus.distal',
  'core.landmark.triceps-surae.proximal',
  'core.landmark.triceps-surae.distal',
  'core.landmark.tibialis-anterior.proximal',
  'core.landmark.tibialis-anterior.distal',
  'core.landmark.deltoid.proximal',
  'core.landmark.deltoid.distal',
  'core.landmark.biceps-brachii.proximal',
  'core.landmark.biceps-brachii.distal',
  'core.landmark.triceps-brachii.proximal',
  'core.landmark.triceps-brachii.distal',
  'core.landmark.wrist-extensors.proximal',
  'core.landmark.wrist-extensors.distal',
  'core.landmark.wrist-flexors.proximal',
  'core.landmark.wrist-flexors.distal',
  'core.landmark.lumbar-paraspinals.proximal',
  'core.landmark.lumbar-paraspinals.distal',
  'core.contact',
  'core.contact.unset',
  'core.pause.headline',
  'core.pause.exerciseStop',
  'core.pause.exerciseHold',
  'core.pause.emergency',
  'core.pause.noStimulationLog',
  'core.pause.noExerciseLog',
  'core.onHold.headline',
  'core.onHold.keepExercising',
  'core.onHold.noLog',
  'core.exerciseOnHold.headline',
  'core.exerciseOnHold.doNot',
  'core.exerciseOnHold.noLog',
  'core.questionnaire.notDue',
  ...Object.values(EXERCISE_NAME_KEYS),
] as const;

export type PatientTextKey = (typeof PATIENT_TEXT_KEYS)[number];

/**
 * A value of a sentence: a number (formatted in the patient's locale), a code or a name as written,
 * a nested sentence, or a list of them (written one after another, separated by commas).
 */
export type PatientTextValue = number | string | PatientText | readonly (string | PatientText)[];

export interface PatientText {
  key: PatientTextKey;
  values?: Readonly<Record<string, PatientTextValue>>;
}

/** A sentence with its values. */
export function text(key: PatientTextKey, values?: Readonly<Record<string, PatientTextValue>>): PatientText {
  return values ? { key, values } : { key };
}
