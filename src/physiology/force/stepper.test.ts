import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalciumTransient } from './calcium.ts';
import { FORCE_MODELS } from './model.ts';
import { ForceStepper, stepSizeFactor, stepTowardBreakpoint } from './stepper.ts';

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

describe('ForceStepper', () => {
  /** F after one step of `stepS` from F = 40 N, D = 0.5 N·s just after the third pulse of a 30-Hz train. */
  const oneStep = (stepS: number, relativeTolerance: number) => {
    const model = FORCE_MODELS['ding2003-fatigue'];
    const calcium = new CalciumTransient(model);
    for (const t of [0, 1 / 30, 2 / 30]) calcium.addPulse(t);
    const stepper = new ForceStepper(model, calcium, relativeTolerance);
    stepper.force = 40;
    stepper.drive = 0.5;
    stepper.advance(2 / 30, 2 / 30 + stepS, undefined, stepS);
    return { force: stepper.force, steps: stepper.acceptedSteps + stepper.rejectedSteps };
  };

  it('takes fifth-order steps: the error of one step falls as h⁶ (the calcium at every stage counts)', () => {
    // A step's error against a 1e-13 solution over the same interval, at h and h/2. Cn at any stage
    // taken at a wrong time makes the step first- or second-order, and the ratio 2 to 8.
    const errors = [0.002, 0.001].map((h) => {
      const step = oneStep(h, 1e-3);
      expect(step.steps).toBe(1);
      return Math.abs(step.force - oneStep(h, 1e-13).force);
    });
    const [large, small] = errors as [number, number];
    expect(large).toBeGreaterThan(1e-8);
    // 2⁶ = 64 in the limit; 57 at these steps.
    expect(large / small).toBeGreaterThan(45);
    expect(large / small).toBeLessThan(80);
  });
});
