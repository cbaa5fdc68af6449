/**
 * The patient reads each questionnaire's trend as sentences in their language: the latest score,
 * its change from the first answer, and whether that change is one they would notice (the MCID).
 */

import { afterAll, describe, expect, it } from 'vitest';
import {
  type QuestionnaireScore,
  questionnaireTrend,
} from '../src/clinic/questionnaires/questionnaire-trend.ts';
import type { ScheduledQuestionnaire } from '../src/clinic/record/questionnaire-schedule.ts';
import { trendInWords } from '../web/src/components/questionnaire-trend-words.ts';
import { activateLanguage } from '../web/src/i18n/i18n.ts';

const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T09:00:00.000Z`;
function wordsOf(questionnaire: ScheduledQuestionnaire, values: number[]): string {
  const scores: QuestionnaireScore[] = values.map((value, i) => ({ value, measuredAt: at(3 + 14 * i) }));
  const trend = questionnaireTrend(questionnaire, scores);
  if (!trend) throw new Error('expected a trend');
  return trendInWords(trend);
}

describe('a questionnaire trend in words', () => {
  afterAll(() => activateLanguage('en'));

  it('in English: the starting point, a real improvement, one too small to notice, a worsening', async () => {
    await activateLanguage('en');
    expect(wordsOf('lefs', [41])).toBe(
      'Your latest score is 41 out of 80 (higher means everyday activities are easier). This is your starting point: later answers are compared with it.',
    );
    expect(wordsOf('lefs', [41, 45, 52])).toBe(
      'Your latest score is 52 out of 80 (higher means everyday activities are easier). It is 11 points higher than when you started. That is 9 points or more: a real improvement you should notice in daily life.',
    );
    expect(wordsOf('lefs', [41, 49])).toContain(
      '8 points higher than when you started. A change of 9 points or more',
    );
    expect(wordsOf('lefs', [41, 32])).toContain(
      '9 points lower than when you started. That is 9 points or more: a real worsening.',
    );
    expect(wordsOf('psfs', [3.7, 5.3])).toBe(
      'Your latest score for the activities you chose is 5.3 out of 10 (higher means they are easier to do). It is 1.6 points higher than when you started. That is 1.3 points or more: a real improvement you should notice in daily life.',
    );
    expect(wordsOf('pain', [6, 4])).toBe(
      'Your latest pain rating is 4 out of 10 (lower means less pain). It is 2 points lower than when you started. That is 1.5 points or more: a real improvement you should notice in daily life.',
    );
    expect(wordsOf('pain', [3, 5])).toContain('a real worsening');
  });

  it('in Spanish and German, with their decimal comma and plural forms', async () => {
    await activateLanguage('es');
    expect(wordsOf('psfs', [3.7, 5.3])).toBe(
      'Su última puntuación en las actividades que eligió es 5,3 de 10 (cuanto más alta, más fáciles le resultan). Está 1,6 puntos por encima de cuando empezó. Son 1,3 puntos o más: una mejora real que debería notar en su día a día.',
    );
    expect(wordsOf('lefs', [41, 40])).toContain('Está 1 punto por debajo de cuando empezó.');
    await activateLanguage('de');
    expect(wordsOf('pain', [3, 5])).toBe(
      'Ihre letzte Schmerzbewertung ist 5 von 10 (niedriger heißt: weniger Schmerz). Er liegt 2 Punkte höher als zu Beginn. Das sind 1,5 Punkte oder mehr: eine echte Verschlechterung. Bitte sagen Sie Ihrer Praxis Bescheid.',
    );
  });
});
