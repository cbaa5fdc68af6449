import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { compareScenarios, type ForecastInput, forecastMuscle } from './forecast.ts';
import { TRAJECTORY_MUSCLES, TRAJECTORY_SCENARIOS } from './parameters.ts';

const cast: ForecastInput = { scenario: 'cast', muscle: 'quadriceps', days: 14, ageYears: 23 };

describe('forecastMuscle', () => {
  it('returns one row per day from 0 with the band around the centre', () => {
    const f = forecastMuscle(cast);
    expect(f.days).toHaveLength(15);
    expect(f.days[0]).toEqual({ day: 0, changePct: 0, lowPct: 0, highPct: 0 });
    for (const d of f.days.slice(1)) {
      expect(d.lowPct).toBeLessThan(d.changePct);
      expect(d.highPct).toBeGreaterThan(d.changePct);
    }
    expect(f.changePctAtEnd).toBe(f.days[14]?.changePct);
  });

  it('young men, 14-day knee cast: within tolerance of Wall 2014 (−8.4 %), and the band covers it', () => {
    const f = forecastMuscle(cast);
    expect(Math.abs(f.changePctAtEnd + 8.4)).toBeLessThanOrEqual(0.3 * 8.4);
    expect(f.lowPctAtEnd).toBeLessThan(-8.4);
    expect(f.highPctAtEnd).toBeGreaterThan(-8.4);
  });

  it('NMES 2 × 40 min a day holds the quadriceps over a 5-day cast (Dirks 2014: 0.0 ± 1.0 %)', () => {
    const f = forecastMuscle({ ...cast, days: 5, nmesSessionsPerDay: 2, nmesMinutesPerSession: 40 });
    expect(Math.abs(f.changePctAtEnd)).toBeLessThan(1);
  });

  it('no disuse, no change; training alone grows the muscle', () => {
    const none = forecastMuscle({ scenario: 'none', muscle: 'quadriceps', days: 30 });
    for (const d of none.days) expect(d.changePct).toBe(0);
    const trained = forecastMuscle({
      scenario: 'none',
      muscle: 'quadriceps',
      days: 30,
      resistanceExercise: true,
    });
    expect(trained.changePctAtEnd).toBeGreaterThan(1);
  });

  it('training more often saves more muscle, in proportion at first (drive ∝ sessions a week)', () => {
    const at = (sessions?: number) =>
      forecastMuscle({
        ...cast,
        resistanceExercise: true,
        ...(sessions === undefined ? {} : { exerciseSessionsPerWeek: sessions }),
      }).changePctAtEnd;
    const untreated = forecastMuscle(cast).changePctAtEnd;
    const [two, three, five] = [at(2), at(3), at(5)] as [number, number, number];
    expect(untreated).toBeLessThan(two);
    expect(two).toBeLessThan(three);
    expect(three).toBeLessThan(five);
    // the default is 3 a week (ACSM 2–3 d/wk; the clinic's programme)
    expect(at()).toBe(three);
    // Oates 2010 (every other day during a 14-day brace): quadriceps 0.0 ± 1.5 %, within max(1.5 pp, 30 %)
    const brace = forecastMuscle({
      scenario: 'brace',
      muscle: 'quadriceps',
      days: 14,
      ageYears: 23,
      resistanceExercise: true,
      exerciseSessionsPerWeek: 3.5,
    });
    expect(Math.abs(brace.changePctAtEnd)).toBeLessThanOrEqual(1.5);
  });

  it('remobilisation turns loss into recovery', () => {
    const f = forecastMuscle({ ...cast, days: 42, remobiliseAtDay: 14 });
    expect(f.days[42]?.changePct).toBeGreaterThan(f.days[14]?.changePct as number);
  });

  it('older adults lose less in disuse (Dirks 2014 J Nutr; Suetta 2009)', () => {
    const young = forecastMuscle({ ...cast, days: 5 }).changePctAtEnd;
    const old = forecastMuscle({ ...cast, days: 5, ageYears: 69 }).changePctAtEnd;
    expect(old).toBeGreaterThan(young);
    expect(Math.abs(old + 1.5)).toBeLessThan(1.5);
  });

  it('protein above the target changes nothing; below it, more is lost', () => {
    const base = forecastMuscle(cast).changePctAtEnd;
    expect(forecastMuscle({ ...cast, proteinGPerKgPerDay: 1.6 }).changePctAtEnd).toBe(base);
    expect(forecastMuscle({ ...cast, proteinGPerKgPerDay: 0.4 }).changePctAtEnd).toBeLessThan(base - 0.5);
  });

  it('ICU rectus femoris loses fastest of all scenarios', () => {
    const at10 = (scenario: ForecastInput['scenario']) =>
      forecastMuscle({ scenario, muscle: 'rectus-femoris', days: 10, ageYears: 45 }).changePctAtEnd;
    const icu = at10('icu');
    for (const s of TRAJECTORY_SCENARIOS) if (s !== 'icu') expect(at10(s)).toBeGreaterThan(icu);
    expect(Math.abs(icu + 17.7)).toBeLessThan(0.3 * 17.7);
  });

  it('narrows its band as the patient’s measurements accumulate', () => {
    const measurements = [3, 7, 10, 14].map((day) => ({
      day,
      kind: 'csa' as const,
      baseline: 80,
      value: 80 * (1 - 0.0055 * day),
    }));
    const width = (n: number) => {
      const f = forecastMuscle({ ...cast, days: 28, measurements: measurements.slice(0, n) });
      return f.highPctAtEnd - f.lowPctAtEnd;
    };
    const widths = [0, 1, 2, 4].map(width);
    for (let i = 1; i < widths.length; i += 1)
      expect(widths[i] as number).toBeLessThan(widths[i - 1] as number);
  });

  it('rejects bad input, naming what is allowed', () => {
    const bad = (patch: Partial<ForecastInput>, pattern: RegExp) =>
      expect(() => forecastMuscle({ ...cast, ...patch } as ForecastInput)).toThrow(pattern);
    bad({ scenario: 'holiday' as never }, /scenario must be one of none, sedentary, cast/);
    bad({ muscle: 'biceps' as never }, /muscle must be one of quadriceps/);
    bad({ days: -1 }, /days must be a whole number from 1 to 3650/);
    bad({ days: 3651 }, /from 1 to 3650/);
    bad({ nmesMinutesPerSession: 30 }, /needs NMES sessions/);
    bad({ scenario: 'none', remobiliseAtDay: 5 }, /remobilise-at needs a disuse scenario/);
    bad({ remobiliseAtDay: 20 }, /remobilise-at day must be a whole number from 1 to 14/);
    bad({ proteinGPerKgPerDay: 9 }, /protein must be a number from 0 to 4/);
    bad({ ageYears: 5 }, /age must be a number from 18 to 110/);
    bad({ exerciseSessionsPerWeek: 3 }, /exercise sessions per week needs resistance exercise/);
    bad(
      { resistanceExercise: true, exerciseSessionsPerWeek: 10 },
      /exercise sessions per week must be a number from 1 to 7 sessions a week/,
    );
    expect(() => forecastMuscle({ ...cast, days: 1.5 })).toThrow(InvalidInputError);
  });

  it('exports the allowed names', () => {
    expect(TRAJECTORY_SCENARIOS).toEqual([
      'none',
      'sedentary',
      'cast',
      'brace',
      'bed-rest',
      'icu',
      'spaceflight',
    ]);
    expect(TRAJECTORY_MUSCLES).toContain('tibialis-anterior');
  });
});

describe('compareScenarios', () => {
  it('stimulation saves muscle and stimulation + exercise saves more', () => {
    const c = compareScenarios({ scenario: 'bed-rest', muscle: 'quadriceps', days: 28, ageYears: 60 });
    expect(c.nmesSessionsPerDay).toBe(2);
    expect(c.nmesMinutesPerSession).toBe(40);
    expect(c.exerciseSessionsPerWeek).toBe(3);
    expect(c.noTreatment.changePctAtEnd).toBeLessThan(-4);
    expect(c.savedByStimulationPct).toBeGreaterThan(2);
    expect(c.savedByStimulationAndExercisePct).toBeGreaterThan(c.savedByStimulationPct);
    expect(c.savedByStimulationPct).toBeCloseTo(
      c.stimulation.changePctAtEnd - c.noTreatment.changePctAtEnd,
      2,
    );
  });

  it('uses the input’s exercise frequency for the exercise scenario', () => {
    const input: ForecastInput = { scenario: 'cast', muscle: 'quadriceps', days: 28, ageYears: 40 };
    const often = compareScenarios({ ...input, resistanceExercise: true, exerciseSessionsPerWeek: 6 });
    const usual = compareScenarios(input);
    expect(often.exerciseSessionsPerWeek).toBe(6);
    expect(often.noTreatment).toEqual(usual.noTreatment);
    expect(often.stimulation).toEqual(usual.stimulation);
    expect(often.savedByStimulationAndExercisePct).toBeGreaterThan(usual.savedByStimulationAndExercisePct);
  });
});
