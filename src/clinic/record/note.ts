/** A clinician's free-text note on a patient. */
export interface Note {
  id: string;
  patientId: string;
  authorId: string;
  text: string;
  createdAt: string;
}
