import type { TurnoverCourse, TurnoverRateDerivatives } from './muscle-turnover.ts';
import {
  AGE_EFFECT_FULL_YEARS,
  AGE_EFFECT_START_YEARS,
  BASELINE_SYNTHESIS_PER_DAY,
  PROTEIN_SHORTFALL_EXPONENT,
  proteinTargetGPerKg,
  SEDENTARY_SYNTHESIS_SUPPRESSION,
  SYNTHESIS_ONSET_DAYS,
  THIGH_SHARE_OF_LEG_MUSCLE,
  TRANSIENT_BREAKDOWN_DAYS,
  type TrajectoryMuscle,
  type TrajectoryPopulation,
  type TrajectoryScenario,
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
  /** Day resistance training starts; Infinity for none. */
  exerciseFromDay: number;
  /** Resistance training sessions a week from that day (0 for none). */
  exerciseSessionsPerWeek: number;
  /** g/kg/day; undefined means the target for the age is met. */
  proteinGPerKgPerDay?: number;
  /** Day disuse ends; Infinity for never (within the forecast). */
  remobiliseAtDay: number;
}

/** The patient's own multipliers (1 = a typical member of the population). */
export interface PatientEffects {
  /** Scales the disuse signals (how hard disuse hits this patient). */
  severity: number;
  /** Scales the effect of NMES and resistance exercise (how well this patient responds). */
  response: number;
}

export const TYPICAL_PATIENT: PatientEffects = { severity: 1, response: 1 };

/** 0 at age ≤ 25, 1 at age ≥ 70, linear between: how far the age effects have gone. */
export function ageFraction(ageYears: number): number {
  const t = (ageYears - AGE_EFFECT_START_YEARS) / (AGE_EFFECT_FULL_YEARS - AGE_EFFECT_START_YEARS);
  return Math.min(1, Math.max(0, t));
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

/** Fraction of the disuse signals NMES blocks at this dose: 1 − exp(−minutes·response / dose constant). */
export function nmesProtection(
  population: TrajectoryPopulation,
  minutesPerDay: number,
  response = 1,
): number {
  return 1 - Math.exp((-minutesPerDay * response) / population.nmesDoseConstantMinPerDay);
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

/** Turns population, regimen and patient into the rate constants of the turnover ODE. */
export function buildCourse(
  population: TrajectoryPopulation,
  regimen: TrajectoryRegimen,
  patient: PatientEffects = TYPICAL_PATIENT,
): TurnoverCourse {
  const { scenario } = regimen;
  const age = ageFraction(regimen.ageYears);
  const ageDisuse = 1 - age * (1 - population.ageDisuseFactorAt70);
  const ageRegrowth = 1 - age * (1 - population.ageRegrowthFactorAt70);
  const nmes = nmesProtection(population, regimen.nmesMinutesPerDay, patient.response);
  const susceptibility = muscleSusceptibility(population, regimen.muscle);
  const intensity = susceptibility * patient.severity * (1 - nmes);

  let suppression = 0;
  let transient = 0;
  let sustained = 0;
  if (scenario === 'sedentary') {
    suppression = SEDENTARY_SYNTHESIS_SUPPRESSION;
  } else if (scenario !== 'none') {
    suppression = scenarioSuppression(population, scenario);
    transient = population.transientBreakdown * intensity * ageDisuse;
    if (scenario === 'icu') sustained = population.icuSustainedBreakdown * intensity;
  }
  // The fraction of synthesis that survives disuse, (1 − σ), is raised to the intensity, so σ stays in [0, 1).
  const effectiveSuppression = suppression > 0 ? 1 - (1 - suppression) ** (intensity * ageDisuse) : 0;

  return {
    baselineSynthesisPerDay: BASELINE_SYNTHESIS_PER_DAY,
    homeostasisExponent: population.homeostasisExponent * ageRegrowth,
    synthesisSuppression: effectiveSuppression,
    suppressionOnsetDays: SYNTHESIS_ONSET_DAYS,
    transientBreakdown: transient,
    transientBreakdownDays: TRANSIENT_BREAKDOWN_DAYS,
    sustainedBreakdown: sustained,
    nutritionFactor: nutritionFactor(regimen.proteinGPerKgPerDay, regimen.ageYears),
    exerciseAnabolicDrive:
      population.exerciseDrivePerWeeklySession *
      regimen.exerciseSessionsPerWeek *
      susceptibility *
      patient.response *
      ageRegrowth,
    remobiliseAtDay: scenario === 'none' ? 0 : regimen.remobiliseAtDay,
    exerciseFromDay: regimen.exerciseFromDay,
  };
}

/**
 * Derivatives of a course's disuse and training rates with respect to the patient's log multipliers,
 * ln severity and ln response, at `course = buildCourse(population, regimen, patient)`.
 *
 * Severity and response enter through the disuse intensity I = susceptibility · severity ·
 * e^(−minutes·response/D) (D the NMES dose constant) and through ρ ∝ response. With g = ∂ln I/∂q:
 *   β = β0·I·(age) and κ = κ0·I give ∂β/∂q = β·g, ∂κ/∂q = κ·g;
 *   1 − σ = (1 − σ0)^(I·age) gives ∂σ/∂q = −(1 − σ)·ln(1 − σ)·g;
 *   ∂ρ/∂ln response = ρ, ∂ρ/∂ln severity = 0;
 * and g = 1 for ln severity, g = −minutes·response/D for ln response.
 */
export function logEffectDerivatives(
  population: TrajectoryPopulation,
  regimen: TrajectoryRegimen,
  course: TurnoverCourse,
  patient: PatientEffects,
): { severity: TurnoverRateDerivatives; response: TurnoverRateDerivatives } {
  const survives = 1 - course.synthesisSuppression;
  const suppressionSlope = survives > 0 && survives < 1 ? -survives * Math.log(survives) : 0;
  const g = (-regimen.nmesMinutesPerDay * patient.response) / population.nmesDoseConstantMinPerDay;
  return {
    severity: {
      synthesisSuppression: suppressionSlope,
      transientBreakdown: course.transientBreakdown,
      sustainedBreakdown: course.sustainedBreakdown,
      exerciseAnabolicDrive: 0,
    },
    response: {
      synthesisSuppression: suppressionSlope * g,
      transientBreakdown: course.transientBreakdown * g,
      sustainedBreakdown: course.sustainedBreakdown * g,
      exerciseAnabolicDrive: course.exerciseAnabolicDrive,
    },
  };
}
