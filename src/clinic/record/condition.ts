import type { EntryVersion } from './correction.ts';

/**
 * A diagnosis: an ICD-10-CM code (given, or derived from body site + side by the coding module),
 * the cause of the atrophy, its onset and any immobilisation period.
 */
export interface ConditionInput {
  icd10Code?: string;
  site?: string;
  side?: string;
  cause?: string | null;
  onsetDate?: string | null;
  immobilisedFrom?: string | null;
  immobilisedTo?: string | null;
}

export interface Condition extends EntryVersion {
  id: string;
  patientId: string;
  icd10Code: string;
  title: string;
  site: string | null;
  side: string | null;
  cause: string | null;
  onsetDate: string | null;
  immobilisedFrom: string | null;
  immobilisedTo: string | null;
  recordedAt: string;
  recordedBy: string;
}
