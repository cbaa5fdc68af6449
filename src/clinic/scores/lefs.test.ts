import { describe, expect, it } from 'vitest';
import { LEFS_ITEMS, scoreLefs } from './lefs.ts';

describe('scoreLefs', () => {
  it('sums 20 items scored 0–4 to a 0–80 total', () => {
    expect(LEFS_ITEMS).toHaveLength(20);
    expect(scoreLefs(Array(20).fill(4))).toMatchObject({ total: 80, percentOfMax: 100 });
    expect(scoreLefs(Array(20).fill(0)).total).toBe(0);
    const mixed = [4, 3, 2, 4, 4, 1, 2, 4, 2, 3, 4, 2, 3, 2, 4, 0, 0, 0, 1, 4];
    expect(scoreLefs(mixed).total).toBe(49);
    expect(scoreLefs(mixed).percentOfMax).toBeCloseTo(61.25, 12);
  });

  it('refuses incomplete forms and out-of-range items', () => {
    expect(() => scoreLefs(Array(19).fill(2))).toThrow(/needs all 20 items/);
    expect(() => scoreLefs([...Array(19).fill(2), 5])).toThrow(
      /item 20 \(rolling over in bed\) must be a whole number 0–4/,
    );
    expect(() => scoreLefs([...Array(19).fill(2), 2.5])).toThrow(/item 20/);
  });
});
