import type { Practitioner } from '@medplum/fhirtypes';
import { InvalidInputError } from '../shared/invalid-input.ts';

/**
 * A clinician's or admin's account as a Practitioner: the name, and the e-mail that identifies
 * the account (matched on import). Patients' own accounts are never Practitioners: what a patient
 * records is authored by the Patient.
 */
export interface PractitionerAccount {
  id: string;
  name: string;
  email: string;
}

export function toFhirPractitioner(user: PractitionerAccount): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: user.id,
    active: true,
    name: [{ text: user.name }],
    telecom: [{ system: 'email', value: user.email }],
  };
}

export function fromFhirPractitioner(resource: Practitioner): { name: string; email: string } {
  const email = resource.telecom?.find((t) => t.system === 'email')?.value;
  if (!email) {
    throw new InvalidInputError(
      `Practitioner/${resource.id ?? '?'} has no e-mail telecom; Myotrophy matches authors to accounts by e-mail`,
    );
  }
  const name = resource.name?.[0];
  const text = name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  return { name: text || email, email };
}
