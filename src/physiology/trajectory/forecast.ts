import { InvalidInputError } from '../../shared/invalid-input.ts';
import { requireOneOf } from '../../shared/one-of.ts';
import { trajectoryWithBand } from './band.ts';
import { describeForecastBasis } from './basis.ts';
import { nutritionFactor, type TrajectoryRegimen } from './course.ts';
import { effectsOf, fitPatient } from './individual.ts';
import {
  type CircumferenceGeometry,
  defaultGeometry,
  impliedErrorPct,
  impliedMuscleChangePct,
  type PatientMeasurement,
  validateMeasurement,
} from './measurement.ts';
import {
  DEFAULT_AGE_YEARS,
  DEFAULT_EXERCISE_LOAD,
  DEFAULT_EXERCISE_SESSIONS_PER_WEEK,
  DEFAULT_NMES_MINUTES_PER_SESSION,
  DEFAULT_NMES_SESSIONS_PER_DAY,
  EXERCISE_LOADS,
  type ExerciseLoad,
  MAX_EXERCISE_SESSIONS_PER_WEEK,
  MAX_PROTEIN_G_PER_KG,
  MIN_EXERCISE_SESSIONS_PER_WEEK,
  SEXES,
  type Sex,
  TRAJECTORY_MUSCLES,
  TRAJECTORY_SCENARIOS,
  type TrajectoryMuscle,
  type TrajectoryPopulation,
  type TrajectoryScenario,
} from './parameters.ts';
import { POPULATION } from './population.ts';

/** Longest forecast (days): ten years. */
export const MAX_FORECAST_DAYS = 3650;
export const MIN_AGE_YEARS = 18;
export const MAX_AGE_YEARS = 110;
export const MAX_NMES_SESSIONS_PER_DAY = 6;
export const MAX_NMES_MINUTES_PER_SESSION = 120;

export interface ForecastInput {
  scenario: TrajectoryScenario;
  muscle: TrajectoryMuscle;
  /** Forecast horizon (whole days, 1–3650), counted from the start of disuse. */
  days: number;
  ageYears?: number;
  sex?: Sex;
  /** NMES sessions a day (whole, 1–6); absent or 0 for none. */
  nmesSessionsPerDay?: number;
  /** Minutes per NMES session (1–120); default 40 when sessions are given. Needs sessions. */
  nmesMinutesPerSession?: number;
  /** Evoked force of the NMES contractions, % of maximal voluntary contraction (0–100), where recorded. */
  nmesEvokedForcePctMvc?: number;
  /** A neurogenic cause (stroke, spinal cord or partial nerve injury): NMES protects less. */
  neurogenic?: boolean;
  /** Resistance exercise from day 0. */
  resistanceExercise?: boolean;
  /**
   * Resistance training sessions a week (1–7, fractions allowed: 3.5 is every other day); default 3
   * (DEFAULT_EXERCISE_SESSIONS_PER_WEEK) when resistanceExercise is true. Needs resistanceExercise.
   */
  exerciseSessionsPerWeek?: number;
  /** The training load (high, moderate, low-to-failure, low); default moderate. Needs resistanceExercise. */
  exerciseLoad?: ExerciseLoad;
  /** Protein intake, g/kg/day (0–4). */
  proteinGPerKgPerDay?: number;
  /** Whole day (1..days) on which disuse ends; not with scenario `none`. */
  remobiliseAtDay?: number;
  /** The patient's own measurements of this muscle (day ≤ days, whole days). */
  measurements?: readonly PatientMeasurement[];
  /** Subcutaneous fat thickness at the circumference site (cm), if measured; else a default by sex. */
  subcutaneousFatCm?: number;
}

export interface ForecastDay {
  day: number;
  /** Muscle CSA/volume change from baseline (%), the most probable value. */
  changePct: number;
  /** 10th and 90th percentiles (central 80 % band). */
  lowPct: number;
  highPct: number;
}

export interface MeasurementPoint {
  day: number;
  kind: PatientMeasurement['kind'];
  /** The muscle CSA change (%) the measurement implies. */
  impliedChangePct: number;
  /** Its measurement error as CSA percentage points (1 SD). */
  errorPct: number;
}

export interface ForecastResult {
  scenario: TrajectoryScenario;
  muscle: TrajectoryMuscle;
  days: ForecastDay[];
  changePctAtEnd: number;
  lowPctAtEnd: number;
  highPctAtEnd: number;
  /**
   * The patient's estimated multipliers (1 = typical; plateau is the size regrowth returns to) and how
   * many measurements informed them; logCovariance is over (ln severity, ln response, ln recovery,
   * ln plateau).
   */
  patient: {
    severity: number;
    response: number;
    recovery: number;
    plateau: number;
    logCovariance: number[][];
    measurementsUsed: number;
  };
  measurements: MeasurementPoint[];
  /** In words, what the forecast rests on and how sure it is (basis.ts). */
  basis: string[];
}

function requireWhole(label: string, value: unknown, min: number, max: number, unit = ''): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(
      `${label} must be a whole number from ${min} to ${max}${unit ? ` ${unit}` : ''}; got ${String(value)}`,
    );
  }
  return value;
}

function requireNumber(label: string, value: unknown, min: number, max: number, unit: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidInputError(
      `${label} must be a number from ${min} to ${max} ${unit}; got ${String(value)}`,
    );
  }
  return value;
}

/** A validated forecast input turned into the model's regimen, geometry and measurements. */
export interface PreparedForecast {
  regimen: TrajectoryRegimen;
  days: number;
  geometry: CircumferenceGeometry;
  measurements: PatientMeasurement[];
}

/** Checks a forecast input; every message says what is wrong and what is allowed. */
export function prepareForecast(input: ForecastInput): PreparedForecast {
  requireOneOf('scenario', input.scenario, TRAJECTORY_SCENARIOS);
  requireOneOf('muscle', input.muscle, TRAJECTORY_MUSCLES);
  const days = requireWhole('days', input.days, 1, MAX_FORECAST_DAYS);
  const ageYears =
    input.ageYears === undefined
      ? DEFAULT_AGE_YEARS
      : requireNumber('age', input.ageYears, MIN_AGE_YEARS, MAX_AGE_YEARS, 'years');
  if (input.sex !== undefined) requireOneOf('sex', input.sex, SEXES);
  const sessions =
    input.nmesSessionsPerDay === undefined || input.nmesSessionsPerDay === 0
      ? 0
      : requireWhole('NMES sessions per day', input.nmesSessionsPerDay, 0, MAX_NMES_SESSIONS_PER_DAY);
  if (input.nmesMinutesPerSession !== undefined && sessions === 0) {
    throw new InvalidInputError(
      'NMES minutes per session needs NMES sessions per day (1–6); give both, or neither for no NMES',
    );
  }
  const minutes =
    input.nmesMinutesPerSession === undefined
      ? DEFAULT_NMES_MINUTES_PER_SESSION
      : requireNumber(
          'NMES minutes per session',
          input.nmesMinutesPerSession,
          1,
          MAX_NMES_MINUTES_PER_SESSION,
          'min',
        );
  const protein =
    input.proteinGPerKgPerDay === undefined
      ? undefined
      : requireNumber('protein', input.proteinGPerKgPerDay, 0, MAX_PROTEIN_G_PER_KG, 'g/kg/day');
  let remobiliseAtDay = Number.POSITIVE_INFINITY;
  if (input.remobiliseAtDay !== undefined) {
    if (input.scenario === 'none') {
      throw new InvalidInputError(
        `remobilise-at needs a disuse scenario (${TRAJECTORY_SCENARIOS.filter((s) => s !== 'none').join(', ')}); scenario 'none' has nothing to end`,
      );
    }
    remobiliseAtDay = requireWhole(
      'remobilise-at day',
      input.remobiliseAtDay,
      1,
      days,
      `(the forecast's days)`,
    );
  }
  if (input.resistanceExercise !== undefined && typeof input.resistanceExercise !== 'boolean') {
    throw new InvalidInputError('resistanceExercise must be true or false');
  }
  if (input.exerciseSessionsPerWeek !== undefined && input.resistanceExercise !== true) {
    throw new InvalidInputError(
      `exercise sessions per week needs resistance exercise; give resistanceExercise true with ${MIN_EXERCISE_SESSIONS_PER_WEEK}–${MAX_EXERCISE_SESSIONS_PER_WEEK} sessions a week, or neither`,
    );
  }
  const exerciseSessionsPerWeek = !input.resistanceExercise
    ? 0
    : input.exerciseSessionsPerWeek === undefined
      ? DEFAULT_EXERCISE_SESSIONS_PER_WEEK
      : requireNumber(
          'exercise sessions per week',
          input.exerciseSessionsPerWeek,
          MIN_EXERCISE_SESSIONS_PER_WEEK,
          MAX_EXERCISE_SESSIONS_PER_WEEK,
          'sessions a week',
        );
  if (input.exerciseLoad !== undefined) {
    if (input.resistanceExercise !== true) {
      throw new InvalidInputError(
        `exercise load needs resistance exercise; give resistanceExercise true with a load of ${EXERCISE_LOADS.join(', ')}, or neither`,
      );
    }
    requireOneOf('exercise load', input.exerciseLoad, EXERCISE_LOADS);
  }
  if (input.nmesEvokedForcePctMvc !== undefined) {
    if (sessions === 0) {
      throw new InvalidInputError(
        'NMES evoked force needs NMES sessions per day (1–6); give both, or neither for no NMES',
      );
    }
    requireNumber(
      'NMES evoked force',
      input.nmesEvokedForcePctMvc,
      0,
      100,
      '% of maximal voluntary contraction',
    );
  }
  if (input.neurogenic !== undefined && typeof input.neurogenic !== 'boolean') {
    throw new InvalidInputError('neurogenic must be true or false');
  }
  const geometry = defaultGeometry(input.muscle, input.sex);
  if (input.subcutaneousFatCm !== undefined) {
    geometry.fatCm = requireNumber('subcutaneous fat', input.subcutaneousFatCm, 0, 10, 'cm');
  }
  const measurements = [...(input.measurements ?? [])];
  measurements.forEach((m, i) => {
    validateMeasurement(m, i, days);
    requireWhole(`measurement ${i + 1}: day`, m.day, 0, days, `(the forecast's days)`);
  });
  return {
    regimen: {
      scenario: input.scenario,
      muscle: input.muscle,
      ageYears,
      nmesMinutesPerDay: sessions * minutes,
      ...(input.nmesEvokedForcePctMvc !== undefined
        ? { nmesEvokedForcePctMvc: input.nmesEvokedForcePctMvc }
        : {}),
      ...(input.neurogenic ? { neurogenic: true } : {}),
      exerciseFromDay: input.resistanceExercise ? 0 : Number.POSITIVE_INFINITY,
      exerciseSessionsPerWeek,
      exerciseLoad: input.exerciseLoad ?? DEFAULT_EXERCISE_LOAD,
      proteinGPerKgPerDay: protein,
      remobiliseAtDay,
    },
    days,
    geometry,
    measurements,
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000 || 0;

/**
 * Forecasts the muscle's size, day by day, with an 80 % band. With measurements, the patient's own
 * multipliers are estimated first (Bayesian, the population as prior) and the band narrows.
 */
export function forecastMuscle(
  input: ForecastInput,
  population: TrajectoryPopulation = POPULATION,
): ForecastResult {
  const prepared = prepareForecast(input);
  const { regimen, days, geometry, measurements } = prepared;
  const posterior = fitPatient(population, regimen, measurements, geometry);
  const { centre, low, high } = trajectoryWithBand(population, regimen, posterior, days);
  const out: ForecastDay[] = new Array(days + 1);
  for (let day = 0; day <= days; day += 1) {
    out[day] = {
      day,
      changePct: round(centre[day] as number),
      lowPct: round(low[day] as number),
      highPct: round(high[day] as number),
    };
  }
  const effects = effectsOf(posterior.logEffects);
  const basis = describeForecastBasis({
    scenario: regimen.scenario,
    ageYears: regimen.ageYears,
    measurementsUsed: posterior.measurementsUsed,
    bandWidthPct: (high[days] as number) - (low[days] as number),
    days,
    nmes: regimen.nmesMinutesPerDay > 0,
    neurogenic: regimen.neurogenic === true,
    proteinBelowTarget: nutritionFactor(regimen.proteinGPerKgPerDay, regimen.ageYears) < 1,
  });
  return {
    scenario: input.scenario,
    muscle: input.muscle,
    days: out,
    changePctAtEnd: round(centre[days] as number),
    lowPctAtEnd: round(low[days] as number),
    highPctAtEnd: round(high[days] as number),
    patient: {
      severity: effects.severity,
      response: effects.response,
      recovery: effects.recovery,
      plateau: effects.plateau,
      logCovariance: posterior.covariance,
      measurementsUsed: posterior.measurementsUsed,
    },
    measurements: measurements.map((m) => ({
      day: m.day,
      kind: m.kind,
      impliedChangePct: round(impliedMuscleChangePct(m, geometry)),
      errorPct: round(impliedErrorPct(m, geometry)),
    })),
    basis,
  };
}

export interface ScenarioOutcome {
  changePctAtEnd: number;
  lowPctAtEnd: number;
  highPctAtEnd: number;
}

export interface ScenarioComparison {
  day: number;
  nmesSessionsPerDay: number;
  nmesMinutesPerSession: number;
  /** Resistance training sessions a week in the stimulation + exercise scenario. */
  exerciseSessionsPerWeek: number;
  noTreatment: ScenarioOutcome;
  stimulation: ScenarioOutcome;
  stimulationAndExercise: ScenarioOutcome;
  /** Muscle saved at the day, percentage points of baseline, versus no treatment. */
  savedByStimulationPct: number;
  savedByStimulationAndExercisePct: number;
}

/** The three scenario arms' forecasts, and the doses they were run with. */
export interface ScenarioForecasts {
  nmesSessionsPerDay: number;
  nmesMinutesPerSession: number;
  exerciseSessionsPerWeek: number;
  noTreatment: ForecastResult;
  stimulation: ForecastResult;
  stimulationAndExercise: ForecastResult;
}

/**
 * No treatment vs stimulation vs stimulation + resistance exercise, for the same patient and
 * circumstances (the input's NMES dose, or 2 × 40 min a day after Dirks 2014 if none is given; the
 * input's exercise sessions a week, or 3): each arm's whole forecast.
 */
export function forecastScenarios(
  input: ForecastInput,
  population: TrajectoryPopulation = POPULATION,
): ScenarioForecasts {
  const sessions = input.nmesSessionsPerDay || DEFAULT_NMES_SESSIONS_PER_DAY;
  const minutes = input.nmesMinutesPerSession ?? DEFAULT_NMES_MINUTES_PER_SESSION;
  const exerciseSessions = input.exerciseSessionsPerWeek ?? DEFAULT_EXERCISE_SESSIONS_PER_WEEK;
  const base: ForecastInput = { ...input, resistanceExercise: false };
  delete base.nmesSessionsPerDay;
  delete base.nmesMinutesPerSession;
  delete base.nmesEvokedForcePctMvc;
  delete base.exerciseSessionsPerWeek;
  delete base.exerciseLoad;
  const stimulated: ForecastInput = {
    ...base,
    nmesSessionsPerDay: sessions,
    nmesMinutesPerSession: minutes,
    ...(input.nmesEvokedForcePctMvc !== undefined
      ? { nmesEvokedForcePctMvc: input.nmesEvokedForcePctMvc }
      : {}),
  };
  return {
    nmesSessionsPerDay: sessions,
    nmesMinutesPerSession: minutes,
    exerciseSessionsPerWeek: exerciseSessions,
    noTreatment: forecastMuscle(base, population),
    stimulation: forecastMuscle(stimulated, population),
    stimulationAndExercise: forecastMuscle(
      {
        ...stimulated,
        resistanceExercise: true,
        exerciseSessionsPerWeek: exerciseSessions,
        ...(input.exerciseLoad !== undefined ? { exerciseLoad: input.exerciseLoad } : {}),
      },
      population,
    ),
  };
}

/** The scenario arms compared at the input's last day (forecastScenarios' outcomes). */
export function compareScenarios(
  input: ForecastInput,
  population: TrajectoryPopulation = POPULATION,
): ScenarioComparison {
  return comparisonOf(input, forecastScenarios(input, population));
}

/** The comparison of forecast scenario arms at the input's last day. */
export function comparisonOf(input: ForecastInput, arms: ScenarioForecasts): ScenarioComparison {
  const outcome = (f: ForecastResult): ScenarioOutcome => ({
    changePctAtEnd: f.changePctAtEnd,
    lowPctAtEnd: f.lowPctAtEnd,
    highPctAtEnd: f.highPctAtEnd,
  });
  const noTreatment = outcome(arms.noTreatment);
  const stimulation = outcome(arms.stimulation);
  const stimulationAndExercise = outcome(arms.stimulationAndExercise);
  return {
    day: input.days,
    nmesSessionsPerDay: arms.nmesSessionsPerDay,
    nmesMinutesPerSession: arms.nmesMinutesPerSession,
    exerciseSessionsPerWeek: arms.exerciseSessionsPerWeek,
    noTreatment,
    stimulation,
    stimulationAndExercise,
    savedByStimulationPct: round(stimulation.changePctAtEnd - noTreatment.changePctAtEnd),
    savedByStimulationAndExercisePct: round(
      stimulationAndExercise.changePctAtEnd - noTreatment.changePctAtEnd,
    ),
  };
}
