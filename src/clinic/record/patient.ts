/** A patient as the clinic keeps them: name, birth date and sex. */
export const SEXES = ['female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];

export interface Patient {
  id: string;
  name: string;
  birthDate: string | null;
  sex: Sex | null;
  createdAt: string;
  updatedAt: string;
}

export interface PatientInput {
  name: string;
  birthDate?: string | null;
  sex?: Sex | null;
}
