import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Measurement } from '../clinic/record/measurement.ts';
import { MEASUREMENT_KIND_NAMES } from '../clinic/record/measurement-kinds.ts';
import { MEASUREMENT_CODES } from './codes.ts';
import { fromFhirMeasurement, measurementKindOf, toFhirMeasurement } from './observation.ts';
import { CLINICIAN_ID, PATIENT_ID, testContext } from './testing/context.ts';

const grip: Measurement = {
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  patientId: PATIENT_ID,
  kind: 'grip',
  value: 24.5,
  unit: 'kg',
  measuredAt: '2024-04-15T10:00:00.000Z',
  site: 'hand',
  side: 'right',
  note: null,
  recordedBy: CLINICIAN_ID,
  status: 'current',
  replacesId: null,
};

describe('measurement Observation', () => {
  it('has a coding and a UCUM unit for every measurement kind the store keeps', () => {
    expect(Object.keys(MEASUREMENT_CODES).sort()).toEqual([...MEASUREMENT_KIND_NAMES].sort());
  });

  it('codes grip by side in LOINC, in kilogram-force, measured by whom and when', () => {
    const observation = toFhirMeasurement(grip, testContext());
    expect(observation.code.coding?.[0]).toMatchObject({ system: 'http://loinc.org', code: '83174-3' });
    expect(observation.valueQuantity).toEqual({
      value: 24.5,
      unit: 'kgf',
      system: 'http://unitsofmeasure.org',
      code: 'kgf',
    });
    expect(observation.performer?.[0]?.reference).toBe(`Practitioner/${CLINICIAN_ID}`);
    expect(observation.effectiveDateTime).toBe('2024-04-15T10:00:00.000Z');
    expect(observation.method?.text).toBe('grip strength by dynamometer');
    expect(fromFhirMeasurement(observation, 'grip')).toEqual({
      kind: 'grip',
      value: 24.5,
      measuredAt: '2024-04-15T10:00:00.000Z',
      site: 'hand',
      side: 'right',
      note: null,
    });
  });

  it('recognises another system’s grip by LOINC alone and converts pounds-force', () => {
    const foreign: Observation = {
      resourceType: 'Observation',
      id: 'o1',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '83173-5' }] },
      effectiveDateTime: '2024-04-15',
      valueQuantity: { value: 60, system: 'http://unitsofmeasure.org', code: '[lbf_av]' },
    };
    expect(measurementKindOf(foreign)).toBe('grip');
    expect(fromFhirMeasurement(foreign, 'grip').value).toBeCloseTo(27.2155422, 7);
    expect(
      measurementKindOf({
        ...foreign,
        code: { coding: [{ system: 'http://snomed.info/sct', code: '413171006' }] },
      }),
    ).toBe('circumference');
  });

  it('refuses a value in a unit that is not the kind’s', () => {
    const inches = {
      ...toFhirMeasurement({ ...grip, kind: 'circumference', value: 14, site: 'lower-leg' }, testContext()),
      valueQuantity: { value: 14, code: '[in_i]' },
    };
    expect(() => fromFhirMeasurement(inches, 'circumference')).toThrow(
      `Observation/${grip.id} (circumference) is in '[in_i]'; Myotrophy takes UCUM 'cm'`,
    );
  });
});
