import { describe, expect, it } from 'vitest';
import { blankNameProblem, PATIENT_DETAIL_FIELDS } from './patient-details.ts';

describe("a patient's details as the API and the form check them", () => {
  it('refuses a name of only spaces, which the schema lets through', () => {
    expect(PATIENT_DETAIL_FIELDS.name.schema.minLength).toBe(1);
    expect(blankNameProblem(' \t ')).toBe("the name is only spaces; give the patient's name");
    expect(blankNameProblem(' Ana ')).toBeNull();
  });
});
