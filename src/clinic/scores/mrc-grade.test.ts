import { describe, expect, it } from 'vitest';
import { MRC_SUM_GROUPS, mrcSumScore, mrcValue } from './mrc-grade.ts';

const all = (left: string | number, right: string | number) =>
  Object.fromEntries(MRC_SUM_GROUPS.map((g) => [g, { left, right }])) as Parameters<typeof mrcSumScore>[0];

describe('MRC grades', () => {
  it('counts 4− and 4+ as 4', () => {
    expect(mrcValue('4-')).toBe(4);
    expect(mrcValue('4+')).toBe(4);
    expect(mrcValue('4−')).toBe(4);
    expect(mrcValue(0)).toBe(0);
    expect(() => mrcValue('6')).toThrow(/must be one of 0, 1, 2, 3, 4-, 4, 4\+, 5/);
  });

  it('sums 6 groups on both sides to 0–60 and flags ICU-acquired weakness below 48', () => {
    expect(mrcSumScore(all(5, 5))).toMatchObject({ total: 60, icuAcquiredWeakness: false });
    expect(mrcSumScore(all(4, 4))).toMatchObject({ total: 48, icuAcquiredWeakness: false });
    expect(mrcSumScore(all('4-', 3))).toMatchObject({ total: 42, icuAcquiredWeakness: true });
    expect(mrcSumScore(all(0, 0)).total).toBe(0);
  });

  it('needs every group', () => {
    const partial = all(5, 5) as Record<string, unknown>;
    delete partial['ankle-dorsiflexion'];
    expect(() => mrcSumScore(partial as never)).toThrow(/missing ankle-dorsiflexion/);
  });
});
