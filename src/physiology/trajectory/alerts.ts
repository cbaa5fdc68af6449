import { trajectoryWithBand } from './band.ts';
import { type ForecastInput, prepareForecast } from './forecast.ts';
import { fitPatient, PRIOR_POSTERIOR } from './individual.ts';
import { impliedErrorPct, impliedMuscleChangePct } from './measurement.ts';
import { TRAJECTORY_SCENARIOS, type TrajectoryPopulation, Z_80 } from './parameters.ts';
import { POPULATION } from './population.ts';

/**
 * Alerts on a patient's measured trajectory.
 *
 * - `not-responding`: a measurement lies below the 80 % band forecast from everything known before
 *   it (the population, the treatment, and the patient's earlier measurements), the band widened by
 *   the measurement's own error (added in quadrature, at the same z). Rule of thumb for review, not
 *   a diagnosis.
 * - `refer`: the measured loss is larger than the worst modelled scenario allows: below the 80 % band
 *   of every disuse scenario, without treatment, for a typical-to-severe patient of this age and
 *   muscle (so below the ICU band, the most catabolic), again widened by measurement error. Loss
 *   that fast is not explained by disuse; look for another cause (clinical.md §3 red flags).
 */
export type TrajectoryAlertKind = 'not-responding' | 'refer';

export interface TrajectoryAlert {
  kind: TrajectoryAlertKind;
  day: number;
  /** The muscle CSA change (%) the measurement implies. */
  impliedChangePct: number;
  /** The threshold it fell below (%). */
  thresholdPct: number;
  message: string;
}

const round = (x: number): number => Math.round(x * 1000) / 1000 || 0;

/** Lower edge of a band (centre − spread) widened by a measurement error in quadrature. */
function widenedLow(centre: number, low: number, errorPct: number): number {
  return centre - Math.sqrt((centre - low) ** 2 + (Z_80 * errorPct) ** 2);
}

export function trajectoryAlerts(
  input: ForecastInput,
  population: TrajectoryPopulation = POPULATION,
): TrajectoryAlert[] {
  const { regimen, geometry, measurements } = prepareForecast(input);
  const sorted = [...measurements].sort((a, b) => a.day - b.day);
  const later = sorted.filter((m) => m.day > 0);
  if (later.length === 0) return [];
  const lastDay = Math.max(...later.map((m) => m.day));

  // The worst modelled scenario, day by day: the lowest band edge over all disuse scenarios, untreated.
  const worstCentre = new Float64Array(lastDay + 1);
  const worstLow = new Float64Array(lastDay + 1).fill(Number.POSITIVE_INFINITY);
  for (const scenario of TRAJECTORY_SCENARIOS) {
    if (scenario === 'none') continue;
    const untreated = {
      ...regimen,
      scenario,
      nmesMinutesPerDay: 0,
      exerciseFromDay: Number.POSITIVE_INFINITY,
      exerciseSessionsPerWeek: 0,
      remobiliseAtDay: Number.POSITIVE_INFINITY,
    };
    const band = trajectoryWithBand(population, untreated, PRIOR_POSTERIOR, lastDay);
    for (let day = 0; day <= lastDay; day += 1) {
      if ((band.low[day] as number) < (worstLow[day] as number)) {
        worstLow[day] = band.low[day] as number;
        worstCentre[day] = band.centre[day] as number;
      }
    }
  }

  const alerts: TrajectoryAlert[] = [];
  for (const measurement of later) {
    const implied = impliedMuscleChangePct(measurement, geometry);
    const errorPct = impliedErrorPct(measurement, geometry);
    const earlier = sorted.filter((m) => m.day < measurement.day);
    const posterior = fitPatient(population, regimen, earlier, geometry);
    const band = trajectoryWithBand(population, regimen, posterior, measurement.day);
    const day = measurement.day;
    const referBelow = widenedLow(worstCentre[day] as number, worstLow[day] as number, errorPct);
    if (implied < referBelow) {
      alerts.push({
        kind: 'refer',
        day,
        impliedChangePct: round(implied),
        thresholdPct: round(referBelow),
        message: `day ${day}: muscle change ${round(implied)} % is below the worst modelled disuse (${round(referBelow)} %); loss this fast is not explained by disuse: refer for review`,
      });
    }
    const expectedBelow = widenedLow(band.centre[day] as number, band.low[day] as number, errorPct);
    if (implied < expectedBelow) {
      alerts.push({
        kind: 'not-responding',
        day,
        impliedChangePct: round(implied),
        thresholdPct: round(expectedBelow),
        message: `day ${day}: muscle change ${round(implied)} % is below the forecast band (${round(expectedBelow)} %) from ${earlier.length} earlier measurement(s): not responding as expected`,
      });
    }
  }
  return alerts;
}
