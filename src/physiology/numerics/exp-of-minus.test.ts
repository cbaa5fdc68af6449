import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expOfMinus } from './exp-of-minus.ts';

const relativeError = (x: number) => Math.abs(expOfMinus(x) / Math.exp(-x) - 1);

describe('expOfMinus', () => {
  it('equals exp(−x) to a few units of rounding where the polynomial is used', () => {
    fc.assert(
      fc.property(fc.double({ min: -1 / 32, max: 1 / 32, noNaN: true }), (x) => {
        expect(relativeError(x)).toBeLessThan(4e-16);
      }),
      { numRuns: 20_000 },
    );
    for (const x of [0, -0, 1 / 32, -1 / 32, 1e-300, 2 ** -40]) expect(relativeError(x)).toBeLessThan(4e-16);
    expect(expOfMinus(0)).toBe(1);
  });

  it('is Math.exp(−x) beyond 1/32 and at the limits', () => {
    for (const x of [1 / 32 + 2 ** -50, -0.04, 0.5, 25, 800, -700]) expect(expOfMinus(x)).toBe(Math.exp(-x));
    expect(expOfMinus(Number.POSITIVE_INFINITY)).toBe(0);
    expect(expOfMinus(Number.NEGATIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(expOfMinus(Number.NaN)).toBeNaN();
  });
});
