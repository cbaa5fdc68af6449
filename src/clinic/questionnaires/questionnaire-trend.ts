import type { ScheduledQuestionnaire } from '../record/questionnaire-schedule.ts';
import { LEFS_MAX, LEFS_MCID, LEFS_SOURCE } from '../scores/lefs.ts';
import { PAIN_RATING_MAX, PAIN_RATING_MID, PAIN_RATING_SOURCE } from '../scores/pain-rating.ts';
import { PSFS_ACTIVITY_MAX, PSFS_MID, PSFS_SOURCE } from '../scores/psfs.ts';

/** One score as stored, and when it was answered. */
export interface QuestionnaireScore {
  value: number;
  measuredAt: string;
}

/** How each questionnaire's score is read: its maximum, its direction and its important change. */
export const QUESTIONNAIRE_SCALES: Record<
  ScheduledQuestionnaire,
  {
    max: number;
    higherIsBetter: boolean;
    /** The minimal clinically important difference, in points. */
    mcid: number;
    source: string;
  }
> = {
  lefs: {
    max: LEFS_MAX,
    higherIsBetter: true,
    mcid: LEFS_MCID,
    source: LEFS_SOURCE,
  },
  psfs: {
    max: PSFS_ACTIVITY_MAX,
    higherIsBetter: true,
    mcid: PSFS_MID,
    source: PSFS_SOURCE,
  },
  pain: {
    max: PAIN_RATING_MAX,
    higherIsBetter: false,
    mcid: PAIN_RATING_MID,
    source: PAIN_RATING_SOURCE,
  },
};

export interface QuestionnaireTrend {
  questionnaire: ScheduledQuestionnaire;
  /** Every score, oldest first. */
  points: QuestionnaireScore[];
  baseline: QuestionnaireScore;
  latest: QuestionnaireScore;
  /** Latest minus baseline, in points (to one decimal). */
  changeFromBaseline: number;
  /** The minimal clinically important difference (QUESTIONNAIRE_SCALES). */
  mcid: number;
  /** Whether the change from baseline is at least the MCID, either way; null with one answer only. */
  passesMcid: boolean | null;
}

/** The trend from the first score (the baseline) to the latest, judged against the MCID. */
export function questionnaireTrend(
  questionnaire: ScheduledQuestionnaire,
  scores: readonly QuestionnaireScore[],
): QuestionnaireTrend | null {
  const points = [...scores].sort((a, b) => Date.parse(a.measuredAt) - Date.parse(b.measuredAt));
  const baseline = points[0];
  const latest = points.at(-1);
  if (!baseline || !latest) return null;
  const { mcid } = QUESTIONNAIRE_SCALES[questionnaire];
  const changeFromBaseline = Math.round((latest.value - baseline.value) * 10) / 10;
  return {
    questionnaire,
    points,
    baseline,
    latest,
    changeFromBaseline,
    mcid,
    passesMcid: points.length === 1 ? null : Math.abs(changeFromBaseline) >= mcid,
  };
}
