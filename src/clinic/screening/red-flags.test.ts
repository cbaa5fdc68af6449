import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { assessRedFlags, RED_FLAG_KEYS } from './red-flags.ts';

describe('assessRedFlags', () => {
  it('refers immediately for symmetric weakness progressing over days (Guillain–Barré)', () => {
    const result = assessRedFlags({ symmetricWeaknessProgressingOverDays: true });
    expect(result.refer).toBe(true);
    expect(result.urgency).toBe('immediate');
    expect(result.referrals[0]?.reason).toMatch(/Guillain–Barré/);
    expect(result.referrals[0]?.source).toMatch(/BMJ/);
  });

  it('refers without delay for the motor neuron disease flags, citing NICE NG42', () => {
    for (const flag of [
      'progressiveWeaknessWithoutSensoryLoss',
      'fasciculationsWithWasting',
      'bulbarSigns',
      'breathlessLyingFlat',
    ] as const) {
      const result = assessRedFlags({ [flag]: true });
      expect(result.urgency).toBe('without-delay');
      expect(result.referrals).toHaveLength(1);
      expect(result.referrals[0]?.source).toMatch(/NICE NG42/);
      expect(result.referrals[0]?.referTo).toMatch(/neurology/);
    }
  });

  it('lists the most urgent referral first', () => {
    const result = assessRedFlags({
      bulbarSigns: true,
      suddenWeakness: true,
      fasciculationsWithWasting: true,
    });
    expect(result.referrals.map((r) => r.flag)).toEqual([
      'suddenWeakness',
      'fasciculationsWithWasting',
      'bulbarSigns',
    ]);
    expect(result.urgency).toBe('immediate');
  });

  it('clears when every answer is no, and reports unanswered keys otherwise', () => {
    const allNo = Object.fromEntries(RED_FLAG_KEYS.map((k) => [k, false]));
    expect(assessRedFlags(allNo)).toEqual({ refer: false, urgency: 'none', referrals: [], unanswered: [] });
    expect(assessRedFlags({ bulbarSigns: false }).unanswered).toHaveLength(RED_FLAG_KEYS.length - 1);
  });

  it('rejects unknown keys and non-boolean answers, naming the allowed keys', () => {
    expect(() => assessRedFlags({ fever: true } as never)).toThrow(InvalidInputError);
    expect(() => assessRedFlags({ fever: true } as never)).toThrow(
      /allowed: progressiveWeaknessWithoutSensoryLoss/,
    );
    expect(() => assessRedFlags({ bulbarSigns: 'yes' } as never)).toThrow(/must be true or false/);
  });
});
