import type { IsoDate } from '../calendar/zoned-days.ts';

/**
 * The questionnaires a clinician may schedule for a patient to answer: the Lower Extremity
 * Functional Scale, the Patient-Specific Functional Scale and a pain rating 0–10 (src/clinic/scores).
 * Licensed questionnaires (EQ-5D needs a EuroQol licence) are left out.
 */
export const SCHEDULED_QUESTIONNAIRES = ['lefs', 'psfs', 'pain'] as const;
export type ScheduledQuestionnaire = (typeof SCHEDULED_QUESTIONNAIRES)[number];

/** Longest gap a clinician may set between two answers: one year. A Myotrophy sanity limit, no source. */
export const MAX_EVERY_WEEKS = 52;

/**
 * A questionnaire the patient answers on `baselineDate` (a day in the patient's own time zone) and
 * again every `everyWeeks` weeks after it. A later schedule of the same questionnaire replaces an
 * earlier one.
 */
export interface QuestionnaireScheduleInput {
  questionnaire: ScheduledQuestionnaire;
  baselineDate: IsoDate;
  everyWeeks: number;
}

export interface QuestionnaireSchedule extends QuestionnaireScheduleInput {
  id: string;
  patientId: string;
  setAt: string;
  setBy: string;
}
