import { describe, expect, it } from 'vitest';
import { seededUniform } from '../physiology/numerics/seeded-random.ts';
import { demoPatients, longHistoryPatient } from './demo-data.ts';

const TODAY = new Date('2025-03-10T12:00:00Z');

describe('demo patients', () => {
  it('are the same for the same seed and today', () => {
    expect(JSON.stringify(demoPatients(TODAY))).toBe(JSON.stringify(demoPatients(TODAY)));
    expect(JSON.stringify(demoPatients(TODAY, 1))).not.toBe(JSON.stringify(demoPatients(TODAY, 2)));
  });

  it('draws uniform numbers in [0, 1) with mean 1/2 and variance 1/12', () => {
    const random = seededUniform(42);
    const xs = Array.from({ length: 100_000 }, random);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('tell the four stories: a cast on day 10, an ICU stay, a denervated foot drop, an older adult', () => {
    const [cast, icu, nerve, older] = demoPatients(TODAY);
    expect(cast?.condition).toMatchObject({
      site: 'lower-leg',
      side: 'left',
      cause: 'cast',
      immobilisedFromDay: -10,
    });
    expect(icu?.condition.cause).toBe('icu');
    expect(nerve?.programmes[0]?.goal).toBe('denervated-maintenance');
    expect(older?.condition.cause).toBe('sedentary');
    // Months of history for all but the fresh cast.
    for (const p of [icu, nerve, older]) {
      const first = Math.min(...(p?.sessions.map((s) => s.day) ?? [0]));
      expect(first).toBeLessThanOrEqual(-60);
    }
    // The foot drop's strength–duration points lie on a denervated curve: chronaxie far above 1 ms.
    const points = nerve?.sdTests[0]?.points ?? [];
    const rheobase = points[points.length - 1]?.thresholdMa ?? 0;
    const at28 = points.find((p) => p.widthMs === 30)?.thresholdMa ?? 0;
    expect(at28 / rheobase).toBeGreaterThan(1.5);
    // Comfort and pain stay on the 0–10 scales.
    for (const s of [cast, icu, nerve, older].flatMap((p) => p?.sessions ?? [])) {
      expect(s.pain).toBeGreaterThanOrEqual(0);
      expect(s.pain).toBeLessThanOrEqual(10);
      expect(s.comfort).toBeGreaterThanOrEqual(0);
      expect(s.comfort).toBeLessThanOrEqual(10);
    }
  });

  it('gives the two-year patient about two sessions a day for 730 days', () => {
    const patient = longHistoryPatient(TODAY, 730);
    expect(patient.sessions.length).toBeGreaterThan(1200);
    expect(patient.sessions.length).toBeLessThan(1460);
    expect(patient.measurements).toHaveLength(2 * (Math.floor(730 / 7) + 1));
  });
});
