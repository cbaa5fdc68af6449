import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { medianInPlace } from './median.ts';

/** The median by sorting, the definition. */
function sortedMedian(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

describe('medianInPlace', () => {
  it('gives the middle value, or the mean of the two middle values', () => {
    expect(medianInPlace(Float64Array.from([3, 1, 2]))).toBe(2);
    expect(medianInPlace(Float64Array.from([4, 1, 3, 2]))).toBe(2.5);
    expect(medianInPlace(Float64Array.from([7]))).toBe(7);
    expect(medianInPlace(Float64Array.from([5, 5, 5, 5, 1]))).toBe(5);
    expect(medianInPlace(new Float64Array(0))).toBeNaN();
  });

  it('equals the median of the sorted values, with many repeated values too', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.integer({ min: -3, max: 3 })), {
          minLength: 1,
          maxLength: 400,
        }),
        (values) => {
          // −0 and +0 are the same median (`+ 0` makes both +0): which one the selection returns
          // from [−0, 0, −0] depends on where it happens to pivot.
          expect(medianInPlace(Float64Array.from(values)) + 0).toBe(sortedMedian(values) + 0);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('handles a long run of nearly equal intervals, as a recording time base gives', () => {
    const intervals = Float64Array.from({ length: 100_001 }, (_, i) => 0.0005 + ((i * 7919) % 3) * 1e-12);
    expect(medianInPlace(intervals.slice())).toBe(sortedMedian(Array.from(intervals)));
  });
});
