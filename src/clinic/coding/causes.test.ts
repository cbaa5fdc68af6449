import { describe, expect, it } from 'vitest';
import { CAUSES, lookupCause } from './causes.ts';
import { findCodingConflicts, lookupIcd10Code } from './icd10cm.ts';

describe('causes', () => {
  it('covers every cause the clinician can record, in its group', () => {
    const ids = (group: string) => CAUSES.filter((c) => c.group === group).map((c) => c.id);
    expect(ids('disuse')).toEqual(['cast', 'brace', 'bed-rest', 'icu', 'sedentary', 'spaceflight']);
    expect(ids('neurogenic')).toEqual([
      'als',
      'guillain-barre',
      'polio',
      'post-polio',
      'spinal-cord-injury',
      'stroke',
      'peripheral-nerve-injury',
    ]);
    expect(ids('other')).toEqual([
      'corticosteroids',
      'burns',
      'rheumatoid-arthritis',
      'malnutrition',
      'muscular-dystrophy',
      'osteoarthritis',
      'peripheral-artery-disease',
      'diabetes',
      'sarcopenia',
    ]);
  });

  it('gives every cause codes that the ICD-10-CM table knows, a course, a stimulation rule and sources', () => {
    for (const cause of CAUSES) {
      expect(cause.codes.length).toBeGreaterThan(0);
      for (const { code } of cause.codes) expect(lookupIcd10Code(code).code).toBe(code);
      expect(cause.expectedCourse.length).toBeGreaterThan(30);
      expect(cause.stimulation.how.length).toBeGreaterThan(30);
      expect(cause.sources.length).toBeGreaterThan(0);
    }
  });

  it('codes ALS as G12.21 and sarcopenia as M62.84 instead of M62.5-, consistent with the exclusion rules', () => {
    for (const cause of CAUSES) {
      const conflicts = findCodingConflicts(['M62.562', ...cause.codes.map((c) => c.code)]);
      expect(conflicts.length > 0).toBe(cause.atrophyCoding === 'instead-of-m62.5');
    }
    expect(lookupCause('als').codes[0]?.code).toBe('G12.21');
    expect(lookupCause('sarcopenia').codes[0]?.code).toBe('M62.84');
  });

  it('sends denervating causes to the strength–duration protocol and keeps disuse on NMES', () => {
    expect(lookupCause('peripheral-nerve-injury')).toMatchObject({
      innervation: 'denervated',
      stimulation: { fit: 'denervated-protocol' },
    });
    for (const id of ['cast', 'brace', 'bed-rest', 'sedentary', 'spaceflight']) {
      expect(lookupCause(id)).toMatchObject({ innervation: 'innervated', stimulation: { fit: 'nmes' } });
    }
  });

  it('rejects an unknown cause, listing the known ones', () => {
    expect(() => lookupCause('gout')).toThrow(/unknown cause 'gout'; allowed: cast, brace, bed-rest/);
  });
});
