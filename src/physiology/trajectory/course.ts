import type { TurnoverCourse } from './muscle-turnover.ts';
import {
  AGEING_MIDPOINT_YEARS,
  AGEING_WIDTH_YEARS,
  BASELINE_SYNTHESIS_PER_DAY,
  COUNTERMEASURE_SESSIONS_SCALE_PER_WEEK,
  DEFAULT_EXERCISE_LOAD,
  EXERCISE_LOAD_FACTOR,
  type ExerciseLoad,
  NEUROGENIC_NMES_MAX_PROTECTION,
  NMES_FORCE_FULL_EFFECT_PCT_MVC,
  NMES_FORCE_NO_EFFECT_PCT_MVC,
  type NmesPopulation,
  PROTEIN_SHORTFALL_EXPONENT,
  proteinTargetGPerKg,
  SEDENTARY_SYNTHESIS_SUPPRESSION,
  STRICT_DISUSE_SCENARIOS,
  SYNTHESIS_ONSET_DAYS,
  THIGH_SHARE_OF_LEG_MUSCLE,
  TRAINING_HALF_SESSIONS_PER_WEEK,
  TRANSIENT_BREAKDOWN_DAYS,
  type TrajectoryMuscle,
  type TrajectoryPopulation,
  type TrajectoryScenario,
  UNTRAINED_MUSCLE_COUNTERMEASURE,
  WHOLE_BODY_DISUSE_SCENARIOS,
} from './parameters.ts';

/**
 * What happens to the muscle: the circumstances (scenario, muscle, age) and the treatment.
 * Days count from the start of disuse (day 0).
 */
export interface TrajectoryRegimen {
  scenario: TrajectoryScenario;
  muscle: TrajectoryMuscle;
  ageYears: number;
  /** NMES minutes a day (sessions × minutes per session); 0 for none. */
  nmesMinutesPerDay: number;
  /** Evoked force of the NMES contractions (% of maximal voluntary contraction), where recorded. */
  nmesEvokedForcePctMvc?: number;
  /** A neurogenic cause (stroke, spinal cord or nerve injury): NMES protects less. */
  neurogenic?: boolean;
  /** Day resistance training starts; Infinity for none. */
  exerciseFromDay: number;
  /** Resistance training sessions a week from that day (0 for none). */
  exerciseSessionsPerWeek: number;
  /** The load of that training; default moderate (≥ 40 % 1RM). */
  exerciseLoad?: ExerciseLoad;
  /** g/kg/day; undefined means the target for the age is met. */
  proteinGPerKgPerDay?: number;
  /** Day disuse ends; Infinity for never (within the forecast). */
  remobiliseAtDay: number;
}

/** The patient's own multipliers (1 = a typical member of the population). */
export interface PatientEffects {
  /** Scales the disuse signals (how fast disuse takes this patient's muscle). */
  severity: number;
  /** Scales the effect of NMES and resistance exercise (how well this patient responds). */
  response: number;
  /** Scales the speed of regrowth after remobilisation. */
  recovery: number;
  /** The size regrowth returns to (fraction of baseline; 1 = full recovery). */
  plateau: number;
}

export const TYPICAL_PATIENT: PatientEffects = { severity: 1, response: 1, recovery: 1, plateau: 1 };

/** The ageing curve: a logistic in age, ≈0 in young adults, ≈1 from about 70 (parameters.ts). */
export function ageingFraction(ageYears: number): number {
  return 1 / (1 + Math.exp(-(ageYears - AGEING_MIDPOINT_YEARS) / AGEING_WIDTH_YEARS));
}

/**
 * Multiplier of the disuse loss for age: rising from 1 in whole-body disuse (older adults never lose
 * less in bed rest or the ICU), falling from 1 in limb immobilisation (where older men lost less).
 */
export function ageDisuseMultiplier(
  population: TrajectoryPopulation,
  scenario: TrajectoryScenario,
  ageYears: number,
): number {
  if (scenario === 'none') return 1;
  const old = WHOLE_BODY_DISUSE_SCENARIOS.has(scenario)
    ? population.ageDisuseFactorOld
    : population.ageLimbImmobilisationFactorOld;
  return 1 + (old - 1) * ageingFraction(ageYears);
}

/** Multiplier of the regrowth speed for age: 1 when young, falling smoothly to ageRecoveryFactorOld. */
export function ageRecoveryMultiplier(population: TrajectoryPopulation, ageYears: number): number {
  return 1 - (1 - population.ageRecoveryFactorOld) * ageingFraction(ageYears);
}

/** Disuse susceptibility of a muscle relative to the quadriceps. */
export function muscleSusceptibility(population: TrajectoryPopulation, muscle: TrajectoryMuscle): number {
  if (muscle === 'quadriceps') return 1;
  if (muscle === 'leg') {
    const { thigh, calf } = population.muscleSusceptibility;
    return THIGH_SHARE_OF_LEG_MUSCLE * thigh + (1 - THIGH_SHARE_OF_LEG_MUSCLE) * calf;
  }
  return population.muscleSusceptibility[muscle];
}

/** The NMES population of a regimen: the critically ill in the ICU, neurogenic where flagged, else healthy disuse. */
export function nmesPopulationOf(
  regimen: Pick<TrajectoryRegimen, 'scenario' | 'neurogenic'>,
): NmesPopulation {
  if (regimen.scenario === 'icu') return 'critical-illness';
  return regimen.neurogenic ? 'neurogenic' : 'healthy-disuse';
}

/** Share of an NMES minute that counts, from the evoked force where recorded (parameters.ts). */
export function nmesForceFactor(evokedForcePctMvc: number | undefined): number {
  if (evokedForcePctMvc === undefined) return 1;
  const t =
    (evokedForcePctMvc - NMES_FORCE_NO_EFFECT_PCT_MVC) /
    (NMES_FORCE_FULL_EFFECT_PCT_MVC - NMES_FORCE_NO_EFFECT_PCT_MVC);
  return Math.min(1, Math.max(0, t));
}

/**
 * Share of the disuse loss NMES prevents: Pmax·D/(D + D50) (an Emax dose–response), D the effective
 * minutes a day (minutes × force factor × the patient's response). Never above the population's ceiling.
 */
export function nmesProtection(
  population: TrajectoryPopulation,
  regimen: Pick<TrajectoryRegimen, 'scenario' | 'neurogenic' | 'nmesMinutesPerDay' | 'nmesEvokedForcePctMvc'>,
  response = 1,
): number {
  const dose = regimen.nmesMinutesPerDay * nmesForceFactor(regimen.nmesEvokedForcePctMvc) * response;
  if (dose <= 0) return 0;
  const which = nmesPopulationOf(regimen);
  const ceiling =
    which === 'neurogenic' ? NEUROGENIC_NMES_MAX_PROTECTION : population.nmesMaxProtection[which];
  return (ceiling * dose) / (dose + population.nmesHalfSaturationMinPerDay);
}

/** The countermeasure ceiling of a muscle: fitted for quadriceps, thigh and calf, fixed for the others. */
export function countermeasureCeiling(population: TrajectoryPopulation, muscle: TrajectoryMuscle): number {
  const { quadriceps, thigh, calf } = population.countermeasureMaxProtection;
  switch (muscle) {
    case 'quadriceps':
    case 'rectus-femoris':
      return quadriceps;
    case 'thigh':
      return thigh;
    case 'calf':
      return calf;
    case 'leg':
      return THIGH_SHARE_OF_LEG_MUSCLE * thigh + (1 - THIGH_SHARE_OF_LEG_MUSCLE) * calf;
    case 'hamstrings':
    case 'tibialis-anterior':
      return UNTRAINED_MUSCLE_COUNTERMEASURE;
  }
}

/**
 * The share of a full training effect this training gives: its load's factor (Lasevicius 2018 compared
 * loads at the same sessions a week, so the factor scales the effect, not the sessions) times the
 * saturating effect of sessions a week × the patient's response, `saturation(sessions)`.
 */
function trainingEffect(
  regimen: TrajectoryRegimen,
  response: number,
  saturation: (sessions: number) => number,
): number {
  const load = EXERCISE_LOAD_FACTOR[regimen.exerciseLoad ?? DEFAULT_EXERCISE_LOAD];
  const sessions = regimen.exerciseSessionsPerWeek * response;
  return load > 0 && sessions > 0 ? load * saturation(sessions) : 0;
}

/** Share of the disuse loss resistance exercise prevents during strict disuse (0 when it does not train). */
export function countermeasureProtection(
  population: TrajectoryPopulation,
  regimen: TrajectoryRegimen,
  response = 1,
): number {
  if (regimen.exerciseFromDay !== 0) return 0;
  return (
    countermeasureCeiling(population, regimen.muscle) *
    trainingEffect(regimen, response, (s) => 1 - Math.exp(-s / COUNTERMEASURE_SESSIONS_SCALE_PER_WEEK))
  );
}

/** Training drive ρ of resistance exercise where the muscle is free to grow: ρmax·load·s/(s + s50). */
export function trainingDrive(
  population: TrajectoryPopulation,
  regimen: TrajectoryRegimen,
  response = 1,
): number {
  return (
    population.trainingDriveMax *
    trainingEffect(regimen, response, (s) => s / (s + TRAINING_HALF_SESSIONS_PER_WEEK))
  );
}

/** Synthesis multiplier from protein intake: 1 at or above the target, (intake/target)^0.3 below. */
export function nutritionFactor(proteinGPerKgPerDay: number | undefined, ageYears: number): number {
  if (proteinGPerKgPerDay === undefined) return 1;
  const target = proteinTargetGPerKg(ageYears);
  if (proteinGPerKgPerDay >= target) return 1;
  return (proteinGPerKgPerDay / target) ** PROTEIN_SHORTFALL_EXPONENT;
}

/** σ for a scenario with immobilisation (quadriceps, young, typical patient). */
export function scenarioSuppression(
  population: TrajectoryPopulation,
  scenario: Exclude<TrajectoryScenario, 'none' | 'sedentary'>,
): number {
  if (scenario !== 'spaceflight') return population.synthesisSuppression[scenario];
  const bedRest = population.synthesisSuppression['bed-rest'];
  const odds = (bedRest / (1 - bedRest)) * population.spaceflightRelativeToBedRest;
  return odds / (1 + odds);
}

/**
 * Turns population, regimen and patient into the rate constants of the turnover ODEs.
 *
 * The disuse intensity I = susceptibility · severity · age · (1 − NMES protection) · (1 − exercise
 * protection) scales the disuse signals: the surviving share of synthesis (1 − σ) is raised to I (so σ
 * stays in [0, 1)) and the early breakdown rise β is multiplied by it. The illness breakdown κ of critical
 * illness scales with susceptibility, severity and age only: treatment acts on disuse, not on the illness.
 * Exercise during strict disuse only protects; where the muscle is free (no disuse, sedentary, or after
 * remobilisation) it drives training growth.
 */
export function buildCourse(
  population: TrajectoryPopulation,
  regimen: TrajectoryRegimen,
  patient: PatientEffects = TYPICAL_PATIENT,
): TurnoverCourse {
  const { scenario } = regimen;
  const strict = STRICT_DISUSE_SCENARIOS.has(scenario);
  const susceptibility = muscleSusceptibility(population, regimen.muscle);
  const loss =
    susceptibility * patient.severity * ageDisuseMultiplier(population, scenario, regimen.ageYears);
  const nmes = nmesProtection(population, regimen, patient.response);
  const countermeasure = strict ? countermeasureProtection(population, regimen, patient.response) : 0;
  const intensity = loss * (1 - nmes) * (1 - countermeasure);

  let suppression = 0;
  let transient = 0;
  let sustained = 0;
  if (scenario === 'sedentary') {
    suppression = SEDENTARY_SYNTHESIS_SUPPRESSION;
  } else if (scenario !== 'none') {
    suppression = scenarioSuppression(population, scenario);
    transient = population.transientBreakdown * intensity;
    if (scenario === 'icu') sustained = population.icuSustainedBreakdown * loss;
  }
  const effectiveSuppression = suppression > 0 ? 1 - (1 - suppression) ** intensity : 0;
  const remobiliseAtDay = scenario === 'none' ? 0 : regimen.remobiliseAtDay;
  // Training grows the muscle only once it is free: from the later of the exercise start and remobilisation.
  const trainingFromDay = strict
    ? Math.max(regimen.exerciseFromDay, remobiliseAtDay)
    : regimen.exerciseFromDay;

  return {
    baselineSynthesisPerDay: BASELINE_SYNTHESIS_PER_DAY,
    disuseHomeostasisExponent: population.disuseHomeostasisExponent,
    recoveryHomeostasisExponent:
      population.recoveryHomeostasisExponent *
      ageRecoveryMultiplier(population, regimen.ageYears) *
      patient.recovery,
    trainingHomeostasisExponent: population.trainingHomeostasisExponent,
    synthesisSuppression: effectiveSuppression,
    suppressionOnsetDays: SYNTHESIS_ONSET_DAYS,
    transientBreakdown: transient,
    transientBreakdownDays: TRANSIENT_BREAKDOWN_DAYS,
    sustainedBreakdown: sustained,
    nutritionFactor: nutritionFactor(regimen.proteinGPerKgPerDay, regimen.ageYears),
    recoveryPlateau: patient.plateau,
    recoveryResidualShare: population.recoveryResidualShare,
    trainingDrive: trainingDrive(population, regimen, patient.response),
    remobiliseAtDay,
    trainingFromDay,
  };
}
