/**
 * How a patient sees each target muscle: its name in everyday words, and whether its electrode
 * placement is drawn on a front or a back view of the body. Muscles on the back of the body (calf,
 * hamstrings, gluteals, lower back, back of the upper arm and forearm) are drawn from behind; the
 * deltoid sits on the side of the shoulder and is drawn on the front view. Anatomical facts, no
 * source needed beyond the landmarks in ./electrode-sites.ts.
 */
import { PATIENT_TEXT_KEYS, type PatientText, type PatientTextKey, text } from '../words/patient-text.ts';
import { MUSCLE_SITES } from './electrode-sites.ts';

export type PlacementView = 'front' | 'back';

interface PatientMuscle {
  /** The muscle in everyday English words, for "your left …" (the server's reminders). */
  name: string;
  view: PlacementView;
  /** The muscle's name for the patient's pages, worded in their language by the web's catalogues. */
  text: PatientText;
}

const PATIENT_MUSCLES: ReadonlyMap<string, Omit<PatientMuscle, 'text'>> = new Map([
  ['quadriceps', { name: 'front thigh muscles', view: 'front' }],
  ['hamstrings', { name: 'back thigh muscles', view: 'back' }],
  ['gluteus-maximus', { name: 'buttock muscle', view: 'back' }],
  ['triceps-surae', { name: 'calf muscles', view: 'back' }],
  ['tibialis-anterior', { name: 'shin muscle', view: 'front' }],
  ['deltoid', { name: 'shoulder muscle', view: 'front' }],
  ['biceps-brachii', { name: 'muscle at the front of the upper arm', view: 'front' }],
  ['triceps-brachii', { name: 'muscle at the back of the upper arm', view: 'back' }],
  ['wrist-extensors', { name: 'muscles on the back of the forearm', view: 'back' }],
  ['wrist-flexors', { name: 'muscles on the palm side of the forearm', view: 'front' }],
  ['lumbar-paraspinals', { name: 'lower back muscles', view: 'back' }],
] satisfies [string, Omit<PatientMuscle, 'text'>][]);

/** For each target muscle: front or back view for its placement drawing. */
export const PLACEMENT_VIEWS: readonly { muscle: string; view: PlacementView }[] = MUSCLE_SITES.map((m) => ({
  muscle: m.id,
  view: patientMuscle(m.id).view,
}));

/** A target muscle in a patient's words and its drawing view; an unknown id gets a neutral name. */
export function patientMuscle(muscleId: string): PatientMuscle {
  const known = PATIENT_MUSCLES.get(muscleId);
  if (!known) return { name: 'muscle', view: 'front', text: text('core.muscle.unknown') };
  return { ...known, text: text(`core.muscle.${muscleId}` as PatientTextKey) };
}

/**
 * Where a pad goes, in everyday words for the patient's placement drawing ("the back of your thigh,
 * a hand's width below the crease of your buttock"), in place of the clinician's anatomical landmark
 * (./electrode-sites.json); null for a site that is not a target muscle.
 */
export function landmarkText(site: string, position: 'proximal' | 'distal'): PatientText | null {
  const key = `core.landmark.${site}.${position}`;
  return (PATIENT_TEXT_KEYS as readonly string[]).includes(key) ? text(key as PatientTextKey) : null;
}

/**
 * Each channel in a patient's words, by where its pads go ("Left calf muscles"); channels that would
 * read the same are told apart by their number ("Left calf muscles, pads 2").
 */
export function channelNames(
  channels: readonly { electrodes: readonly { site: string; side: 'left' | 'right' }[] }[],
): PatientText[] {
  const names = channels.map((channel) => {
    const pad = channel.electrodes[0];
    if (!pad) return text('core.channel.pads');
    return text('core.channel.name', { side: pad.side, muscle: patientMuscle(pad.site).text });
  });
  const same = names.map((name) => JSON.stringify(name));
  return names.map((name, i) =>
    same.indexOf(same[i] as string) === same.lastIndexOf(same[i] as string)
      ? name
      : text('core.channel.numbered', { name, number: i + 1 }),
  );
}
