import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { CONTRACTION_STEPS, evokedForceTarget, evokedForceVerdict, weakerStep } from './evoked-force.ts';

const goal = {
  minPercentMvc: 50,
  maxPercentMvc: 100,
  minStep: 'partial-movement' as const,
  maxStep: 'full-movement' as const,
  titration: 'raise it each session',
};

describe('evoked-force targets', () => {
  it('aims at a % of the measured MVC, with the force in newtons', () => {
    const t = evokedForceTarget(goal, 380);
    expect(t).toMatchObject({ basis: 'dynamometry', minPercentMvc: 50, maxPercentMvc: 100, minForceN: 190 });
    expect(evokedForceVerdict(t, { percentMvc: 40 })).toBe('below-target');
    expect(evokedForceVerdict(t, { percentMvc: 55 })).toBe('on-target');
  });

  it('aims at an observed contraction step without an MVC', () => {
    const t = evokedForceTarget(goal, undefined);
    expect(t.basis).toBe('observed');
    expect(t.minForceN).toBeUndefined();
    expect(evokedForceVerdict(t, { step: 'visible' })).toBe('below-target');
    expect(evokedForceVerdict(t, { step: 'full-movement' })).toBe('on-target');
    expect(evokedForceVerdict(t, {})).toBe('not-recorded');
    expect(() => evokedForceVerdict(t, { percentMvc: 60 })).toThrow(/record the contraction step/);
  });

  it('lowers the target under a cap, and a session beyond the cap is flagged', () => {
    const t = evokedForceTarget(goal, 300, { maxPercentMvc: 30, maxStep: 'visible' });
    expect(t).toMatchObject({
      minPercentMvc: 30,
      maxPercentMvc: 30,
      minStep: 'visible',
      maxStep: 'visible',
      minForceN: 90,
    });
    expect(evokedForceVerdict(t, { percentMvc: 45 })).toBe('above-cap');
    expect(evokedForceVerdict({ ...t, basis: 'observed' }, { step: 'partial-movement' })).toBe('above-cap');
  });

  it('orders the steps weakest first and rejects unknown steps and prototype keys', () => {
    expect(CONTRACTION_STEPS).toEqual(['palpable', 'visible', 'partial-movement', 'full-movement']);
    expect(weakerStep('full-movement', 'visible')).toBe('visible');
    const t = evokedForceTarget(goal, undefined);
    for (const bad of ['constructor', '__proto__', 'strong']) {
      expect(() => evokedForceVerdict(t, { step: bad as never })).toThrow(InvalidInputError);
      expect(() => evokedForceVerdict(t, { step: bad as never })).toThrow(
        /palpable, visible, partial-movement, full-movement/,
      );
    }
  });
});
