import {
  comparisonOf,
  type ForecastResult,
  forecastScenarios,
} from '../../physiology/trajectory/forecast.ts';
import { DAY_MS } from '../../shared/time-units.ts';
import type { PatientRecord } from '../record/patient-record.ts';
import { SIZE_MEASUREMENT_KINDS } from './overview.ts';
import { forecastInputFor } from './trajectory.ts';

/** Why a record has no forecast. */
export const NO_FORECAST_REASON =
  'the forecast covers disuse (cast, brace, bed rest, ICU, sedentary, spaceflight) of the thigh or lower leg with a start date; this record has no such condition';

/**
 * The patient's forecast under the three scenario arms (no treatment, stimulation, stimulation +
 * exercise) with their 80 % bands, and their comparison: the trajectory model's forecastScenarios
 * (the arms the command line's comparison uses) over the record's latest diagnosis. Daily up to
 * 180 days, then weekly.
 */
export function forecastView(record: PatientRecord, now: Date) {
  const condition = record.conditions[record.conditions.length - 1];
  const sizes = record.measurements.filter((m) =>
    (SIZE_MEASUREMENT_KINDS as readonly string[]).includes(m.kind),
  );
  const prepared = condition
    ? forecastInputFor(
        condition,
        { birthDate: record.patient.birthDate, sex: record.patient.sex, timeZone: record.patient.timeZone },
        sizes.map((m) => ({ kind: m.kind, side: m.side, value: m.value, measuredAt: m.measuredAt })),
        now,
      )
    : undefined;
  if (!prepared) return { available: false as const, reason: NO_FORECAST_REASON };
  const { input, start } = prepared;
  const arms = forecastScenarios(input);
  const curve = (f: ForecastResult) =>
    f.days
      .filter((d) => d.day <= 180 || d.day % 7 === 0 || d.day === input.days)
      .map((d) => ({
        day: d.day,
        date: new Date(start + d.day * DAY_MS).toISOString().slice(0, 10),
        changePct: d.changePct,
        lowPct: d.lowPct,
        highPct: d.highPct,
      }));
  return {
    available: true as const,
    scenario: input.scenario,
    muscle: input.muscle,
    startDate: new Date(start).toISOString().slice(0, 10),
    days: input.days,
    comparison: comparisonOf(input, arms),
    scenarios: {
      noTreatment: curve(arms.noTreatment),
      stimulation: curve(arms.stimulation),
      stimulationAndExercise: curve(arms.stimulationAndExercise),
    },
  };
}
