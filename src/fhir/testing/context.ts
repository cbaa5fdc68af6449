import type { Author, MappingContext, ReferenceStyle } from '../references.ts';

export const PATIENT_ID = '0b6f8c9e-3f1a-4c2b-9d7e-5a4b3c2d1e0f';
export const CLINICIAN_ID = '7d2e1f0a-9b8c-4d7e-8f6a-5b4c3d2e1f0a';
export const PATIENT_USER_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** A mapping context with one clinician and the patient's own account, for the pure mapping tests. */
export function testContext(style: ReferenceStyle = 'relative'): MappingContext {
  const authors = new Map<string, Author>([
    [CLINICIAN_ID, { userId: CLINICIAN_ID, resourceType: 'Practitioner', id: CLINICIAN_ID }],
    [PATIENT_USER_ID, { userId: PATIENT_USER_ID, resourceType: 'Patient', id: PATIENT_ID }],
  ]);
  return { style, patientId: PATIENT_ID, authors };
}
