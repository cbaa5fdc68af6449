import type { Language } from '../../shared/languages.ts';

/**
 * A patient as the clinic keeps them: name, birth date, sex, the IANA time zone their days are
 * counted in and the language they read Myotrophy in.
 */
export const SEXES = ['female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];

export interface Patient {
  id: string;
  name: string;
  birthDate: string | null;
  sex: Sex | null;
  /** IANA time zone (e.g. 'Pacific/Auckland'): "today", due sessions and the adherence calendar follow it. */
  timeZone: string;
  /** What the patient's pages, handout, reminders and questionnaires are written in. */
  language: Language;
  createdAt: string;
  updatedAt: string;
}

export interface PatientInput {
  name: string;
  birthDate?: string | null;
  sex?: Sex | null;
  /** Defaults to the clinic's zone. */
  timeZone?: string;
  /** Defaults to English. */
  language?: Language;
}
