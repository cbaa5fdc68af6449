import { describe, expect, it } from 'vitest';
import { MEASUREMENT_KIND_NAMES } from '../clinic/record/measurement-kinds.ts';
import codeData from './codes.json' with { type: 'json' };
import * as codes from './codes.ts';

describe('codes.json', () => {
  it('names a source for every standard code, and a code and display for every code', () => {
    for (const group of [
      codeData.snomed,
      codeData.snomedLaterality,
      codeData.snomedBodyStructures,
      codeData.loinc,
    ]) {
      for (const entry of Object.values(group)) {
        expect(entry.code).toMatch(/^[0-9]+(-[0-9])?$/);
        expect(entry.display.length).toBeGreaterThan(3);
        expect(entry.source.length).toBeGreaterThan(10);
      }
    }
    for (const group of [
      codeData.conditionRole,
      codeData.strengthDuration,
      codeData.session,
      codeData.sessionReport,
    ]) {
      for (const entry of Object.values(group)) expect(entry.code).toMatch(/^[a-z-]+$/);
    }
  });

  it('gives codes as a coding carries them: system, code and display, no source', () => {
    expect(codes.SNOMED_LATERALITY.bilateral).toEqual({
      system: codes.SNOMED_SYSTEM,
      code: '51440002',
      display: 'Right and left',
    });
    expect(codes.SNOMED_BODY_STRUCTURES['thigh|left']).toEqual({
      system: codes.SNOMED_SYSTEM,
      code: '61396006',
      display: 'Structure of left thigh',
    });
    expect(codes.LOINC_GRIP_LEFT).toEqual({
      system: codes.LOINC_SYSTEM,
      code: '83173-5',
      display: 'Grip strength Hand - left Dynamometer',
    });
    expect(codes.STRENGTH_DURATION.method).toEqual({
      system: 'urn:myotrophy:fhir:strength-duration',
      code: 'threshold-at-pulse-widths',
      display: 'Threshold current measured at several pulse widths and fitted (Weiss/Lapicque)',
    });
    expect(codes.SESSION_REPORT_CODES.pain.code).toBe('pain');
  });

  it('codes every measurement kind of the record with a codes.UCUM unit and a category', () => {
    expect(Object.keys(codes.MEASUREMENT_CODES).sort()).toEqual([...MEASUREMENT_KIND_NAMES].sort());
    expect(codes.MEASUREMENT_CODES.lefs).toMatchObject({
      local: { system: 'urn:myotrophy:fhir:measurement', code: 'lefs' },
      ucum: codes.UCUM.score,
      category: codes.CATEGORY_SURVEY,
    });
    expect(codes.MEASUREMENT_CODES.circumference?.standard('thigh', 'left')).toBe(
      codes.SNOMED_LOWER_LIMB_CIRCUMFERENCE,
    );
    expect(codes.MEASUREMENT_CODES.circumference?.standard('forearm', 'left')).toBeUndefined();
    expect(codes.MEASUREMENT_CODES['gait-speed']?.standard(null, null)).toBeUndefined();
    for (const coding of Object.values(codes.MEASUREMENT_CODES)) {
      expect(Object.values(codes.UCUM)).toContain(coding.ucum);
      expect(coding.category.system).toBe('http://terminology.hl7.org/CodeSystem/observation-category');
    }
  });
});
