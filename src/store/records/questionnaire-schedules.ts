import type { Kysely } from 'kysely';
import type {
  QuestionnaireSchedule,
  QuestionnaireScheduleInput,
  ScheduledQuestionnaire,
} from '../../clinic/record/questionnaire-schedule.ts';
import { iso, type RowOf } from '../rows.ts';
import type { Schema } from '../schema.ts';
import { insertPatientRow, patientRecordFinder, patientRecordLister } from './patient-rows.ts';

export type {
  QuestionnaireSchedule,
  QuestionnaireScheduleInput,
} from '../../clinic/record/questionnaire-schedule.ts';

export async function createQuestionnaireSchedule(
  db: Kysely<Schema>,
  patientId: string,
  input: QuestionnaireScheduleInput,
  setBy: string,
  now: Date,
): Promise<QuestionnaireSchedule> {
  const row = await insertPatientRow(db, 'questionnaire_schedules', patientId, {
    questionnaire: input.questionnaire,
    baseline_date: input.baselineDate,
    every_weeks: input.everyWeeks,
    set_at: now,
    set_by: setBy,
  });
  return toQuestionnaireSchedule(row);
}

export function toQuestionnaireSchedule(row: RowOf<'questionnaire_schedules'>): QuestionnaireSchedule {
  return {
    id: row.id,
    patientId: row.patient_id,
    questionnaire: row.questionnaire as ScheduledQuestionnaire,
    baselineDate: row.baseline_date,
    everyWeeks: row.every_weeks,
    setAt: iso(row.set_at),
    setBy: row.set_by,
  };
}

export const listQuestionnaireSchedules = patientRecordLister(
  'questionnaire_schedules',
  toQuestionnaireSchedule,
);

/** One questionnaire schedule of the patient, by id. */
export const findQuestionnaireSchedule = patientRecordFinder(
  'questionnaire_schedules',
  toQuestionnaireSchedule,
);
