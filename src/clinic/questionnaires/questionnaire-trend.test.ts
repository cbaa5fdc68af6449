import { describe, expect, it } from 'vitest';
import { type QuestionnaireScore, questionnaireTrend } from './questionnaire-trend.ts';

// The trend in the patient's words and language: test/web-questionnaire-trend-words.test.ts.
const lefsTrend = (answers: QuestionnaireScore[]) => questionnaireTrend('lefs', answers);
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
  });

  it('compares the latest with the first, in time order, against the 9-point MCID', () => {
    const trend = trendOf([
      { value: 52, measuredAt: at(31) },
      { value: 41, measuredAt: at(3) },
      { value: 45, measuredAt: at(17) },
    ]);
    expect(trend.points.map((p) => p.value)).toEqual([41, 45, 52]);
    expect(trend).toMatchObject({ changeFromBaseline: 11, passesMcid: true });
  });

  it('says a change under 9 points is too small to notice, and a 9-point fall is a worsening', () => {
    const small = trendOf([
      { value: 41, measuredAt: at(3) },
      { value: 49, measuredAt: at(17) },
    ]);
    expect(small.passesMcid).toBe(false);
    const fall = trendOf([
      { value: 41, measuredAt: at(3) },
      { value: 32, measuredAt: at(17) },
    ]);
    expect(fall).toMatchObject({ changeFromBaseline: -9, passesMcid: true });
  });
});

describe('questionnaireTrend of the PSFS and the pain rating', () => {
  it('judges the PSFS mean against its 1.3-point MID, to one decimal', () => {
    const trend = questionnaireTrend('psfs', [
      { value: 3.7, measuredAt: at(3) },
      { value: 5.3, measuredAt: at(17) },
    ]);
    expect(trend).toMatchObject({ changeFromBaseline: 1.6, mcid: 1.3, passesMcid: true });
  });
  it('reads a falling pain rating as an improvement, and a rise of 2 as a worsening', () => {
    const better = questionnaireTrend('pain', [
      { value: 6, measuredAt: at(3) },
      { value: 4, measuredAt: at(17) },
    ]);
    expect(better).toMatchObject({ changeFromBaseline: -2, mcid: 1.5, passesMcid: true });
    const worse = questionnaireTrend('pain', [
      { value: 3, measuredAt: at(3) },
      { value: 5, measuredAt: at(17) },
    ]);
    expect(worse).toMatchObject({ changeFromBaseline: 2, passesMcid: true });
    const small = questionnaireTrend('pain', [
      { value: 3, measuredAt: at(3) },
      { value: 4, measuredAt: at(17) },
    ]);
    expect(small?.passesMcid).toBe(false);
  });
});
