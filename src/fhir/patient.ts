import type { Patient as FhirPatient } from '@medplum/fhirtypes';
import type { Patient, PatientInput, Sex } from '../clinic/record/patient.ts';
import { SEXES } from '../clinic/record/patient.ts';
import { InvalidInputError } from '../shared/invalid-input.ts';

/**
 * Patient ↔ FHIR Patient. The store keeps one name string (HumanName.text), a birth date and an
 * administrative sex (female, male, other: the FHIR administrative-gender codes of the same name).
 * Who created the record and when travel in a Provenance (./provenance.ts).
 */
export function toFhirPatient(patient: Patient): FhirPatient {
  return {
    resourceType: 'Patient',
    id: patient.id,
    meta: { lastUpdated: patient.updatedAt },
    active: true,
    name: [{ use: 'official', text: patient.name }],
    ...(patient.sex ? { gender: patient.sex } : {}),
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
  };
}

export function fromFhirPatient(resource: FhirPatient): PatientInput {
  const name = resource.name?.[0];
  const text =
    name?.text ?? [...(name?.prefix ?? []), ...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  if (!text) throw new InvalidInputError(`Patient/${resource.id ?? '?'} has no name; a patient needs one`);
  let sex: Sex | null = null;
  if (resource.gender !== undefined && resource.gender !== 'unknown') {
    if (!(SEXES as readonly string[]).includes(resource.gender)) {
      throw new InvalidInputError(
        `Patient.gender '${resource.gender}' is not one of ${SEXES.join(', ')}, unknown`,
      );
    }
    sex = resource.gender as Sex;
  }
  if (resource.birthDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(resource.birthDate)) {
    throw new InvalidInputError(
      `Patient.birthDate '${resource.birthDate}' must be a full date YYYY-MM-DD (the record keeps the day)`,
    );
  }
  return { name: text, birthDate: resource.birthDate ?? null, sex };
}
