/**
 * A patient's name and birth date as the API checks them (JSON Schema, fed to the OpenAPI
 * document) and as the new-patient form checks them before sending, with the words the form shows.
 */
export const PATIENT_DETAIL_FIELDS = {
  name: { label: 'Name', schema: { type: 'string', minLength: 1, maxLength: 200 } },
  birthDate: {
    label: 'Date of birth',
    schema: { type: ['string', 'null'], format: 'date', maxLength: 10 },
  },
} as const;

/** Why a name of only spaces is refused (the schema's minLength lets it through), or null. */
export function blankNameProblem(name: string): string | null {
  return name.trim() === '' ? "the name is only spaces; give the patient's name" : null;
}
