/**
 * A programme and a session in a patient's words, for the patient pages and the printed handout.
 * Short sentences (aimed at a reading age of about 12), everyday words, no field names or internal
 * tags, and only whole numbers a stimulator can be set to ("35 pulses a second", "up to 40 mA").
 * The texts are Myotrophy's own; ./developer-text.ts checks them.
 */
import { patientMuscle } from '../anatomy/patient-view.ts';
import type { ContractionStep, EvokedForceRecord, EvokedForceTarget } from '../programme/evoked-force.ts';
import type { Exercise, ExerciseProgramme } from '../programme/exercise-programme.ts';
import type {
  StimulationBlock,
  StimulationLevel,
  StimulationProgramme,
} from '../programme/stimulation-types.ts';

/** A whole number for a person to read (a logged 40.6 mA reads 41). */
function whole(n: number): number {
  return Math.round(n);
}

/**
 * A count with its noun, singular for exactly one: "1 set", "3 sets". The one plural rule for every
 * patient- and clinician-facing count (the web pages use it too).
 */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function seconds(n: number): string {
  return plural(whole(n), 'second', 'seconds');
}

function minutes(n: number): string {
  return plural(whole(n), 'minute', 'minutes');
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

const STEP_WORDS: Readonly<Record<ContractionStep, string>> = {
  palpable: 'you can feel the muscle tighten under your fingers',
  visible: 'you can see the muscle tighten',
  'partial-movement': 'the muscle tightens enough to move the joint a little',
  'full-movement': 'the muscle tightens enough to move the joint all the way',
};

function howOften(level: StimulationLevel): string {
  const perDay = whole(level.sessionsPerDay);
  const perWeek = whole(level.sessionsPerWeek);
  const times = perDay === 1 ? 'once a day' : perDay === 2 ? 'twice a day' : `${perDay} times a day`;
  const days = Math.round(perWeek / Math.max(1, perDay));
  return days >= 7 ? `${times}, every day` : `${times}, ${plural(days, 'day', 'days')} a week`;
}

function pulses(hz: number): string {
  return `${plural(whole(hz), 'pulse', 'pulses')} a second`;
}

function pulseLength(us: number): string {
  const w = whole(us);
  return w % 1000 === 0 ? `${w / 1000} ms (milliseconds)` : `${w} µs (microseconds)`;
}

/** The words for a contraction step, read only from the table's own entries (the session player's cues too). */
export function stepWords(step: unknown): string | null {
  return typeof step === 'string' && Object.hasOwn(STEP_WORDS, step)
    ? STEP_WORDS[step as ContractionStep]
    : null;
}

/** The aim of a level in plain words. */
export function describeAim(target: EvokedForceTarget | undefined): string {
  if (!target) return 'Aim: a strong, comfortable tightening of the muscle.';
  if (target.basis === 'dynamometry') {
    return `Aim: the muscle pulls with at least ${whole(target.minPercentMvc)} % of the strongest push you can make yourself (your clinic measured it). Turn it up a little each session if you can.`;
  }
  return `Aim: ${stepWords(target.minStep) ?? 'a strong, comfortable tightening of the muscle'}. Turn it up a little each session if you can.`;
}

function blockWords(block: StimulationBlock): string {
  const mins = minutes(block.minutes);
  if (block.kind === 'warm-up') return `Warm up for ${mins} with gentle pulses.`;
  if (block.kind === 'cool-down') return `Finish with ${mins} of gentle pulses to relax the muscle.`;
  if (block.cycle) {
    return `Then ${mins} where the muscle tightens for ${seconds(block.cycle.onS)} and rests for ${seconds(block.cycle.offS)}.`;
  }
  return `Then ${mins} of steady pulses.`;
}

/** One level ("Weeks 1 to 2 …") in plain words. */
export function describeLevelForPatient(level: StimulationLevel): string {
  const work = level.blocks.find((b) => b.kind === 'work') ?? level.blocks[0];
  const ceiling = Math.min(...level.blocks.map((b) => whole(b.maxIntensityMa)));
  const weeks =
    level.fromWeek === level.toWeek
      ? `Week ${whole(level.fromWeek)}`
      : `Weeks ${whole(level.fromWeek)} to ${whole(level.toWeek)}`;
  return [
    `${weeks}: ${howOften(level)}.`,
    ...level.blocks.map(blockWords),
    ...(work
      ? [
          `The stimulator sends ${pulses(work.frequencyHz)}. Each pulse lasts ${pulseLength(work.phaseWidthUs)}.`,
        ]
      : []),
    `Turn the strength up slowly, up to ${ceiling} mA at most.`,
    describeAim(level.evokedForceTarget),
  ].join(' ');
}

export interface PatientProgrammeText {
  title: string;
  placement: string;
  levels: string[];
  safety: string[];
}

/** A stimulation programme for the patient page and handout. */
export function describeProgrammeForPatient(programme: StimulationProgramme): PatientProgrammeText {
  const muscle = patientMuscle(programme.muscle);
  const side = programme.side === 'left' ? 'left' : 'right';
  const pads = programme.channels.flatMap((c) => c.electrodes);
  const size = pads[0] ? whole(pads[0].sizeCm2) : null;
  return {
    title: `Your stimulation plan for your ${side} ${muscle.name}`,
    placement: `Put the ${plural(pads.length, 'pad', 'pads')} on your ${side} ${muscle.name}${size !== null ? ` (pads of ${size} square centimetres)` : ''}, as in the drawing.`,
    levels: programme.levels.map(describeLevelForPatient),
    safety: [
      'Stop and tell your clinic if it hurts, if the skin under a pad stays red for more than an hour, or if your leg or arm swells or gets hot.',
      'Never put pads on your chest, your head or the front of your neck.',
      ...(programme.intensityCap ? ['Your clinic has set a lower top strength for you. Keep to it.'] : []),
    ],
  };
}

/**
 * How much of one exercise, in words: "1 set of 10 repetitions", "5 sets of 10 holds, hold each for
 * 3 seconds", "2 sets of 10 repetitions, twice a day".
 */
export function exerciseDose(e: Pick<Exercise, 'sets' | 'reps' | 'holdS' | 'timesPerDay'>): string {
  const reps = e.holdS
    ? plural(whole(e.reps), 'hold', 'holds')
    : plural(whole(e.reps), 'repetition', 'repetitions');
  const hold = e.holdS ? `, hold each for ${seconds(e.holdS)}` : '';
  const perDay = e.timesPerDay ? whole(e.timesPerDay) : 0;
  const often =
    perDay > 0 ? `, ${perDay === 1 ? 'once' : perDay === 2 ? 'twice' : `${perDay} times`} a day` : '';
  return `${plural(whole(e.sets), 'set', 'sets')} of ${reps}${hold}${often}`;
}

/** One exercise in plain words, e.g. "Straight-leg raise: 4 sets of 15 repetitions." */
export function describeExerciseForPatient(e: Exercise): string {
  return `${e.name}: ${exerciseDose(e)}.`;
}

/** An exercise programme, one line per stage. */
export function describeExercisesForPatient(programme: ExerciseProgramme): string[] {
  return programme.stages.map((stage) => {
    const weeks = `Weeks ${whole(stage.fromWeek)} to ${whole(stage.toWeek)}`;
    return `${weeks}: ${stage.exercises.map(describeExerciseForPatient).join(' ')}`;
  });
}

/** A logged session, as the patient's own record of it. */
export interface PatientSession {
  kind: 'stimulation' | 'exercise';
  minutes: number;
  peakIntensityMa?: number | null;
  comfort?: number | null;
  pain?: number | null;
  completed: boolean;
  evokedForce?: EvokedForceRecord;
}

/** A logged session in plain words. */
export function describeSessionForPatient(session: PatientSession): string {
  const what = session.kind === 'stimulation' ? 'Stimulation' : 'Exercises';
  const parts = [`${what} for ${minutes(session.minutes)}${session.completed ? '' : ' (stopped early)'}`];
  if (
    session.kind === 'stimulation' &&
    typeof session.peakIntensityMa === 'number' &&
    Number.isFinite(session.peakIntensityMa)
  ) {
    parts.push(`up to ${whole(session.peakIntensityMa)} mA`);
  }
  const sentences = [`${parts.join(', ')}.`];
  const scores: string[] = [];
  if (typeof session.comfort === 'number') scores.push(`comfort ${whole(session.comfort)} out of 10`);
  if (typeof session.pain === 'number') scores.push(`pain ${whole(session.pain)} out of 10`);
  if (scores.length > 0) sentences.push(sentence(scores.join(', ')));
  const force = session.evokedForce;
  const seen = stepWords(force?.step);
  if (typeof force?.percentMvc === 'number' && Number.isFinite(force.percentMvc)) {
    sentences.push(`The muscle pulled with ${whole(force.percentMvc)} % of your strongest push.`);
  } else if (seen !== null) {
    sentences.push(sentence(seen));
  }
  return sentences.join(' ');
}

/** One week of the programme in plain words: the stimulation and the exercise that week. */
export interface PatientWeek {
  week: number;
  stimulation: string;
  exercise: string;
}

/**
 * Every week of the programme, from week 1 to the last week any stimulation level or exercise stage
 * reaches, so the printed handout leaves no week out. A week no level or stage covers says so.
 */
export function describeWeeksForPatient(
  stimulation: Pick<StimulationProgramme, 'levels'> | undefined,
  exercise: Pick<ExerciseProgramme, 'stages' | 'sessionsPerWeek'> | undefined,
): PatientWeek[] {
  const levels = stimulation?.levels ?? [];
  const stages = exercise?.stages ?? [];
  const last = Math.max(0, ...levels.map((l) => whole(l.toWeek)), ...stages.map((s) => whole(s.toWeek)));
  return Array.from({ length: last }, (_, i) => {
    const week = i + 1;
    const level = levels.find((l) => l.fromWeek <= week && week <= l.toWeek);
    const stage = stages.find((s) => s.fromWeek <= week && week <= s.toWeek);
    return {
      week,
      stimulation: level ? `Level ${whole(level.level)}: ${howOften(level)}.` : 'No stimulation this week.',
      exercise:
        stage && exercise
          ? `${plural(whole(exercise.sessionsPerWeek), 'session', 'sessions')} a week: ${stage.exercises.map((e) => e.name).join(', ')}.`
          : 'No exercises this week.',
    };
  });
}
