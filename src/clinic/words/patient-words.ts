/**
 * A programme and a session in a patient's words, for the patient pages and the printed handout.
 * Short sentences (aimed at a reading age of about 12), everyday words, no field names or internal
 * tags, and only whole numbers a stimulator can be set to ("35 pulses a second", "up to 40 mA").
 * Each sentence is a message key with its values (./patient-text.ts): the words themselves, in
 * English, Spanish and German, are the web's message catalogues (web/src/i18n/messages/), so the
 * patient reads them in their own language. ./developer-text.ts checks the worded texts
 * (test/i18n-core-words.test.ts).
 */
import { patientMuscle } from '../anatomy/patient-view.ts';
import type { ContractionStep, EvokedForceRecord, EvokedForceTarget } from '../programme/evoked-force.ts';
import type { Exercise, ExerciseProgramme } from '../programme/exercise-programme.ts';
import {
  type StimulationBlock,
  type StimulationLevel,
  type StimulationProgramme,
  sessionMinutes,
} from '../programme/stimulation-types.ts';
import { EXERCISE_NAME_KEYS } from './exercise-names.ts';
import { type PatientText, text } from './patient-text.ts';

/** A whole number for a person to read (a logged 40.6 mA reads 41). */
function whole(n: number): number {
  return Math.round(n);
}

const STEPS: readonly ContractionStep[] = ['palpable', 'visible', 'partial-movement', 'full-movement'];

/** The words for a contraction step, read only from the known steps (the session player's cues too). */
export function stepWords(step: unknown): PatientText | null {
  return STEPS.includes(step as ContractionStep) ? text(`core.step.${step as ContractionStep}`) : null;
}

/** How often: sessions a day, and on how many days a week (7 reads "every day"). */
function howOften(level: StimulationLevel): PatientText {
  const perDay = whole(level.sessionsPerDay);
  const days = Math.min(7, Math.round(whole(level.sessionsPerWeek) / Math.max(1, perDay)));
  return text('core.often', { perDay, days });
}

function weeks(fromWeek: number, toWeek: number): PatientText {
  return fromWeek === toWeek
    ? text('core.week', { week: whole(fromWeek) })
    : text('core.weeks', { fromWeek: whole(fromWeek), toWeek: whole(toWeek) });
}

function pulseLength(us: number): PatientText {
  const w = whole(us);
  return w % 1000 === 0 ? text('core.pulseMs', { ms: w / 1000 }) : text('core.pulseUs', { us: w });
}

/** The aim of a level in plain words. */
export function describeAim(target: EvokedForceTarget | undefined): PatientText {
  if (target?.basis === 'dynamometry')
    return text('core.aim.force', { percent: whole(target.minPercentMvc) });
  const step = stepWords(target?.minStep);
  return step ? text('core.aim.step', { step }) : text('core.aim.strong');
}

/**
 * A length of time as the patient reads it: in whole seconds under a minute (never "0 minutes");
 * from a minute on, in whole minutes, or, `toTheSecond` (a prescribed block), in minutes and seconds
 * ("2 minutes and 30 seconds").
 */
function lengthOfTime(minutes: number, toTheSecond: boolean): PatientText {
  const totalS = whole(minutes * 60);
  if (totalS < 60) return text('core.duration.seconds', { seconds: totalS });
  const wholeMinutes = toTheSecond ? Math.floor(totalS / 60) : whole(minutes);
  const seconds = toTheSecond ? totalS % 60 : 0;
  if (seconds === 0) return text('core.duration.minutes', { minutes: wholeMinutes });
  return text('core.duration.minutesSeconds', { minutes: wholeMinutes, seconds });
}

/** How long a logged session lasted (its minutes), as the patient's log and history say it. */
export function loggedLengthForPatient(minutes: number): PatientText {
  return lengthOfTime(minutes, false);
}

/** How long one session of a level takes, all its blocks together, as Today says it. */
export function sessionLengthForPatient(level: StimulationLevel): PatientText {
  return lengthOfTime(sessionMinutes(level), false);
}

function blockWords(block: StimulationBlock): PatientText {
  const duration = lengthOfTime(block.minutes, true);
  if (block.kind === 'warm-up') return text('core.block.warmUp', { duration });
  if (block.kind === 'cool-down') return text('core.block.coolDown', { duration });
  if (block.cycle) {
    return text('core.block.cycle', { duration, onS: whole(block.cycle.onS), offS: whole(block.cycle.offS) });
  }
  return text('core.block.steady', { duration });
}

/** One level ("Weeks 1 to 2 …") in plain words, one sentence after another. */
export function describeLevelForPatient(level: StimulationLevel): PatientText[] {
  const work = level.blocks.find((b) => b.kind === 'work') ?? level.blocks[0];
  const ceilingMa = Math.min(...level.blocks.map((b) => whole(b.maxIntensityMa)));
  return [
    text('core.level.when', { weeks: weeks(level.fromWeek, level.toWeek), often: howOften(level) }),
    ...level.blocks.map(blockWords),
    ...(work
      ? [text('core.pulses', { hz: whole(work.frequencyHz), width: pulseLength(work.phaseWidthUs) })]
      : []),
    text('core.ceiling', { ceilingMa }),
    describeAim(level.evokedForceTarget),
  ];
}

export interface PatientProgrammeText {
  title: PatientText;
  placement: PatientText;
  levels: PatientText[][];
  safety: PatientText[];
}

/** A stimulation programme for the patient page and handout. */
export function describeProgrammeForPatient(programme: StimulationProgramme): PatientProgrammeText {
  const muscle = patientMuscle(programme.muscle).text;
  const side = programme.side === 'left' ? 'left' : 'right';
  const pads = programme.channels.flatMap((c) => c.electrodes);
  const where = { count: pads.length, side, muscle };
  return {
    title: text('core.programme.title', { side, muscle }),
    placement: pads[0]
      ? text('core.programme.placementSized', { ...where, sizeCm2: whole(pads[0].sizeCm2) })
      : text('core.programme.placement', where),
    levels: programme.levels.map(describeLevelForPatient),
    safety: [
      text('core.safety.stop'),
      text('core.safety.never'),
      ...(programme.intensityCap ? [text('core.safety.cap')] : []),
    ],
  };
}

/** An exercise's name for the patient: its message when it is one of Myotrophy's, else as written. */
export function exerciseName(name: string): PatientText | string {
  return Object.hasOwn(EXERCISE_NAME_KEYS, name)
    ? text(EXERCISE_NAME_KEYS[name as keyof typeof EXERCISE_NAME_KEYS])
    : name;
}

/**
 * How much of one exercise, in words: "1 set of 10 repetitions", "5 sets of 10 holds, hold each for
 * 3 seconds", "2 sets of 10 repetitions, twice a day" (0 times a day: no "a day" part).
 */
export function exerciseDose(e: Pick<Exercise, 'sets' | 'reps' | 'holdS' | 'timesPerDay'>): PatientText {
  return text('core.exercise.dose', {
    sets: whole(e.sets),
    reps: whole(e.reps),
    holdS: e.holdS ? whole(e.holdS) : 0,
    perDay: e.timesPerDay ? whole(e.timesPerDay) : 0,
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

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** A logged session in plain words; what was not given is left out ('no' selects the shorter words). */
export function describeSessionForPatient(session: PatientSession): PatientText[] {
  const peak =
    session.kind === 'stimulation' && finite(session.peakIntensityMa) ? session.peakIntensityMa : null;
  const sentences = [
    text('core.session.done', {
      kind: session.kind,
      duration: loggedLengthForPatient(session.minutes),
      completed: session.completed ? 'yes' : 'no',
      peak: peak === null ? 'no' : 'yes',
      peakMa: peak === null ? 0 : whole(peak),
    }),
  ];
  const comfort = finite(session.comfort) ? session.comfort : null;
  const pain = finite(session.pain) ? session.pain : null;
  if (comfort !== null || pain !== null) {
    const shown = comfort !== null && pain !== null ? 'both' : comfort !== null ? 'comfort' : 'pain';
    sentences.push(
      text('core.session.scores', { shown, comfort: whole(comfort ?? 0), pain: whole(pain ?? 0) }),
    );
  }
  const force = session.evokedForce;
  const seen = stepWords(force?.step);
  if (finite(force?.percentMvc))
    sentences.push(text('core.session.force', { percent: whole(force.percentMvc) }));
  else if (seen !== null) sentences.push(text('core.session.seen', { step: seen }));
  return sentences;
}

/** One week of the programme in plain words: the stimulation and the exercise that week. */
export interface PatientWeek {
  week: number;
  stimulation: PatientText;
  exercise: PatientText;
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
      stimulation: level
        ? text('core.level.weekCell', { level: whole(level.level), often: howOften(level) })
        : text('core.level.none'),
      exercise:
        stage && exercise
          ? text('core.exercise.weekCell', {
              count: whole(exercise.sessionsPerWeek),
              names: stage.exercises.map((e) => exerciseName(e.name)),
            })
          : text('core.exercise.none'),
    };
  });
}
