import type { PsfsActivity } from '../scores/psfs.ts';

/** The patient's answers to one questionnaire, item by item, as they gave them. */
export type QuestionnaireAnswers =
  /** The twenty LEFS items in order, each 0–4. */
  | { questionnaire: 'lefs'; answers: number[] }
  /** The activities the patient named, each rated 0–10. */
  | { questionnaire: 'psfs'; activities: PsfsActivity[] }
  /** One pain rating 0–10, for the past week. */
  | { questionnaire: 'pain'; answers: number[] };

/** A stored answer to a questionnaire: the items, their score, and the LEFS measurement it made. */
export type QuestionnaireResponseRecord = QuestionnaireAnswers & {
  id: string;
  patientId: string;
  answeredAt: string;
  /** The questionnaire's score (LEFS total, PSFS mean, pain rating). */
  score: number;
  /** A LEFS answer is also kept as a LEFS measurement, the one the trajectory and alerts read. */
  measurementId: string | null;
  recordedBy: string;
};
