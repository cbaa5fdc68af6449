import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  localDate,
  localDayBounds,
  mondayOf,
  startOfLocalDay,
  weekdayOf,
} from './zoned-days.ts';

describe('calendar days in a time zone', () => {
  // 2025-01-05 20:30 UTC: Monday 09:30 in Auckland (UTC+13, summer), Sunday 12:30 in Los Angeles (UTC−8);
  // Los Angeles' Monday starts at 08:00 UTC.
  const days = `2025-01-05T20:30:00Z Pacific/Auckland 2025-01-06
2025-01-05T20:30:00Z Europe/London 2025-01-05
2025-01-05T20:30:00Z America/Los_Angeles 2025-01-05
2025-01-06T07:59:00Z America/Los_Angeles 2025-01-05
2025-01-06T08:00:00Z America/Los_Angeles 2025-01-06`;
  it.each(days.split('\n').map((line) => line.split(' ')))('puts %s in %s on %s', (instant, zone, day) => {
    expect(localDate(instant ?? '', zone ?? '')).toBe(day);
  });

  it('starts a day at local midnight, and a DST change makes it 23 or 25 hours long', () => {
    expect(startOfLocalDay('2025-01-06', 'Pacific/Auckland').toISOString()).toBe('2025-01-05T11:00:00.000Z');
    // Los Angeles springs forward on Sunday 9 March 2025 (02:00 PST → 03:00 PDT): a 23-hour day.
    const spring = localDayBounds('2025-03-09', 'America/Los_Angeles');
    expect(spring.start.toISOString()).toBe('2025-03-09T08:00:00.000Z');
    expect(spring.end.toISOString()).toBe('2025-03-10T07:00:00.000Z');
    // Auckland falls back on Sunday 6 April 2025 (03:00 NZDT → 02:00 NZST): a 25-hour day.
    const autumn = localDayBounds('2025-04-06', 'Pacific/Auckland');
    expect(autumn.start.toISOString()).toBe('2025-04-05T11:00:00.000Z');
    expect(autumn.end.toISOString()).toBe('2025-04-06T12:00:00.000Z');
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(25);
  });

  it('counts calendar days and ISO weeks without a zone', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(weekdayOf('2025-01-06')).toBe(0);
    expect(weekdayOf('2025-01-12')).toBe(6);
    expect(mondayOf('2025-01-12')).toBe('2025-01-06');
    expect(mondayOf('2025-01-01')).toBe('2024-12-30');
    expect(daysBetween('2025-03-08', '2025-03-10')).toBe(2);
  });
});
