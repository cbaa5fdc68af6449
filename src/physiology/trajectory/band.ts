import { buildCourse, type TrajectoryRegimen } from './course.ts';
import { effectsOf, influentialParameters, type PatientPosterior } from './individual.ts';
import { simulateTurnover } from './muscle-turnover.ts';
import { type TrajectoryPopulation, Z_80 } from './parameters.ts';

/** The daily path (% change) for the patient's log multipliers θ. */
function pathAt(
  population: TrajectoryPopulation,
  regimen: TrajectoryRegimen,
  theta: readonly number[],
  days: number,
): Float64Array {
  return simulateTurnover(
    buildCourse(population, regimen, effectsOf(theta)),
    days,
    new Float64Array(days + 1),
  );
}

/** Lower-triangular Cholesky factor of a small symmetric positive semi-definite matrix (rows). */
function choleskyFactor(matrix: readonly (readonly number[])[]): number[][] {
  const k = matrix.length;
  const l = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = matrix[i]?.[j] as number;
      for (let p = 0; p < j; p += 1) sum -= (l[i]?.[p] as number) * (l[j]?.[p] as number);
      const row = l[i] as number[];
      if (i === j) row[j] = Math.sqrt(Math.max(0, sum));
      else row[j] = (l[j]?.[j] as number) > 0 ? sum / (l[j]?.[j] as number) : 0;
    }
  }
  return l;
}

/**
 * The trajectory with its central 80 % band for a patient posterior. The band is built from sigma
 * points θ̂ ± z·Lk (L the Cholesky factor of the posterior covariance, z = 1.2816): below and above
 * the central path, the deviations along the directions are added in quadrature. Along one direction
 * this is the exact 10th/90th percentile of a monotone function of a normal parameter.
 */
export function trajectoryWithBand(
  population: TrajectoryPopulation,
  regimen: TrajectoryRegimen,
  posterior: PatientPosterior,
  days: number,
): { centre: Float64Array; low: Float64Array; high: Float64Array } {
  const theta = posterior.logEffects;
  // Only the parameters that can move this trajectory spread the band; their block of the covariance.
  const varied = influentialParameters(regimen, days);
  const l = choleskyFactor(varied.map((i) => varied.map((j) => posterior.covariance[i]?.[j] as number)));
  const centre = pathAt(population, regimen, theta, days);
  const below = new Float64Array(days + 1);
  const above = new Float64Array(days + 1);
  for (let column = 0; column < varied.length; column += 1) {
    if (l.every((row) => (row[column] as number) === 0)) continue;
    const shifted = (sign: number) => {
      const point = theta.slice();
      varied.forEach((p, row) => {
        point[p] = (point[p] as number) + sign * Z_80 * (l[row]?.[column] as number);
      });
      return point;
    };
    const plus = pathAt(population, regimen, shifted(1), days);
    const minus = pathAt(population, regimen, shifted(-1), days);
    for (let day = 0; day <= days; day += 1) {
      const c = centre[day] as number;
      const p = (plus[day] as number) - c;
      const m = (minus[day] as number) - c;
      below[day] = (below[day] as number) + Math.max(0, -p, -m) ** 2;
      above[day] = (above[day] as number) + Math.max(0, p, m) ** 2;
    }
  }
  const low = new Float64Array(days + 1);
  const high = new Float64Array(days + 1);
  for (let day = 0; day <= days; day += 1) {
    low[day] = (centre[day] as number) - Math.sqrt(below[day] as number);
    high[day] = (centre[day] as number) + Math.sqrt(above[day] as number);
  }
  return { centre, low, high };
}
