import { describe, expect, it } from 'vitest';
import { seededGaussian, seededUniform } from './seeded-random.ts';

describe('seeded random numbers', () => {
  it('repeat for a seed and differ between seeds', () => {
    const a = seededUniform(7);
    const b = seededUniform(7);
    const c = seededUniform(8);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(c()).not.toBe(first[0]);
  });

  it('are uniform in [0, 1) and standard normal in mean and spread', () => {
    const uniform = seededUniform(1);
    const gaussian = seededGaussian(2);
    const n = 20_000;
    let sum = 0;
    let sumG = 0;
    let sumG2 = 0;
    for (let i = 0; i < n; i += 1) {
      const u = uniform();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      const g = gaussian();
      sumG += g;
      sumG2 += g * g;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumG / n).toBeCloseTo(0, 1);
    expect(sumG2 / n).toBeCloseTo(1, 1);
  });
});
