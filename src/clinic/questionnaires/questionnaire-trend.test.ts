import { describe, expect, it } from 'vitest';
import {
  type QuestionnaireScore,
  questionnaireTrend,
  questionnaireTrendInWords,
} from './questionnaire-trend.ts';

const lefsTrend = (answers: QuestionnaireScore[]) => questionnaireTrend('lefs', answers);
const lefsTrendInWords = questionnaireTrendInWords;
type LefsAnswer = QuestionnaireScore;

function trendOf(answers: LefsAnswer[]) {
  const trend = lefsTrend(answers);
  if (!trend) throw new Error('expected a trend');
  return trend;
}

const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T09:00:00.000Z`;

describe('questionnaireTrend of the LEFS', () => {
  it('is nothing without an answer, and a starting point with one', () => {
    expect(lefsTrend([])).toBeNull();
    const one = trendOf([{ value: 41, measuredAt: at(3) }]);
    expect(one).toMatchObject({ changeFromBaseline: 0, passesMcid: null, mcid: 9 });
    expect(lefsTrendInWords(trendOf([{ value: 41, measuredAt: at(3) }]))).toBe(
      'Your latest score is 41 out of 80 (higher means everyday activities are easier). This is your starting point: later answers are compared with it.',
    );
  });

  it('compares the latest with the first, in time order, against the 9-point MCID', () => {
    const trend = trendOf([
      { value: 52, measuredAt: at(31) },
      { value: 41, measuredAt: at(3) },
      { value: 45, measuredAt: at(17) },
    ]);
    expect(trend.points.map((p) => p.value)).toEqual([41, 45, 52]);
    expect(trend).toMatchObject({ changeFromBaseline: 11, passesMcid: true });
    expect(lefsTrendInWords(trend)).toBe(
      'Your latest score is 52 out of 80 (higher means everyday activities are easier). It is 11 points higher than when you started. That is 9 points or more: a real improvement you should notice in daily life.',
    );
  });

  it('says a change under 9 points is too small to notice, and a 9-point fall is a worsening', () => {
    const small = trendOf([
      { value: 41, measuredAt: at(3) },
      { value: 49, measuredAt: at(17) },
    ]);
    expect(small.passesMcid).toBe(false);
    expect(lefsTrendInWords(small)).toContain(
      '8 points higher than when you started. A change of 9 points or more',
    );
    const fall = trendOf([
      { value: 41, measuredAt: at(3) },
      { value: 32, measuredAt: at(17) },
    ]);
    expect(fall).toMatchObject({ changeFromBaseline: -9, passesMcid: true });
    expect(lefsTrendInWords(fall)).toContain(
      '9 points lower than when you started. That is 9 points or more: a real worsening.',
    );
  });
});

describe('questionnaireTrend of the PSFS and the pain rating', () => {
  it('judges the PSFS mean against its 1.3-point MID, to one decimal', () => {
    const trend = questionnaireTrend('psfs', [
      { value: 3.7, measuredAt: at(3) },
      { value: 5.3, measuredAt: at(17) },
    ]);
    expect(trend).toMatchObject({ changeFromBaseline: 1.6, mcid: 1.3, passesMcid: true });
    expect(questionnaireTrendInWords(trend as NonNullable<typeof trend>)).toBe(
      'Your latest score for the activities you chose is 5.3 out of 10 (higher means they are easier to do). It is 1.6 points higher than when you started. That is 1.3 points or more: a real improvement you should notice in daily life.',
    );
  });
  it('reads a falling pain rating as an improvement, and a rise of 2 as a worsening', () => {
    const better = questionnaireTrend('pain', [
      { value: 6, measuredAt: at(3) },
      { value: 4, measuredAt: at(17) },
    ]);
    expect(better).toMatchObject({ changeFromBaseline: -2, mcid: 1.5, passesMcid: true });
    expect(questionnaireTrendInWords(better as NonNullable<typeof better>)).toBe(
      'Your latest pain rating is 4 out of 10 (lower means less pain). It is 2 points lower than when you started. That is 1.5 points or more: a real improvement you should notice in daily life.',
    );
    const worse = questionnaireTrend('pain', [
      { value: 3, measuredAt: at(3) },
      { value: 5, measuredAt: at(17) },
    ]);
    expect(questionnaireTrendInWords(worse as NonNullable<typeof worse>)).toContain('a real worsening');
    const small = questionnaireTrend('pain', [
      { value: 3, measuredAt: at(3) },
      { value: 4, measuredAt: at(17) },
    ]);
    expect(small?.passesMcid).toBe(false);
  });
});
