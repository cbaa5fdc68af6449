/** A patient as the clinic keeps them: name, birth date, sex and the IANA time zone their days are counted in. */
export const SEXES = ['female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];

export interface Patient {
  id: string;
  name: string;
  birthDate: string | null;
  sex: Sex | null;
  /** IANA time zone (e.g. 'Pacific/Auckland'): "today", due sessions and the adherence calendar follow it. */
  timeZone: string;
  createdAt: string;
  updatedAt: string;
}

export interface PatientInput {
  name: string;
  birthDate?: string | null;
  sex?: Sex | null;
  /** Defaults to the clinic's zone. */
  timeZone?: string;
}
