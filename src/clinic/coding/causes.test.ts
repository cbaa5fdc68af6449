import { describe, expect, it } from 'vitest';
import { CAUSE_GROUPS, CAUSES, lookupCause } from './causes.ts';
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

  it('reads causes.json into whole causes, every shared text cited by name expanded', () => {
    expect(new Set(CAUSES.map((c) => c.id)).size).toBe(CAUSES.length);
    for (const cause of CAUSES) {
      expect(CAUSE_GROUPS).toContain(cause.group);
      expect(['with-m62.5', 'instead-of-m62.5']).toContain(cause.atrophyCoding);
      expect(['innervated', 'denervated', 'variable']).toContain(cause.innervation);
      expect(['nmes', 'nmes-with-care', 'denervated-protocol', 'specialist']).toContain(
        cause.stimulation.fit,
      );
      for (const text of [cause.label, cause.expectedCourse, cause.stimulation.how, ...cause.sources]) {
        expect(text).not.toMatch(/\{[a-z0-9-]+\}/);
      }
    }
    expect(lookupCause('spaceflight').stimulation.how).toBe(
      'Innervated muscle: conventional NMES (biphasic 0.2–0.45 ms, 30–50 Hz) prevents or slows disuse atrophy; pair it with loading as soon as allowed.',
    );
    expect(lookupCause('cast').sources[1]).toMatch(/^Dirks et al\. 2014 Acta Physiol 210:628/);
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
