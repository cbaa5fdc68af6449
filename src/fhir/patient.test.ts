import { describe, expect, it } from 'vitest';
import { fromFhirPatient, toFhirPatient } from './patient.ts';
import { PATIENT_ID } from './testing/context.ts';

const patient = {
  id: PATIENT_ID,
  name: 'Pat Example',
  birthDate: '1961-04-12',
  sex: 'female' as const,
  timeZone: 'Europe/London',
  language: 'en' as const,
  createdAt: '2024-03-01T09:00:00.000Z',
  updatedAt: '2024-03-02T09:00:00.000Z',
};

describe('Patient', () => {
  it('maps the name, sex and birth date both ways', () => {
    const resource = toFhirPatient(patient);
    expect(resource).toMatchObject({
      resourceType: 'Patient',
      id: PATIENT_ID,
      gender: 'female',
      birthDate: '1961-04-12',
      name: [{ text: 'Pat Example' }],
      meta: { lastUpdated: '2024-03-02T09:00:00.000Z' },
    });
    expect(fromFhirPatient(resource)).toEqual({
      name: 'Pat Example',
      birthDate: '1961-04-12',
      sex: 'female',
    });
  });

  it('reads a name given in parts, and gender unknown as no sex', () => {
    expect(
      fromFhirPatient({
        resourceType: 'Patient',
        name: [{ given: ['Ada', 'M.'], family: 'Lovelace' }],
        gender: 'unknown',
      }),
    ).toEqual({ name: 'Ada M. Lovelace', birthDate: null, sex: null });
  });

  it('refuses a patient without a name, or with a birth date that is not a day', () => {
    expect(() => fromFhirPatient({ resourceType: 'Patient', id: 'x' })).toThrow('Patient/x has no name');
    expect(() =>
      fromFhirPatient({ resourceType: 'Patient', name: [{ text: 'A' }], birthDate: '1961' }),
    ).toThrow("Patient.birthDate '1961' must be a full date YYYY-MM-DD");
  });
});
