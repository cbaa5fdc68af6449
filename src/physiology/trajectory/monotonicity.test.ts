import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ForecastInput, forecastMuscle } from './forecast.ts';
import {
  EXERCISE_LOADS,
  STRICT_DISUSE_SCENARIOS,
  TRAJECTORY_MUSCLES,
  TRAJECTORY_SCENARIOS,
} from './parameters.ts';

/**
 * The forecast must never reward less treatment or punish more, whatever the circumstances: property
 * tests over random scenarios, muscles, ages, doses and horizons. "Never worse" allows a rounding
 * tolerance of the forecast's three decimals.
 */
const ROUNDING = 0.0011;

const scenario = fc.constantFrom(...TRAJECTORY_SCENARIOS);
const disuse = fc.constantFrom(...TRAJECTORY_SCENARIOS.filter((s) => s !== 'none'));
const muscle = fc.constantFrom(...TRAJECTORY_MUSCLES);
const base = fc.record({
  scenario,
  muscle,
  days: fc.integer({ min: 1, max: 200 }),
  ageYears: fc.integer({ min: 18, max: 100 }),
  neurogenic: fc.boolean(),
});
const end = (input: ForecastInput) => forecastMuscle(input).changePctAtEnd;
const runs = { numRuns: 150 };

type Circumstances = typeof base extends fc.Arbitrary<infer V> ? V : never;

/** Checks `check` over random circumstances (`base`) and one value from each of `more`, `runs` times. */
function forEveryCase<T extends unknown[]>(
  more: { [K in keyof T]: fc.Arbitrary<T[K]> },
  check: (b: Circumstances, ...values: T) => void,
): void {
  fc.assert(
    fc.property(base, fc.tuple<T>(...more), (b, values) => check(b, ...values)),
    runs,
  );
}

describe('the forecast is monotone in every treatment and circumstance', () => {
  it('more NMES minutes are never worse, and the benefit saturates', () => {
    forEveryCase(
      [fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 119 })],
      (b, sessions, minutes) => {
        const at = (m: number) => end({ ...b, nmesSessionsPerDay: sessions, nmesMinutesPerSession: m });
        const none = end(b);
        const less = at(minutes);
        const more = at(minutes + 1);
        expect(less).toBeGreaterThanOrEqual(none - ROUNDING);
        expect(more).toBeGreaterThanOrEqual(less - ROUNDING);
        // saturating: each further 30 minutes a day saves no more than the 30 before them
        const perDay = (m: number) => end({ ...b, nmesSessionsPerDay: 1, nmesMinutesPerSession: m });
        const [m30, m60, m90] = [perDay(30), perDay(60), perDay(90)];
        expect(m60 - m30).toBeLessThanOrEqual(m30 - none + ROUNDING);
        expect(m90 - m60).toBeLessThanOrEqual(m60 - m30 + ROUNDING);
      },
    );
  });

  it('more protein is never worse', () => {
    forEveryCase(
      [fc.double({ min: 0, max: 3.9, noNaN: true }), fc.double({ min: 0, max: 0.1, noNaN: true })],
      (b, g, more) => {
        expect(end({ ...b, proteinGPerKgPerDay: g + more })).toBeGreaterThanOrEqual(
          end({ ...b, proteinGPerKgPerDay: g }) - ROUNDING,
        );
        expect(end(b)).toBeGreaterThanOrEqual(end({ ...b, proteinGPerKgPerDay: g }) - ROUNDING);
      },
    );
  });

  it('longer disuse never means less loss', () => {
    forEveryCase([disuse, fc.integer({ min: 1, max: 150 })], (b, s, remobilise) => {
      const input = { ...b, scenario: s, days: 200 };
      const shorter = end({ ...input, remobiliseAtDay: remobilise });
      const longer = end({ ...input, remobiliseAtDay: remobilise + 10 });
      expect(longer).toBeLessThanOrEqual(shorter + ROUNDING);
      // and while it lasts, the loss only grows
      const path = forecastMuscle({ ...input, days: remobilise }).days;
      for (let d = 1; d < path.length; d += 1) {
        expect(path[d]?.changePct as number).toBeLessThanOrEqual(
          (path[d - 1]?.changePct as number) + ROUNDING,
        );
      }
    });
  });

  it('more exercise is never worse: more sessions, a heavier load', () => {
    forEveryCase(
      [fc.double({ min: 1, max: 6.5, noNaN: true }), fc.constantFrom(...EXERCISE_LOADS)],
      (b, sessions, load) => {
        const at = (s: number, exerciseLoad = load) =>
          end({ ...b, resistanceExercise: true, exerciseSessionsPerWeek: s, exerciseLoad });
        expect(at(sessions)).toBeGreaterThanOrEqual(end(b) - ROUNDING);
        expect(at(sessions + 0.5)).toBeGreaterThanOrEqual(at(sessions) - ROUNDING);
        const heavier = EXERCISE_LOADS[Math.max(0, EXERCISE_LOADS.indexOf(load) - 1)];
        expect(at(sessions, heavier)).toBeGreaterThanOrEqual(at(sessions) - ROUNDING);
      },
    );
  });

  it('in bed rest (and any whole-body disuse), older never loses less', () => {
    forEveryCase(
      [
        fc.constantFrom('bed-rest', 'icu', 'spaceflight', 'sedentary') as fc.Arbitrary<
          ForecastInput['scenario']
        >,
        fc.integer({ min: 18, max: 99 }),
      ],
      (b, s, age) => {
        const input = { ...b, scenario: s };
        expect(end({ ...input, ageYears: age + 1 })).toBeLessThanOrEqual(
          end({ ...input, ageYears: age }) + ROUNDING,
        );
      },
    );
  });

  it('is bounded: no net gain during strict disuse, and never below the worst loss the model allows', () => {
    forEveryCase(
      [
        fc.constantFrom(...[...STRICT_DISUSE_SCENARIOS]) as fc.Arbitrary<ForecastInput['scenario']>,
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
      ],
      (b, s, nmes, exercise) => {
        const f = forecastMuscle({
          ...b,
          scenario: s,
          days: Math.min(b.days, 3650),
          ...(nmes > 0 ? { nmesSessionsPerDay: nmes, nmesMinutesPerSession: 120 } : {}),
          resistanceExercise: exercise,
          ...(exercise ? { exerciseSessionsPerWeek: 7, exerciseLoad: 'high' } : {}),
        });
        for (const d of f.days) {
          expect(d.changePct).toBeLessThanOrEqual(ROUNDING);
          expect(d.lowPct).toBeGreaterThan(-100);
          expect(d.lowPct).toBeLessThanOrEqual(d.changePct + ROUNDING);
          expect(d.highPct).toBeGreaterThanOrEqual(d.changePct - ROUNDING);
        }
      },
    );
  });
});
