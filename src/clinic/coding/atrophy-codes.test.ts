import { describe, expect, it } from 'vitest';
import { codeAtrophy, codeMuscleAtrophy } from './atrophy-codes.ts';
import { lookupIcd10Code } from './icd10cm.ts';
import { BODY_SITES } from './icd10cm-table.ts';

describe('codeAtrophy: the bilateral rule (ICD-10-CM I.B.13)', () => {
  it('codes both thighs as two codes, right then left, citing the guideline', () => {
    const both = codeAtrophy('thigh', 'bilateral');
    expect(both.codes.map((c) => c.code)).toEqual(['M62.551', 'M62.552']);
    expect(both.codes.map((c) => c.title)).toEqual([
      'Muscle wasting and atrophy, not elsewhere classified, right thigh',
      'Muscle wasting and atrophy, not elsewhere classified, left thigh',
    ]);
    expect(both.rule).toMatch(/no bilateral code: code the right and the left side separately/);
    expect(both.source).toMatch(/I\.B\.13/);
  });

  it('gives every lateral site two distinct billable codes for both sides, and one code otherwise', () => {
    for (const site of BODY_SITES) {
      const both = codeAtrophy(site, 'bilateral');
      const codes = both.codes.map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const c of both.codes) expect(lookupIcd10Code(c.code).billable).toBe(true);
      if (['shoulder', 'upper-arm', 'forearm', 'hand', 'thigh', 'lower-leg', 'ankle-foot'].includes(site)) {
        expect(codes).toHaveLength(2);
        expect(both.codes.map((c) => c.side)).toEqual(['right', 'left']);
      } else {
        expect(codes).toHaveLength(1);
        expect(both.rule).toMatch(/without laterality: one code covers both sides/);
      }
    }
    expect(codeAtrophy('lower-leg', 'left').codes.map((c) => c.code)).toEqual(['M62.562']);
  });

  it('codes gluteal atrophy M62.58 (other site) with the reason, both sides in one code', () => {
    const glute = codeMuscleAtrophy('gluteus-maximus', 'bilateral');
    expect(glute.codes.map((c) => c.code)).toEqual(['M62.58']);
    expect(glute.siteBasis).toMatch(/no hip, buttock or gluteal site.*M62\.55- is "thigh".*UNCONFIRMED/);
    expect(lookupIcd10Code('M62.58').notes?.join(' ')).toMatch(/gluteal/);
    expect(codeMuscleAtrophy('quadriceps', 'bilateral').codes.map((c) => c.code)).toEqual([
      'M62.551',
      'M62.552',
    ]);
    expect(codeMuscleAtrophy('quadriceps', 'right').siteBasis).toBeUndefined();
  });

  it('refuses prototype keys and unknown sites and sides, naming what is allowed', () => {
    for (const bad of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'both']) {
      expect(() => codeAtrophy(bad, 'left')).toThrow(/body site must be one of shoulder, upper-arm/);
      expect(() => codeAtrophy('thigh', bad)).toThrow(
        /side must be one of left, right, unspecified, bilateral/,
      );
      expect(() => codeMuscleAtrophy(bad, 'left')).toThrow(/unknown muscle .*allowed: quadriceps/);
    }
  });
});
