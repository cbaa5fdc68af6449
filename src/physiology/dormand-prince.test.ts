import { describe, expect, it } from 'vitest';
import { DormandPrince } from './dormand-prince.ts';

describe('DormandPrince', () => {
  it('integrates exponential decay to its tolerance and lands exactly on the end time', () => {
    const stepper = new DormandPrince(
      (_t, y, dy) => {
        dy[0] = -3 * y[0];
      },
      { relativeTolerance: 1e-10, scales: [1] },
    );
    const y = Float64Array.from([2]);
    let lastEnd = 0;
    stepper.advance(y, 0, 1.7, (s) => {
      lastEnd = s.stepEndT;
    });
    expect(lastEnd).toBe(1.7);
    expect(Math.abs(y[0] - 2 * Math.exp(-3 * 1.7)) / (2 * Math.exp(-3 * 1.7))).toBeLessThan(1e-8);
  });

  it('keeps a harmonic oscillator on its closed form, and its dense output between steps', () => {
    const stepper = new DormandPrince(
      (_t, y, dy) => {
        dy[0] = y[1];
        dy[1] = -y[0];
      },
      { relativeTolerance: 1e-10, scales: [1, 1] },
    );
    const y = Float64Array.from([1, 0]);
    let worstDense = 0;
    stepper.advance(y, 0, 10, (s) => {
      const mid = (s.stepStartT + s.stepEndT) / 2;
      worstDense = Math.max(worstDense, Math.abs(s.denseValue(0, mid) - Math.cos(mid)));
    });
    expect(Math.abs(y[0] - Math.cos(10))).toBeLessThan(1e-8);
    expect(Math.abs(y[1] + Math.sin(10))).toBeLessThan(1e-8);
    expect(worstDense).toBeLessThan(1e-7);
  });

  it('converges at fifth order: halving the tolerance scale shrinks the error accordingly', () => {
    const errorAt = (rtol: number) => {
      const stepper = new DormandPrince(
        (t, y, dy) => {
          dy[0] = Math.cos(t) * y[0];
        },
        { relativeTolerance: rtol, scales: [1] },
      );
      const y = Float64Array.from([1]);
      stepper.advance(y, 0, 5, () => {});
      return Math.abs(y[0] - Math.exp(Math.sin(5)));
    };
    expect(errorAt(1e-6)).toBeLessThan(1e-5);
    expect(errorAt(1e-11)).toBeLessThan(1e-10);
    expect(errorAt(1e-11)).toBeLessThan(errorAt(1e-6));
  });
});
