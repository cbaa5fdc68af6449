import { describe, expect, it } from 'vitest';
import { scorePainRating } from './pain-rating.ts';
import { scorePsfs } from './psfs.ts';

describe('scorePsfs', () => {
  it('is the mean rating to one decimal', () => {
    expect(scorePsfs([{ activity: 'stairs', score: 3 }])).toBe(3);
    expect(
      scorePsfs([
        { activity: 'climbing stairs', score: 3 },
        { activity: 'walking the dog', score: 4 },
        { activity: 'kneeling', score: 4 },
      ]),
    ).toBe(3.7);
  });
  it('refuses no activity, more than five, blank or repeated names, and ratings off the 0–10 scale', () => {
    expect(() => scorePsfs([])).toThrow('the PSFS needs 1 to 5 activities');
    const six = [1, 2, 3, 4, 5, 6].map((n) => ({ activity: `activity ${n}`, score: 5 }));
    expect(() => scorePsfs(six)).toThrow('got 6 activities');
    expect(() => scorePsfs([{ activity: '   ', score: 5 }])).toThrow('must be named in 1 to 80 characters');
    expect(() =>
      scorePsfs([
        { activity: 'Stairs', score: 5 },
        { activity: 'stairs ', score: 6 },
      ]),
    ).toThrow('PSFS activity "stairs" is named twice');
    expect(() => scorePsfs([{ activity: 'stairs', score: 11 }])).toThrow('whole number 0–10; got 11');
    expect(() => scorePsfs([{ activity: 'stairs', score: 2.5 }])).toThrow('got 2.5');
  });
});

describe('scorePainRating', () => {
  it('takes one whole number 0–10', () => {
    expect(scorePainRating([0])).toBe(0);
    expect(scorePainRating([7])).toBe(7);
    expect(() => scorePainRating([11])).toThrow('a whole number 0 (no pain) to 10');
    expect(() => scorePainRating([3, 4])).toThrow('got [3,4]');
    expect(() => scorePainRating([])).toThrow('needs one answer');
  });
});
