import { describe, expect, it } from 'vitest';
import { authorRef, derivedId, ref, referencedId, referenceTo } from './references.ts';
import { CLINICIAN_ID, PATIENT_ID, testContext } from './testing/context.ts';

describe('references', () => {
  it('derives a stable, UUID-shaped id per record and role', () => {
    const a = derivedId(PATIENT_ID, 'cause');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedId(PATIENT_ID, 'cause')).toBe(a);
    expect(derivedId(PATIENT_ID, 'rheobase')).not.toBe(a);
    expect(derivedId(CLINICIAN_ID, 'cause')).not.toBe(a);
  });

  it('references by urn:uuid with the type in a Bundle, by Type/id in the read API', () => {
    expect(ref(testContext('bundle'), 'Condition', PATIENT_ID)).toEqual({
      reference: `urn:uuid:${PATIENT_ID}`,
      type: 'Condition',
    });
    expect(ref(testContext('relative'), 'Condition', PATIENT_ID)).toEqual({
      reference: `Condition/${PATIENT_ID}`,
    });
    expect(referenceTo('relative', 'Patient', 'x')).toBe('Patient/x');
  });

  it('makes the patient’s own account the Patient, and other accounts Practitioners', () => {
    const context = testContext();
    expect(authorRef(context, CLINICIAN_ID).reference).toBe(`Practitioner/${CLINICIAN_ID}`);
    expect(authorRef(context, '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d').reference).toBe(
      `Patient/${PATIENT_ID}`,
    );
    expect(() => authorRef(context, 'nobody')).toThrow('no author known for user nobody');
  });

  it('reads the id a reference points at', () => {
    expect(referencedId(`urn:uuid:${PATIENT_ID}`)).toBe(PATIENT_ID);
    expect(referencedId(`Patient/${PATIENT_ID}`)).toBe(PATIENT_ID);
    expect(referencedId(`https://example.org/fhir/R4/Patient/${PATIENT_ID}/_history/2`)).toBe(PATIENT_ID);
    expect(referencedId(undefined)).toBeUndefined();
  });
});
