import { trajectoryWithBand } from './band.ts';
import { leaveOneStudyOut } from './calibration.ts';
import { PRIOR_POSTERIOR } from './individual.ts';
import type { TrajectoryPopulation } from './parameters.ts';
import { measuredChangePct, regimenOf, type StudyObservation } from './studies.ts';

/**
 * Validation of the trajectory model against the calibration set, as `myotrophy forecast --validate`
 * prints it: every arm forecast by the model refitted without its study (leave one study out), with the
 * 80 % band a typical patient's forecast carries, and the summary figures the model is held to.
 */
export interface ArmValidation {
  study: string;
  scenario: string;
  muscle: string;
  measure: string;
  day: number;
  intervention: string;
  observedPct: number;
  /** Forecast by the population fitted to every other study. */
  predictedPct: number;
  errorPct: number;
  tolerancePct: number;
  withinTolerance: boolean;
  /** The forecast's 80 % band for a typical patient, in the study's measure. */
  lowPct: number;
  highPct: number;
  withinBand: boolean;
}

export interface ValidationSummary {
  arms: number;
  studies: number;
  withinTolerance: number;
  /** Share of arms whose observed change lies inside the forecast's 80 % band. */
  bandCoverage: number;
  rmsErrorPct: number;
}

/** The agreement goals: within tolerance on ≥ 22 of 24 arms (the same share of a larger set), coverage 70–90 %. */
export const VALIDATION_GOALS = {
  withinToleranceShare: 22 / 24,
  bandCoverage: { low: 0.7, high: 0.9 },
} as const;

const round = (x: number, digits = 2): number => Number(x.toFixed(digits)) || 0;

/** Leave-one-study-out forecasts with their bands, per arm. */
export function validateArms(rows: readonly StudyObservation[]): ArmValidation[] {
  return leaveOneStudyOut(rows).flatMap((left) =>
    left.rows.map(({ row, predictedPct, errorPct, tolerancePct }) => {
      const band = armBand(left.population, row);
      return {
        study: row.study,
        scenario: row.scenario,
        muscle: row.muscle,
        measure: row.measure,
        day: row.day,
        intervention: row.intervention,
        observedPct: row.changePct,
        predictedPct: round(predictedPct),
        errorPct: round(errorPct),
        tolerancePct: round(tolerancePct),
        withinTolerance: Math.abs(errorPct) <= tolerancePct,
        lowPct: round(band.lowPct),
        highPct: round(band.highPct),
        withinBand: row.changePct >= band.lowPct && row.changePct <= band.highPct,
      };
    }),
  );
}

/** The 80 % band of a typical patient's forecast for a study arm, in the arm's own measure. */
export function armBand(
  population: TrajectoryPopulation,
  row: StudyObservation,
): { lowPct: number; highPct: number } {
  const regimen = regimenOf(row);
  const { low, high } = trajectoryWithBand(population, regimen, PRIOR_POSTERIOR, row.day);
  const a = measuredChangePct(population, row.measure, low[row.day] as number);
  const b = measuredChangePct(population, row.measure, high[row.day] as number);
  return { lowPct: Math.min(a, b), highPct: Math.max(a, b) };
}

export function summarise(arms: readonly ArmValidation[]): ValidationSummary {
  const n = arms.length;
  return {
    arms: n,
    studies: new Set(arms.map((a) => a.study)).size,
    withinTolerance: arms.filter((a) => a.withinTolerance).length,
    bandCoverage: round(arms.filter((a) => a.withinBand).length / n, 3),
    rmsErrorPct: round(Math.sqrt(arms.reduce((s, a) => s + a.errorPct ** 2, 0) / n)),
  };
}

/** The model before recalibration, as recorded in data/trajectory-validation-before.json. */
export interface BeforeValidation {
  description: string;
  arms: {
    study: string;
    muscle: string;
    day: number;
    intervention: string;
    observedPct: number;
    predictedPct: number;
    errorPct: number;
    withinTolerance: boolean;
    basis: string;
  }[];
  forecasts: Record<string, number>;
}

export interface BeforeAfter {
  arms: { after: ArmValidation; before: BeforeValidation['arms'][number] | undefined }[];
  /** The arms the earlier model was calibrated on (its own leave-one-study-out). */
  original: { arms: number; withinBefore: number; withinAfter: number };
  before: { arms: number; withinTolerance: number; rmsErrorPct: number };
}

/** Pairs each arm with the earlier model's forecast of it. */
export function compareWithBefore(arms: readonly ArmValidation[], before: BeforeValidation): BeforeAfter {
  const key = (a: { study: string; muscle: string; day: number; intervention: string }) =>
    `${a.study}|${a.muscle}|${a.day}|${a.intervention}`;
  const earlier = new Map(before.arms.map((a) => [key(a), a]));
  const paired = arms.map((after) => ({ after, before: earlier.get(key(after)) }));
  const original = paired.filter((p) => p.before?.basis === 'leave-one-study-out');
  return {
    arms: paired,
    original: {
      arms: original.length,
      withinBefore: original.filter((p) => p.before?.withinTolerance).length,
      withinAfter: original.filter((p) => p.after.withinTolerance).length,
    },
    before: {
      arms: before.arms.length,
      withinTolerance: before.arms.filter((a) => a.withinTolerance).length,
      rmsErrorPct: round(
        Math.sqrt(before.arms.reduce((s, a) => s + a.errorPct ** 2, 0) / before.arms.length),
      ),
    },
  };
}
