import { describe, expect, it } from 'vitest';
import { largestRelativePeakError } from '../bench/reference/peak-error.ts';

describe('largestRelativePeakError (the force benchmark accuracy figure)', () => {
  it('is the largest relative difference from the reference peaks', () => {
    expect(largestRelativePeakError([101, 198, 300], [100, 200, 300])).toBeCloseTo(0.01, 15);
    expect(largestRelativePeakError([99.5, 200.2], [100, 200])).toBeCloseTo(0.005, 15);
  });

  it('is zero for identical peaks and for no peaks', () => {
    expect(largestRelativePeakError([5, 6], [5, 6])).toBe(0);
    expect(largestRelativePeakError([], [])).toBe(0);
  });

  it('does not report NaN or a zero reference peak as accurate', () => {
    expect(largestRelativePeakError([1, Number.NaN, 2], [1, 1, 1])).toBeNaN();
    expect(largestRelativePeakError([1, 1], [1, 0])).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses lists of different lengths', () => {
    expect(() => largestRelativePeakError([1, 2], [1])).toThrow(/2 peaks against 1/);
  });
});
