import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { localTimeInstant, reminderOccurrences, reminderPlan } from './reminder-plan.ts';

const iso = (list: { localTime: string; at: Date }[]) => list.map((o) => [o.localTime, o.at.toISOString()]);

describe('reminderPlan', () => {
  it('puts days in week order and times earliest first, once each', () => {
    expect(reminderPlan({ weekdays: ['fri', 'mon', 'fri'], times: ['18:30', '07:05', '18:30'] })).toEqual({
      weekdays: ['mon', 'fri'],
      times: ['07:05', '18:30'],
    });
  });

  it('refuses an unknown day, a time that is not HH:MM, and too many times, saying what is allowed', () => {
    expect(() => reminderPlan({ weekdays: ['monday'], times: [] })).toThrow(
      "weekday 'monday' is not a day of the week; allowed: mon, tue, wed, thu, fri, sat, sun",
    );
    for (const time of ['7:05', '24:00', '12:60', '12:00:00', '']) {
      expect(() => reminderPlan({ weekdays: [], times: [time] })).toThrow(InvalidInputError);
    }
    expect(() => reminderPlan({ weekdays: [], times: ['25:00'] })).toThrow(
      "time '25:00' is not a time of day; give 24-hour HH:MM from 00:00 to 23:59",
    );
    expect(() =>
      reminderPlan({ weekdays: [], times: ['06:00', '08:00', '12:00', '18:00', '21:00'] }),
    ).toThrow('5 reminder times a day is too many; allowed: at most 4');
  });
});

describe('reminderOccurrences', () => {
  it('follows the patient’s wall clock across the spring change (Berlin, 29 March 2026)', () => {
    const plan = reminderPlan({ weekdays: ['mon', 'wed'], times: ['08:00'] });
    const found = reminderOccurrences(
      plan,
      'Europe/Berlin',
      new Date('2026-03-23T00:00:00Z'),
      new Date('2026-04-02T00:00:00Z'),
    );
    expect(iso(found)).toEqual([
      ['2026-03-23T08:00', '2026-03-23T07:00:00.000Z'],
      ['2026-03-25T08:00', '2026-03-25T07:00:00.000Z'],
      ['2026-03-30T08:00', '2026-03-30T06:00:00.000Z'],
      ['2026-04-01T08:00', '2026-04-01T06:00:00.000Z'],
    ]);
  });

  it('counts days on the patient’s calendar, not UTC’s (Auckland is a day ahead)', () => {
    const plan = reminderPlan({ weekdays: ['mon'], times: ['07:00', '19:00'] });
    // Monday 7 December 2026 in Auckland (UTC+13) starts on Sunday 6 December 11:00 UTC.
    const found = reminderOccurrences(
      plan,
      'Pacific/Auckland',
      new Date('2026-12-06T00:00:00Z'),
      new Date('2026-12-08T00:00:00Z'),
    );
    expect(iso(found)).toEqual([
      ['2026-12-07T07:00', '2026-12-06T18:00:00.000Z'],
      ['2026-12-07T19:00', '2026-12-07T06:00:00.000Z'],
    ]);
  });

  it('keeps a reminder in the skipped hour and names a repeated hour once', () => {
    expect(localTimeInstant('2026-03-29', '02:30', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    const autumn = reminderOccurrences(
      reminderPlan({ weekdays: ['sun'], times: ['02:30'] }),
      'Europe/Berlin',
      new Date('2026-10-24T00:00:00Z'),
      new Date('2026-10-26T00:00:00Z'),
    );
    expect(iso(autumn)).toEqual([['2026-10-25T02:30', '2026-10-25T00:30:00.000Z']]);
  });

  it('includes `from` and leaves out `until`; an empty plan has none', () => {
    const plan = reminderPlan({ weekdays: ['tue'], times: ['09:00'] });
    const at = new Date('2026-12-08T09:00:00Z');
    expect(iso(reminderOccurrences(plan, 'UTC', at, new Date(at.getTime() + 1)))).toEqual([
      ['2026-12-08T09:00', '2026-12-08T09:00:00.000Z'],
    ]);
    expect(reminderOccurrences(plan, 'UTC', new Date(at.getTime() - 1), at)).toEqual([]);
    expect(
      reminderOccurrences({ weekdays: [], times: ['09:00'] }, 'UTC', at, new Date('2027-01-01')),
    ).toEqual([]);
  });
});
