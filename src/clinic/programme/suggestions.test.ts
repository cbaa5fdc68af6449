import { describe, expect, it } from 'vitest';
import { MUSCLE_IDS } from '../anatomy/electrode-sites.ts';
import { CAUSE_IDS } from '../coding/causes.ts';
import { BODY_SITES } from '../coding/icd10cm-table.ts';
import { GOALS } from './stimulation-programme.ts';
import { suggestedGoal, suggestedMuscle } from './suggestions.ts';

describe('suggestedGoal', () => {
  it('offers maintenance of denervated muscle after a nerve injury, polio or a spinal cord injury', () => {
    for (const cause of ['peripheral-nerve-injury', 'polio', 'spinal-cord-injury']) {
      expect(suggestedGoal(cause)).toBe('denervated-maintenance');
    }
  });

  it('offers rebuilding for slow general wasting, and prevention of disuse atrophy otherwise', () => {
    for (const cause of ['sedentary', 'sarcopenia', 'malnutrition'])
      expect(suggestedGoal(cause)).toBe('reverse-atrophy');
    for (const cause of ['cast', 'icu', 'stroke', 'guillain-barre', null, undefined, '']) {
      expect(suggestedGoal(cause)).toBe('prevent-disuse-atrophy');
    }
  });

  it('offers a goal the planner knows for every cause', () => {
    for (const cause of CAUSE_IDS) expect(GOALS).toContain(suggestedGoal(cause));
  });
});

describe('suggestedMuscle', () => {
  it('offers the muscle a body site usually calls for', () => {
    expect(suggestedMuscle('thigh', 'cast')).toBe('quadriceps');
    expect(suggestedMuscle('lower-leg', 'cast')).toBe('triceps-surae');
    expect(suggestedMuscle('ankle-foot', null)).toBe('tibialis-anterior');
    expect(suggestedMuscle('hand', 'stroke')).toBe('wrist-flexors');
    expect(suggestedMuscle('back-lumbosacral', undefined)).toBe('lumbar-paraspinals');
  });

  it('offers the dorsiflexors after a peripheral nerve injury, and the quadriceps for a site with no usual muscle', () => {
    expect(suggestedMuscle('thigh', 'peripheral-nerve-injury')).toBe('tibialis-anterior');
    expect(suggestedMuscle('multiple', 'cast')).toBe('quadriceps');
    expect(suggestedMuscle(null, null)).toBe('quadriceps');
  });

  it('offers only muscles the electrode catalogue holds', () => {
    for (const site of BODY_SITES) {
      for (const cause of [...CAUSE_IDS, null]) expect(MUSCLE_IDS).toContain(suggestedMuscle(site, cause));
    }
  });
});
