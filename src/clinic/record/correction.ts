/**
 * Corrections of a clinical record (diagnosis, screening, measurement, SD test, session, note,
 * programme): an entry is never rewritten. An amendment is a new entry that replaces the old one,
 * which stays as 'superseded'; a mistake is kept, marked 'entered-in-error'. Each change keeps its
 * reason, who made it and when.
 */
export const ENTRY_STATUSES = ['current', 'superseded', 'entered-in-error'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** What every correctable entry carries: its status and the entry it amends (null for an original). */
export interface EntryVersion {
  status: EntryStatus;
  replacesId: string | null;
}

export const CORRECTION_ACTIONS = ['amend', 'entered-in-error'] as const;
export type CorrectionAction = (typeof CORRECTION_ACTIONS)[number];

/** The kinds of record that can be corrected, by the name the API and audit use. */
export const CORRECTABLE_KINDS = [
  'conditions',
  'screenings',
  'measurements',
  'sd-tests',
  'sessions',
  'notes',
  'programmes',
] as const;
export type CorrectableKind = (typeof CORRECTABLE_KINDS)[number];

/** One correction: which entry, what was done, why, by whom and when. */
export interface RecordCorrection {
  id: string;
  patientId: string;
  kind: CorrectableKind;
  recordId: string;
  action: CorrectionAction;
  /** The new entry an amendment made; null for entered-in-error. */
  replacementId: string | null;
  reason: string;
  correctedBy: string;
  correctedAt: string;
}
