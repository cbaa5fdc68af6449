import { describe, expect, it } from 'vitest';
import type { QuestionnaireSchedule } from '../record/questionnaire-schedule.ts';
import { questionnairesDue } from './questionnaires-due.ts';

const schedule = (over: Partial<QuestionnaireSchedule> = {}): QuestionnaireSchedule => ({
  id: 's1',
  patientId: 'p1',
  questionnaire: 'lefs',
  baselineDate: '2026-03-02',
  everyWeeks: 2,
  setAt: '2026-03-01T09:00:00Z',
  setBy: 'c1',
  ...over,
});

describe('questionnairesDue', () => {
  it('is not due before the baseline day and due on it', () => {
    expect(questionnairesDue([schedule()], [], new Date('2026-03-01T12:00:00Z'), 'UTC')).toEqual([]);
    expect(questionnairesDue([schedule()], [], new Date('2026-03-02T00:00:00Z'), 'UTC')).toEqual([
      { questionnaire: 'lefs', dueSince: '2026-03-02', occasion: 'baseline' },
    ]);
  });

  it('counts the day in the patient’s zone, not UTC', () => {
    // 2026-03-01 23:30 UTC is already 2 March in Berlin, still 1 March in New York.
    const now = new Date('2026-03-01T23:30:00Z');
    expect(questionnairesDue([schedule()], [], now, 'Europe/Berlin')).toHaveLength(1);
    expect(questionnairesDue([schedule()], [], now, 'America/New_York')).toEqual([]);
    // 2 March 03:00 UTC is 1 March 19:00 in Los Angeles: not yet due there.
    expect(
      questionnairesDue([schedule()], [], new Date('2026-03-02T03:00:00Z'), 'America/Los_Angeles'),
    ).toEqual([]);
    // Auckland is 13 hours ahead: 1 March 11:00 UTC is 2 March 00:00 there.
    expect(
      questionnairesDue([schedule()], [], new Date('2026-03-01T11:00:00Z'), 'Pacific/Auckland'),
    ).toHaveLength(1);
  });

  it('stays answered for the occasion, then falls due every N weeks', () => {
    const answers = [{ questionnaire: 'lefs' as const, answeredAt: '2026-03-03T10:00:00Z' }];
    expect(questionnairesDue([schedule()], answers, new Date('2026-03-15T12:00:00Z'), 'UTC')).toEqual([]);
    expect(questionnairesDue([schedule()], answers, new Date('2026-03-16T12:00:00Z'), 'UTC')).toEqual([
      { questionnaire: 'lefs', dueSince: '2026-03-16', occasion: 'follow-up' },
    ]);
    // A missed follow-up gives way to the next one, still one answer due.
    expect(questionnairesDue([schedule()], answers, new Date('2026-04-01T12:00:00Z'), 'UTC')).toEqual([
      { questionnaire: 'lefs', dueSince: '2026-03-30', occasion: 'follow-up' },
    ]);
  });

  it('judges an answer by the patient’s day: 23:30 Sunday in Berlin is not Monday’s answer', () => {
    // 15 March 2026 is a Sunday; the follow-up falls on Monday 16 March.
    const lateSunday = [{ questionnaire: 'lefs' as const, answeredAt: '2026-03-15T22:30:00Z' }];
    const mondayNoon = new Date('2026-03-16T11:00:00Z');
    // 22:30 UTC on the 15th is 23:30 on the 15th in Berlin (CET, +1): before the occasion.
    expect(questionnairesDue([schedule()], lateSunday, mondayNoon, 'Europe/Berlin')).toHaveLength(1);
    // … but already 16 March 11:30 in Auckland (NZDT, +13): that answers it.
    expect(questionnairesDue([schedule()], lateSunday, mondayNoon, 'Pacific/Auckland')).toEqual([]);
  });

  it('follows the latest schedule of a questionnaire', () => {
    const later = schedule({
      id: 's2',
      baselineDate: '2026-03-09',
      everyWeeks: 4,
      setAt: '2026-03-05T09:00:00Z',
    });
    const answers = [{ questionnaire: 'lefs' as const, answeredAt: '2026-03-03T10:00:00Z' }];
    expect(questionnairesDue([later, schedule()], answers, new Date('2026-03-10T12:00:00Z'), 'UTC')).toEqual([
      { questionnaire: 'lefs', dueSince: '2026-03-09', occasion: 'baseline' },
    ]);
  });
});
