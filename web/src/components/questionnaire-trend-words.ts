import {
  QUESTIONNAIRE_SCALES,
  type QuestionnaireTrend,
} from '@core/clinic/questionnaires/questionnaire-trend.ts';
import type { ScheduledQuestionnaire } from '@core/clinic/record/questionnaire-schedule.ts';
import { type MessageKey, t } from '../i18n/i18n.ts';

const SCORE_WORDS: Record<ScheduledQuestionnaire, MessageKey> = {
  lefs: 'trend.score.lefs',
  psfs: 'trend.score.psfs',
  pain: 'trend.score.pain',
};

/**
 * A questionnaire's trend in the patient's words and language: the latest score, how far it is
 * from the first, and whether that change is one they would really notice (the MCID).
 */
export function trendInWords(trend: QuestionnaireTrend): string {
  const scale = QUESTIONNAIRE_SCALES[trend.questionnaire];
  const score = t(SCORE_WORDS[trend.questionnaire], { score: trend.latest.value, max: scale.max });
  if (trend.passesMcid === null) return `${score} ${t('trend.start')}`;
  const change = trend.changeFromBaseline;
  const since =
    change === 0
      ? t('trend.same')
      : t('trend.change', { change: Math.abs(change), direction: change > 0 ? 'higher' : 'lower' });
  const better = scale.higherIsBetter ? change > 0 : change < 0;
  const meaning = t(!trend.passesMcid ? 'trend.smaller' : better ? 'trend.better' : 'trend.worse', {
    mcid: trend.mcid,
  });
  return `${score} ${since} ${meaning}`;
}
