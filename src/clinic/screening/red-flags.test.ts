import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { assessRedFlags, RED_FLAG_KEYS, RED_FLAG_RULES } from './red-flags.ts';

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

  it('refers a suspected deep vein thrombosis immediately and pauses exercise', () => {
    const result = assessRedFlags({ suspectedDeepVeinThrombosis: true });
    expect(result.urgency).toBe('immediate');
    expect(result.referrals[0]).toMatchObject({
      flag: 'suspectedDeepVeinThrombosis',
      exerciseWhileOpen: 'pause',
    });
    expect(result.referrals[0]?.source).toMatch(/thrombophlebitis/);
  });

  it('says for every flag whether exercise pauses or holds while it is open', () => {
    const hold = RED_FLAG_KEYS.filter((k) => RED_FLAG_RULES[k].exerciseWhileOpen === 'hold');
    expect(hold).toEqual([
      'progressiveWeaknessWithoutSensoryLoss',
      'fasciculationsWithWasting',
      'bulbarSigns',
    ]);
    // Every immediate referral pauses exercise.
    for (const k of RED_FLAG_KEYS) {
      if (RED_FLAG_RULES[k].urgency === 'immediate')
        expect(RED_FLAG_RULES[k].exerciseWhileOpen).toBe('pause');
    }
  });

  it('refuses prototype keys as findings, naming the allowed keys', () => {
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(() => assessRedFlags(JSON.parse(`{"${key}": true}`))).toThrow(
        /unknown red-flag finding .*allowed: progressiveWeakness/,
      );
    }
  });
});
