import { type ForecastInput, forecastMuscle } from '../src/physiology/trajectory/forecast.ts';
import { TRAJECTORY_MUSCLES, TRAJECTORY_SCENARIOS } from '../src/physiology/trajectory/parameters.ts';
import type { Benchmark } from './harness.ts';

/** A 90-day forecast of a patient in a cast on NMES, fitted to three weekly thigh circumferences. */
const patient: ForecastInput = {
  scenario: 'cast',
  muscle: 'quadriceps',
  days: 90,
  ageYears: 60,
  sex: 'male',
  nmesSessionsPerDay: 2,
  nmesMinutesPerSession: 40,
  remobiliseAtDay: 42,
  measurements: [
    { day: 7, kind: 'circumference', value: 49.4, baseline: 50 },
    { day: 14, kind: 'circumference', value: 49.0, baseline: 50 },
    { day: 21, kind: 'circumference', value: 48.7, baseline: 50 },
  ],
};

/** 10,000 varied patients (scenario, muscle, age, NMES, exercise, remobilisation), deterministic. */
function cohort(withMeasurements: boolean): ForecastInput[] {
  const scenarios = TRAJECTORY_SCENARIOS.filter((s) => s !== 'none');
  return Array.from({ length: 10_000 }, (_, i) => {
    const input: ForecastInput = {
      scenario: scenarios[i % scenarios.length] as ForecastInput['scenario'],
      muscle: TRAJECTORY_MUSCLES[(i * 7) % TRAJECTORY_MUSCLES.length] as ForecastInput['muscle'],
      days: 90,
      ageYears: 20 + ((i * 13) % 70),
      nmesSessionsPerDay: i % 3,
      resistanceExercise: i % 4 === 0,
      remobiliseAtDay: i % 5 === 0 ? 30 : undefined,
    };
    if (withMeasurements) {
      input.measurements = [7, 14].map((day) => ({
        day,
        kind: 'csa' as const,
        baseline: 80,
        value: 80 * (1 - 0.004 * day * (1 + (i % 5) / 5)),
      }));
    }
    return input;
  });
}

export const benchmarks: Benchmark[] = [
  {
    name: 'trajectory fit + forecast, one patient',
    description:
      'Bayesian fit to 3 thigh circumferences and a 90-day forecast with its 80 % band (cast, NMES, remobilised day 42)',
    targetMs: 5,
    runs: 200,
    setup: () => () => forecastMuscle(patient),
  },
  {
    name: 'trajectory forecast, cohort of 10,000',
    description:
      '10,000 varied patients, each a 90-day forecast with its 80 % band from the population prior',
    targetMs: 2000,
    runs: 5,
    setup: () => {
      const inputs = cohort(false);
      return () => {
        let sum = 0;
        for (const input of inputs) sum += forecastMuscle(input).changePctAtEnd;
        return sum;
      };
    },
    derived: (medianMs) => ({ microsecondsPerPatient: Number(((medianMs * 1000) / 10_000).toPrecision(4)) }),
  },
  {
    name: 'trajectory fit + forecast, cohort of 10,000',
    description:
      '10,000 varied patients, each fitted to 2 CSA measurements (Bayesian MAP of the multipliers the measurements can see), then a 90-day forecast with its band',
    targetMs: 2000,
    runs: 3,
    setup: () => {
      const inputs = cohort(true);
      return () => {
        let sum = 0;
        for (const input of inputs) sum += forecastMuscle(input).changePctAtEnd;
        return sum;
      };
    },
    derived: (medianMs) => ({ microsecondsPerPatient: Number(((medianMs * 1000) / 10_000).toPrecision(4)) }),
  },
];
