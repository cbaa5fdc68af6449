import { describe, expect, it } from 'vitest';
import { prescribedSessionsPerWeek, weeklyAdherence } from './weekly-adherence.ts';

describe('weeklyAdherence', () => {
  it('divides completed sessions by the prescription in force, capped at 1, and fills empty weeks', () => {
    const totals = [
      { weekStart: '2025-01-06', logged: 4, completed: 3, minutes: 80, meanPain: 2, maxPain: 3 },
      { weekStart: '2025-01-20', logged: 7, completed: 6, minutes: 140, meanPain: 1, maxPain: 2 },
    ];
    // Approved on Wednesday 8 January 2025 (its Monday is 6 January), 5 sessions a week, still running.
    const periods = [{ approvedAt: '2025-01-08T10:00:00Z', endedAt: null, body: { sessionsPerWeek: 5 } }];
    const weeks = weeklyAdherence(totals, periods, new Date('2025-01-22T00:00:00Z'), 'UTC');
    expect(weeks.map((w) => [w.weekStart, w.completed, w.prescribed, w.adherence])).toEqual([
      ['2025-01-06', 3, 5, 0.6],
      ['2025-01-13', 0, 5, 0],
      ['2025-01-20', 6, 5, 1],
    ]);
  });

  it('has no adherence ratio without a stated prescription', () => {
    const weeks = weeklyAdherence(
      [{ weekStart: '2025-01-06', logged: 1, completed: 1, minutes: 20, meanPain: null, maxPain: null }],
      [],
      new Date('2025-01-07T00:00:00Z'),
      'UTC',
    );
    expect(weeks).toEqual([
      {
        weekStart: '2025-01-06',
        logged: 1,
        completed: 1,
        minutes: 20,
        prescribed: null,
        adherence: null,
        meanPain: null,
        maxPain: null,
      },
    ]);
  });

  it('reads sessionsPerWeek from a programme body only when it is a positive number', () => {
    expect(prescribedSessionsPerWeek({ sessionsPerWeek: 5 })).toBe(5);
    expect(prescribedSessionsPerWeek({ sessionsPerWeek: '5' })).toBeNull();
    expect(prescribedSessionsPerWeek({ sessionsPerWeek: 0 })).toBeNull();
    expect(prescribedSessionsPerWeek(null)).toBeNull();
  });

  it("reads the planner's structure: the stimulation level of that week plus the exercise sessions", () => {
    const body = {
      stimulation: {
        levels: [
          { fromWeek: 1, toWeek: 2, sessionsPerWeek: 14 },
          { fromWeek: 3, toWeek: 6, sessionsPerWeek: 5 },
        ],
      },
      exercise: { sessionsPerWeek: 3 },
    };
    expect([1, 2, 3, 6, 7].map((w) => prescribedSessionsPerWeek(body, w))).toEqual([17, 17, 8, 8, 3]);
  });
});

describe('weeklyAdherence in the patient time zone', () => {
  it("starts the programme's weeks on the patient's Monday", () => {
    // Approved Sunday 12 January 2025 20:00 UTC = Monday 13 January 09:00 in Auckland.
    const periods = [{ approvedAt: '2025-01-12T20:00:00Z', endedAt: null, body: { sessionsPerWeek: 5 } }];
    const today = new Date('2025-01-14T00:00:00Z');
    expect(weeklyAdherence([], periods, today, 'Pacific/Auckland').map((w) => w.weekStart)).toEqual([
      '2025-01-13',
    ]);
    expect(weeklyAdherence([], periods, today, 'America/Los_Angeles').map((w) => w.weekStart)).toEqual([
      '2025-01-06',
      '2025-01-13',
    ]);
  });
});
