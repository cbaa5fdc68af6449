import type { EntryVersion } from './correction.ts';

/** A clinician's free-text note on a patient. */
export interface Note extends EntryVersion {
  id: string;
  patientId: string;
  authorId: string;
  text: string;
  createdAt: string;
}
