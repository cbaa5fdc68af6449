import { describe, expect, it } from 'vitest';
import { fromFhirPractitioner, toFhirPractitioner } from './practitioner.ts';

describe('Practitioner', () => {
  it('carries the account’s name and e-mail both ways', () => {
    const resource = toFhirPractitioner({ id: 'u1', name: 'Casey Clinician', email: 'casey@clinic.test' });
    expect(resource.telecom).toEqual([{ system: 'email', value: 'casey@clinic.test' }]);
    expect(fromFhirPractitioner(resource)).toEqual({ name: 'Casey Clinician', email: 'casey@clinic.test' });
  });

  it('refuses a Practitioner with no e-mail, since accounts are matched by it', () => {
    expect(() =>
      fromFhirPractitioner({ resourceType: 'Practitioner', id: 'p', name: [{ text: 'X' }] }),
    ).toThrow('Practitioner/p has no e-mail telecom');
  });
});
