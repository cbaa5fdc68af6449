import { type LeastSquaresResult, solveLeastSquares } from '../numerics/least-squares.ts';
import {
  fromTransformed,
  POPULATION_PRIORS,
  populationFromValues,
  type TrajectoryPopulation,
  toTransformed,
} from './parameters.ts';
import { predictStudy, type StudyObservation, toleranceFor } from './studies.ts';

/**
 * Population calibration: a maximum-a-posteriori fit of the POPULATION_PRIORS parameters to the
 * published study means. Residuals, all dimensionless:
 *   data:  (predicted − observed) / (tolerance / 2), tolerance = max(1.5 pp, 30 % of observed),
 *          so a residual of ±2 sits on the edge of the agreement the issue asks for;
 *   prior: (θ − θprior) / sd on the transformed (log or logit) scale.
 * The studies' own error bars are not used as weights: they mix SDs, SEs and ranges (see the CSV).
 */
export interface CalibrationResult {
  population: TrajectoryPopulation;
  fit: LeastSquaresResult;
  /** One per row, in the order given. */
  predictions: number[];
}

/** Prior residuals are appended after the data residuals. */
export function calibratePopulation(rows: readonly StudyObservation[]): CalibrationResult {
  const priors = POPULATION_PRIORS;
  const centres = priors.map((p) => toTransformed(p.transform, p.centre));
  const natural = (t: Float64Array): TrajectoryPopulation =>
    populationFromValues(priors.map((p, i) => fromTransformed(p.transform, t[i] as number)));
  const buffer = new Float64Array(4000);
  const fit = solveLeastSquares(
    {
      names: priors.map((p) => p.name),
      initial: centres,
      lower: centres.map((c, i) => c - 6 * (priors[i]?.sd as number)),
      upper: centres.map((c, i) => c + 6 * (priors[i]?.sd as number)),
      residualCount: rows.length + priors.length,
      residuals(t, out) {
        const population = natural(t);
        rows.forEach((row, i) => {
          out[i] =
            (predictStudy(population, row, buffer) - row.changePct) / (toleranceFor(row.changePct) / 2);
        });
        priors.forEach((p, i) => {
          out[rows.length + i] = ((t[i] as number) - (centres[i] as number)) / p.sd;
        });
      },
    },
    { maxIterations: 400 },
  );
  const population = natural(Float64Array.from(fit.parameters));
  return { population, fit, predictions: rows.map((row) => predictStudy(population, row, buffer)) };
}

export interface LeaveOneOutResult {
  study: string;
  /** The population fitted to every other study. */
  population: TrajectoryPopulation;
  rows: { row: StudyObservation; predictedPct: number; errorPct: number; tolerancePct: number }[];
}

/** Refits without each study in turn and forecasts the study left out. */
export function leaveOneStudyOut(rows: readonly StudyObservation[]): LeaveOneOutResult[] {
  const studies = [...new Set(rows.map((r) => r.study))];
  return studies.map((study) => {
    const { population } = calibratePopulation(rows.filter((r) => r.study !== study));
    return {
      study,
      population,
      rows: rows
        .filter((r) => r.study === study)
        .map((row) => {
          const predictedPct = predictStudy(population, row);
          return {
            row,
            predictedPct,
            errorPct: predictedPct - row.changePct,
            tolerancePct: toleranceFor(row.changePct),
          };
        }),
    };
  });
}
