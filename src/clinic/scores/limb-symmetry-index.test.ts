import { describe, expect, it } from 'vitest';
import { limbSymmetryIndex } from './limb-symmetry-index.ts';

describe('limbSymmetryIndex', () => {
  it('is involved over uninvolved × 100, with the 60 % and 80 % milestones', () => {
    expect(limbSymmetryIndex(267.6, 400)).toMatchObject({ lsiPct: 66.9, milestonePct: 60 });
    expect(limbSymmetryIndex(330, 400).milestonePct).toBe(80);
    expect(limbSymmetryIndex(200, 400).milestonePct).toBeNull();
    expect(limbSymmetryIndex(200, 400).lsiPct).toBe(50);
  });

  it('rejects a zero uninvolved side', () => {
    expect(() => limbSymmetryIndex(100, 0)).toThrow(/uninvolved-side force/);
  });
});
