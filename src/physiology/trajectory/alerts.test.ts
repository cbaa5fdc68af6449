import { describe, expect, it } from 'vitest';
import { trajectoryAlerts } from './alerts.ts';
import type { ForecastInput } from './forecast.ts';
import { forecastMuscle } from './forecast.ts';

const onNmes: ForecastInput = {
  scenario: 'cast',
  muscle: 'quadriceps',
  days: 28,
  ageYears: 40,
  nmesSessionsPerDay: 2,
  nmesMinutesPerSession: 40,
};

const csaAt = (day: number, changePct: number) => ({
  day,
  kind: 'csa' as const,
  baseline: 80,
  value: 80 * (1 + changePct / 100),
});

describe('trajectoryAlerts', () => {
  it('is quiet when the patient follows the forecast', () => {
    const expected = forecastMuscle(onNmes).days;
    const measurements = [7, 14, 21].map((day) => csaAt(day, expected[day]?.changePct as number));
    expect(trajectoryAlerts({ ...onNmes, measurements })).toEqual([]);
  });

  it('flags a patient on NMES who loses like an untreated one as not responding', () => {
    const alerts = trajectoryAlerts({ ...onNmes, measurements: [csaAt(14, -9)] });
    expect(alerts.map((a) => a.kind)).toEqual(['not-responding']);
    expect(alerts[0]?.impliedChangePct).toBeCloseTo(-9, 6);
    expect(alerts[0]?.thresholdPct).toBeGreaterThan(-9);
  });

  it('refers a loss faster than any modelled disuse (−40 % in 10 days of a cast)', () => {
    // −30 % in 10 days now lies inside the ICU band of a severe patient (the illness breakdown is no longer
    // halved by NMES), so the test asks for a loss beyond every scenario.
    const alerts = trajectoryAlerts({ ...onNmes, measurements: [csaAt(10, -40)] });
    expect(alerts.map((a) => a.kind)).toContain('refer');
    expect(alerts.find((a) => a.kind === 'refer')?.message).toMatch(/refer/);
  });

  it('does not refer an ICU-sized loss in an ICU patient', () => {
    const icu: ForecastInput = { scenario: 'icu', muscle: 'rectus-femoris', days: 14, ageYears: 55 };
    const alerts = trajectoryAlerts({ ...icu, measurements: [csaAt(10, -18)] });
    expect(alerts.filter((a) => a.kind === 'refer')).toEqual([]);
  });
});
