import { describe, expect, it } from 'vitest';
import type { Condition } from '../clinic/record/condition.ts';
import { causeConditionId, causeFromFhir, fromFhirCondition, toFhirConditions } from './condition.ts';
import { CLINICIAN_ID, PATIENT_ID, testContext } from './testing/context.ts';

/** The diagnosis, cause and immobilisation: what a Condition carries to FHIR and back. */
const diagnosis = {
  icd10Code: 'M62.562',
  site: 'lower-leg',
  side: 'left',
  cause: 'guillain-barre',
  onsetDate: '2024-03-01',
  immobilisedFrom: '2024-03-01',
  immobilisedTo: '2024-04-12',
} satisfies Partial<Condition>;

const condition: Condition = {
  id: '4f1d2c3b-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
  patientId: PATIENT_ID,
  ...diagnosis,
  title: 'Muscle wasting and atrophy, not elsewhere classified, left lower leg',
  recordedAt: '2024-03-02T09:00:00.000Z',
  recordedBy: CLINICIAN_ID,
  status: 'current',
  replacesId: null,
};

describe('Condition', () => {
  it('codes the atrophy and links its cause, recorded by whom and when', () => {
    const [atrophy, cause] = toFhirConditions(condition, testContext());
    expect(atrophy?.code?.coding?.map((c) => `${c.system}|${c.code}`)).toEqual([
      'http://hl7.org/fhir/sid/icd-10-cm|M62.562',
      'http://snomed.info/sct|88092000',
    ]);
    expect(atrophy?.recorder?.reference).toBe(`Practitioner/${CLINICIAN_ID}`);
    expect(atrophy?.evidence?.[0]?.detail?.[0]?.reference).toBe(
      `Condition/${causeConditionId(condition.id)}`,
    );
    expect(cause?.code?.coding?.map((c) => c.code)).toEqual(['G61.0', 'guillain-barre']);
    expect(cause?.recordedDate).toBe(condition.recordedAt);
  });

  it('maps back to the same diagnosis, cause and immobilisation', () => {
    const [atrophy, cause] = toFhirConditions(condition, testContext());
    if (!atrophy || !cause) throw new Error('expected two Conditions');
    expect(fromFhirCondition(atrophy, causeFromFhir(cause) ?? null)).toEqual(diagnosis);
  });

  it('knows a cause from its ICD-10-CM code alone, and writes one Condition when there is no cause', () => {
    expect(
      causeFromFhir({
        resourceType: 'Condition',
        subject: { reference: 'Patient/x' },
        code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G72.81' }] },
      }),
    ).toBe('icu');
    expect(toFhirConditions({ ...condition, cause: null }, testContext())).toHaveLength(1);
  });

  it('refuses a diagnosis without an ICD-10-CM code Myotrophy knows', () => {
    expect(() =>
      fromFhirCondition(
        {
          resourceType: 'Condition',
          id: 'c1',
          subject: {},
          code: { coding: [{ system: 'http://snomed.info/sct', code: '88092000' }] },
        },
        null,
      ),
    ).toThrow("Condition/c1 has no ICD-10-CM code (http://hl7.org/fhir/sid/icd-10-cm) in Myotrophy's table");
  });
});
