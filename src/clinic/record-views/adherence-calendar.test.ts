import { describe, expect, it } from 'vitest';
import { adherenceCalendar, stimulationSchedule } from './adherence-calendar.ts';

const fivePerWeek = {
  stimulation: { levels: [{ fromWeek: 1, toWeek: 12, sessionsPerDay: 1, sessionsPerWeek: 5 }] },
};
const twiceDaily = {
  stimulation: { levels: [{ fromWeek: 1, toWeek: 12, sessionsPerDay: 2, sessionsPerWeek: 14 }] },
};
const done = (startedAt: string) => ({ kind: 'stimulation', startedAt, completed: true });

describe('adherenceCalendar', () => {
  it('reads the schedule of the programme week: sessions a day and session days a week', () => {
    expect(stimulationSchedule(fivePerWeek, 1)).toEqual({ perDay: 1, daysPerWeek: 5 });
    expect(stimulationSchedule(twiceDaily, 3)).toEqual({ perDay: 2, daysPerWeek: 7 });
    expect(stimulationSchedule(fivePerWeek, 13)).toBeNull();
    expect(stimulationSchedule({ sessionsPerWeek: 5 }, 1)).toBeNull();
  });

  it('judges no day before the programme starts, and leaves rest days of a 5-a-week schedule uncoloured', () => {
    // Approved Wednesday 8 January 2025 in London; today is Sunday 19 January, 18:00.
    const periods = [{ approvedAt: '2025-01-08T10:00:00Z', endedAt: null, body: fivePerWeek }];
    const sessions = [
      // Week of 6 January: Wed, Thu, Fri, Sat (4 of the 5 programme days; needs ceil(5 × 5/7) = 4).
      ...['2025-01-08', '2025-01-09', '2025-01-10', '2025-01-11'].map((d) => done(`${d}T09:00:00Z`)),
      // Week of 13 January: Mon, Tue, Thu only — 3 of 5, and the week has ended without the rest.
      ...['2025-01-13', '2025-01-14', '2025-01-16'].map((d) => done(`${d}T09:00:00Z`)),
    ];
    const rows = adherenceCalendar(sessions, periods, 'Europe/London', new Date('2025-01-19T18:00:00Z'), 2);
    expect(rows.map((row) => row.map((d) => d.state))).toEqual([
      ['no-programme', 'no-programme', 'met', 'met', 'met', 'met', 'rest'],
      ['met', 'met', 'missed', 'met', 'missed', 'missed', 'open'],
    ]);
    expect(rows[0]?.[0]?.date).toBe('2025-01-06');
  });

  it('keeps a short current week as rest days while it can still reach its session days', () => {
    const periods = [{ approvedAt: '2025-01-01T10:00:00Z', endedAt: null, body: fivePerWeek }];
    // Wednesday 15 January: Mon and Tue empty, but Wed–Sun (5 days) can still hold 5 sessions.
    const rows = adherenceCalendar([], periods, 'UTC', new Date('2025-01-15T12:00:00Z'), 1);
    expect(rows[0]?.map((d) => d.state)).toEqual([
      'rest',
      'rest',
      'open',
      'future',
      'future',
      'future',
      'future',
    ]);
    // Thursday: only Thu–Sun (4 days) remain for 5 session days, so Mon–Wed are missed.
    const later = adherenceCalendar([], periods, 'UTC', new Date('2025-01-16T12:00:00Z'), 1);
    expect(later[0]?.map((d) => d.state).slice(0, 4)).toEqual(['missed', 'missed', 'missed', 'open']);
  });

  it("puts a session on the patient's own day: Auckland's Monday morning is Sunday in UTC", () => {
    const periods = [{ approvedAt: '2025-01-01T00:00:00Z', endedAt: null, body: twiceDaily }];
    // Two sessions at 08:00 and 09:00 on Monday 6 January in Auckland (UTC+13) = Sunday 19:00 and 20:00 UTC.
    const sessions = [done('2025-01-05T19:00:00Z'), done('2025-01-05T20:00:00Z')];
    const now = new Date('2025-01-06T03:00:00Z');
    const auckland = adherenceCalendar(sessions, periods, 'Pacific/Auckland', now, 1)[0] ?? [];
    expect(auckland[0]).toEqual({ date: '2025-01-06', completed: 2, perDay: 2, state: 'met' });
    const utc = adherenceCalendar(sessions, periods, 'UTC', now, 2).flat();
    expect(utc.find((d) => d.date === '2025-01-05')?.completed).toBe(2);
    expect(utc.find((d) => d.date === '2025-01-06')?.state).toBe('open');
  });

  it('counts the days across a DST change by the local clock (Los Angeles, 9 March 2025)', () => {
    const periods = [{ approvedAt: '2025-03-03T17:00:00Z', endedAt: null, body: twiceDaily }];
    // 23:30 local on Saturday 8 March (PST, UTC−8) and 23:30 on Sunday 9 March (PDT, UTC−7).
    const sessions = [done('2025-03-09T07:30:00Z'), done('2025-03-10T06:30:00Z')];
    const row = adherenceCalendar(
      sessions,
      periods,
      'America/Los_Angeles',
      new Date('2025-03-10T18:00:00Z'),
      2,
    )[0];
    const byDate = new Map(row?.map((d) => [d.date, d.completed]));
    expect(byDate.get('2025-03-08')).toBe(1);
    expect(byDate.get('2025-03-09')).toBe(1);
  });
});
