/**
 * The expected result of a draft programme: a simulated session (force and fatigue over the level-1
 * work block, ../physiology/simulate.ts) and the muscle trajectory with and without the programme
 * (../physiology/trajectory-forecast.ts). Kept apart from the rules so planning never waits on it.
 *
 * What the models cannot say is said, not guessed: the force models are for innervated muscle
 * stimulated with short pulses (Ding 2003/2007, Ben Hmed 2018), and the trajectory model for disuse
 * of innervated muscle; a denervated-muscle programme gets no force or trajectory preview.
 */
import { FORCE_MODELS, type ModelId } from '../../physiology/force/model.ts';
import { buildProgrammeTrain } from '../../physiology/force/programme-train.ts';
import { simulateForce } from '../../physiology/force/simulate.ts';
import {
  forecastMuscle,
  MAX_NMES_MINUTES_PER_SESSION,
  MAX_NMES_SESSIONS_PER_DAY,
} from '../../physiology/trajectory/forecast.ts';
import {
  type ExerciseLoad,
  TRAJECTORY_SCENARIOS,
  type TrajectoryScenario,
} from '../../physiology/trajectory/parameters.ts';
import { requireOneOf } from '../../shared/one-of.ts';
import { lookupMuscle } from '../anatomy/electrode-sites.ts';
import { programmeLoadOver } from './exercise-load.ts';
import type { DraftProgramme } from './plan.ts';
import { sessionMinutes } from './stimulation-types.ts';

const LOAD_WORDS: Record<ExerciseLoad, string> = {
  high: 'heavy loads, which build muscle',
  moderate: 'sets of up to 15 repetitions to near failure, which build muscle',
  'low-to-failure': 'light loads to failure, which build about half as much muscle',
  low: 'range-of-motion and holding work, which keeps joints moving but does not build muscle',
};

/** Force model for the session preview: Ding 2007 with fatigue responds to pulse width (set from chronaxie). */
export const PREVIEW_MODEL: ModelId = 'ding2007-fatigue';

export interface SessionPreview {
  model: ModelId;
  modelSource: string;
  /** What was simulated, in the programme's words. */
  simulated: string;
  contractions: number;
  pulses: number;
  peakForceN: number;
  firstContractionPeakN: number;
  lastContractionPeakN: number;
  /** Last contraction's peak over the first's. */
  fatigueIndex: number;
  /** The fatigue index in words, e.g. "force at the end is 114 % of the start (potentiation)". */
  fatigueWords: string;
  forceTimeIntegralNs: number;
  note: string;
}

export interface TrajectoryPreview {
  scenario: TrajectoryScenario;
  muscle: string;
  days: number;
  assumptions: string[];
  withProgramme: { day: number; changePct: number; lowPct: number; highPct: number }[];
  withoutProgramme: { day: number; changePct: number; lowPct: number; highPct: number }[];
  changePctAtEnd: { withProgramme: number; withoutProgramme: number };
}

export interface ProgrammePreview {
  session: SessionPreview | null;
  sessionNotModelled?: string;
  trajectory: TrajectoryPreview | null;
  trajectoryNotModelled?: string;
}

export interface PreviewOptions {
  /** The circumstances of disuse over the programme; default: the cause when it is a disuse scenario, else 'none'. */
  scenario?: TrajectoryScenario;
  causeId?: string;
  /** Forecast horizon (days); default: the programme's length. */
  days?: number;
  /** Day the disuse ends, when it ends within the horizon. */
  remobiliseAtDay?: number;
}

/** A programme for denervated muscle (long pulses): neither model describes it, and the preview says so. */
const DENERVATED_NOT_MODELLED: ProgrammePreview = {
  session: null,
  sessionNotModelled:
    'The force models (Ding 2003/2007, Ben Hmed 2018) describe innervated muscle driven through its nerve by short pulses; they do not model denervated muscle fibres excited by long pulses.',
  trajectory: null,
  trajectoryNotModelled:
    'The trajectory model is calibrated on disuse of innervated muscle; it does not forecast denervated muscle.',
};

/** The session preview of an NMES (innervated muscle) draft. */
function sessionPreview(draft: DraftProgramme): Pick<ProgrammePreview, 'session' | 'sessionNotModelled'> {
  const work = draft.stimulation.levels[0]?.blocks.find((b) => b.kind === 'work');
  if (!work?.cycle)
    return {
      session: null,
      sessionNotModelled: 'The programme has no level-1 work block with contractions.',
    };
  const model = FORCE_MODELS[PREVIEW_MODEL];
  const periodS = work.cycle.onS + work.cycle.offS;
  const repetitions = Math.max(1, Math.floor((work.minutes * 60) / periodS));
  const { train, contractionStartsS, endS } = buildProgrammeTrain(
    {
      frequencyHz: work.frequencyHz,
      onS: work.cycle.onS,
      offS: work.cycle.offS,
      repetitions,
      pulseWidthUs: work.phaseWidthUs,
      rampUpS: work.cycle.rampUpS,
      rampDownS: work.cycle.rampDownS,
    },
    model,
  );
  const result = simulateForce(model, train, { contractionStartsS, endS });
  const first = result.contractions[0]?.peakForceN ?? 0;
  const last = result.contractions.at(-1)?.peakForceN ?? 0;
  return {
    session: {
      model: PREVIEW_MODEL,
      modelSource: model.source,
      simulated: `level 1 work block: ${repetitions} contractions of ${work.cycle.onS} s on / ${work.cycle.offS} s off at ${work.frequencyHz} Hz, ${work.phaseWidthUs} µs phases, ramps ${work.cycle.rampUpS} / ${work.cycle.rampDownS} s`,
      contractions: result.contractions.length,
      pulses: train.timesS.length,
      peakForceN: result.peakForceN,
      firstContractionPeakN: first,
      lastContractionPeakN: last,
      fatigueIndex: result.fatigueIndex,
      fatigueWords: describeFatigueIndex(result.fatigueIndex),
      forceTimeIntegralNs: result.forceTimeIntegralNs,
      note: "Published parameters of healthy quadriceps, not this person's muscle; identify the person's own parameters from a force recording for a personal forecast. Ding 2007 responds to pulse width, not to current, so intensity is assumed to recruit the same fibres throughout.",
    },
  };
}

/**
 * The fatigue index (last contraction's peak over the first's) in words, as a whole percentage:
 * above 100 % the muscle grew stronger over the session (potentiation), below it tired (fatigue).
 */
export function describeFatigueIndex(fatigueIndex: number): string {
  if (!Number.isFinite(fatigueIndex) || fatigueIndex < 0)
    return 'force at the end could not be compared with the start';
  const pct = Math.round(fatigueIndex * 100);
  const meaning = pct > 100 ? 'potentiation' : pct < 100 ? 'fatigue' : 'no change';
  return `force at the end is ${pct} % of the start (${meaning})`;
}

function scenarioFor(draft: DraftProgramme, options: PreviewOptions): TrajectoryScenario {
  // Checked against TRAJECTORY_SCENARIOS in previewProgramme, before anything runs.
  if (options.scenario !== undefined) return options.scenario;
  const cause = options.causeId ?? draft.diagnosis.cause?.id;
  if (
    draft.goal === 'prevent-disuse-atrophy' &&
    cause &&
    (TRAJECTORY_SCENARIOS as readonly string[]).includes(cause)
  ) {
    return cause as TrajectoryScenario;
  }
  return 'none';
}

/** The trajectory preview of an NMES (innervated muscle) draft, with and without the programme. */
function trajectoryPreview(
  draft: DraftProgramme,
  options: PreviewOptions,
): Pick<ProgrammePreview, 'trajectory' | 'trajectoryNotModelled'> {
  const stim = draft.stimulation;
  const forecastMuscleId = lookupMuscle(stim.muscle).forecastMuscle;
  if (!forecastMuscleId) {
    return {
      trajectory: null,
      trajectoryNotModelled: `The trajectory model has no calibration for the ${stim.muscle}; it forecasts quadriceps, rectus femoris, hamstrings, thigh, calf, tibialis anterior and whole leg.`,
    };
  }
  const lastWeek = Math.max(...stim.levels.map((l) => l.toWeek));
  const days = options.days ?? lastWeek * 7;
  const level1 = stim.levels[0];
  const sessionsPerDay = Math.min(
    MAX_NMES_SESSIONS_PER_DAY,
    Math.max(1, Math.round(level1?.sessionsPerDay ?? 1)),
  );
  const minutes = Math.min(MAX_NMES_MINUTES_PER_SESSION, level1 ? sessionMinutes(level1) : 0);
  const scenario = scenarioFor(draft, options);
  // A limb in a cast or brace cannot be loaded: the prescribed exercise starts once it is free, and
  // the forecast does not credit it before then.
  const immobilised = scenario === 'cast' || scenario === 'brace';
  const load = immobilised ? null : programmeLoadOver(draft.exercise.stages, days);
  const resistanceExercise = load !== null;
  const assumptions = [
    `NMES ${sessionsPerDay} × ${minutes} min a day every day${level1 && level1.sessionsPerWeek < 7 * sessionsPerDay ? ` (the programme has ${level1.sessionsPerWeek} sessions a week: the model takes whole sessions per day, so this overstates the dose)` : ''}.`,
    immobilised
      ? 'With the programme: protein at the target; no resistance exercise is credited while the limb is immobilised. Without: neither.'
      : `With the programme: resistance exercise as prescribed (${load === null ? 'no stage in this period' : LOAD_WORDS[load.load]}), protein at the target; without: neither.`,
    `Scenario '${scenario}'${scenario === 'none' ? ' (habitual activity: the disuse is over)' : ''}.`,
  ];
  const common = {
    scenario,
    muscle: forecastMuscleId,
    days,
    ageYears: draft.patient.ageYears,
    ...(draft.patient.sex !== undefined ? { sex: draft.patient.sex } : {}),
    ...(options.remobiliseAtDay !== undefined ? { remobiliseAtDay: options.remobiliseAtDay } : {}),
  };
  const protein = draft.protein.minGPerKgPerDay;
  const withProgramme = forecastMuscle({
    ...common,
    nmesSessionsPerDay: sessionsPerDay,
    nmesMinutesPerSession: minutes,
    resistanceExercise,
    ...(load !== null
      ? { exerciseSessionsPerWeek: draft.exercise.sessionsPerWeek, exerciseLoad: load.load }
      : {}),
    ...(protein !== null ? { proteinGPerKgPerDay: protein } : {}),
  });
  const withoutProgramme = forecastMuscle(common);
  const strip = (d: { day: number; changePct: number; lowPct: number; highPct: number }) => ({
    day: d.day,
    changePct: d.changePct,
    lowPct: d.lowPct,
    highPct: d.highPct,
  });
  return {
    trajectory: {
      scenario,
      muscle: forecastMuscleId,
      days,
      assumptions,
      withProgramme: withProgramme.days.map(strip),
      withoutProgramme: withoutProgramme.days.map(strip),
      changePctAtEnd: {
        withProgramme: withProgramme.changePctAtEnd,
        withoutProgramme: withoutProgramme.changePctAtEnd,
      },
    },
  };
}

/** Simulated session and trajectory with and without the programme, for a draft. */
export function previewProgramme(draft: DraftProgramme, options: PreviewOptions = {}): ProgrammePreview {
  // Check the enumerated option before any simulation runs.
  if (options.scenario !== undefined) requireOneOf('scenario', options.scenario, TRAJECTORY_SCENARIOS);
  if (draft.stimulation.kind !== 'nmes') return { ...DENERVATED_NOT_MODELLED };
  return { ...sessionPreview(draft), ...trajectoryPreview(draft, options) };
}
