import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stepSizeFactor, stepTowardBreakpoint } from './stepper.ts';

/** The controller's factor as written in the textbook: 0.9·error^(−1/5) within [0.2, 5]. */
const textbookFactor = (errorSquared: number) =>
  Math.min(5, Math.max(0.2, 0.9 * Math.sqrt(errorSquared) ** -0.2));

describe('stepSizeFactor', () => {
  it('is 0.9·error^(−1/5) to 3e-6 over every normal squared error', () => {
    fc.assert(
      fc.property(fc.double({ min: -307, max: 308, noNaN: true }), (exponent) => {
        const errorSquared = 10 ** exponent;
        const exact = textbookFactor(errorSquared);
        expect(Math.abs(stepSizeFactor(errorSquared) / exact - 1)).toBeLessThan(3e-6);
      }),
      { numRuns: 20_000, seed: 20261207 },
    );
    // Across a binary exponent, where the table and the polynomial meet.
    for (const errorSquared of [0.5, 1 - 1e-16, 1, 1 + 2e-16, 2 - 4e-16, 2, 0.999, 1.001]) {
      expect(Math.abs(stepSizeFactor(errorSquared) / textbookFactor(errorSquared) - 1)).toBeLessThan(3e-6);
    }
  });

  it('takes the formula’s limits outside the normal numbers', () => {
    expect(stepSizeFactor(0)).toBe(5);
    expect(stepSizeFactor(Number.MIN_VALUE)).toBe(5);
    expect(stepSizeFactor(1e-310)).toBe(5);
    expect(stepSizeFactor(Number.POSITIVE_INFINITY)).toBe(0.2);
    expect(stepSizeFactor(Number.NaN)).toBeNaN();
  });

  it('grows the step when the error is small and shrinks it when large, at the clamps beyond', () => {
    expect(stepSizeFactor(1)).toBeCloseTo(0.9, 5);
    expect(stepSizeFactor(1e-12)).toBe(5);
    expect(stepSizeFactor(1e12)).toBe(0.2);
    expect(stepSizeFactor(1e-4)).toBeCloseTo(0.9 * 10 ** 0.4, 5);
  });
});

describe('stepTowardBreakpoint', () => {
  it('lands on the breakpoint when nearly there, and otherwise leaves at least half of it', () => {
    expect(stepTowardBreakpoint(0.01, 0.01)).toBe(0.01);
    expect(stepTowardBreakpoint(0.00999, 0.01)).toBe(0.01);
    expect(stepTowardBreakpoint(0.008, 0.01)).toBe(0.005);
    expect(stepTowardBreakpoint(0.002, 0.01)).toBe(0.002);
  });
});
