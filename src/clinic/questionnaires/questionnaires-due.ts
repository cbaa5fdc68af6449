import { addDays, daysBetween, type IsoDate, localDate } from '../calendar/zoned-days.ts';
import {
  type QuestionnaireSchedule,
  SCHEDULED_QUESTIONNAIRES,
  type ScheduledQuestionnaire,
} from '../record/questionnaire-schedule.ts';

/** One answer already given: which questionnaire, and the instant it was answered. */
export interface QuestionnaireAnswered {
  questionnaire: ScheduledQuestionnaire;
  answeredAt: string;
}

export interface QuestionnaireDue {
  questionnaire: ScheduledQuestionnaire;
  /** The scheduled day this answer is for (the patient's day); due from then until answered. */
  dueSince: IsoDate;
  occasion: 'baseline' | 'follow-up';
}

/**
 * The questionnaires due on the patient's day at `now`. Days are counted in the patient's own time
 * zone. Each questionnaire follows its latest schedule; an occasion falls on the baseline day and
 * every `everyWeeks` weeks after, and stays due until an answer is given on or after that day (an
 * answer the clinician records in clinic counts as well). A missed occasion is replaced by the next.
 * Due questionnaires come in one fixed order (LEFS, PSFS, pain), whatever order they were set in.
 */
export function questionnairesDue(
  schedules: readonly QuestionnaireSchedule[],
  answers: readonly QuestionnaireAnswered[],
  now: Date,
  timeZone: string,
): QuestionnaireDue[] {
  const today = localDate(now, timeZone);
  const latest = new Map<ScheduledQuestionnaire, QuestionnaireSchedule>();
  for (const schedule of schedules) {
    const held = latest.get(schedule.questionnaire);
    if (!held || Date.parse(schedule.setAt) >= Date.parse(held.setAt)) {
      latest.set(schedule.questionnaire, schedule);
    }
  }
  const due: QuestionnaireDue[] = [];
  for (const schedule of latest.values()) {
    const elapsed = daysBetween(schedule.baselineDate, today);
    if (elapsed < 0) continue;
    const periodDays = schedule.everyWeeks * 7;
    const occasions = Math.floor(elapsed / periodDays);
    const dueSince = addDays(schedule.baselineDate, occasions * periodDays);
    const answered = answers.some(
      (a) => a.questionnaire === schedule.questionnaire && localDate(a.answeredAt, timeZone) >= dueSince,
    );
    if (!answered) {
      due.push({
        questionnaire: schedule.questionnaire,
        dueSince,
        occasion: occasions === 0 ? 'baseline' : 'follow-up',
      });
    }
  }
  return due.sort(
    (a, b) =>
      SCHEDULED_QUESTIONNAIRES.indexOf(a.questionnaire) - SCHEDULED_QUESTIONNAIRES.indexOf(b.questionnaire),
  );
}
