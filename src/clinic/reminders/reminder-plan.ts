import { TZDateMini } from '@date-fns/tz';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { addDays, type IsoDate, localDate, weekdayOf } from '../calendar/zoned-days.ts';

/**
 * A patient's reminder plan (issue 18 item 2; docs/reminders.md): the weekdays and the local
 * wall-clock times at which they want to be reminded of their sessions, in their own time zone.
 * Occurrences are named by their local day and time ('2026-03-29T08:00'), so the same reminder
 * keeps one name whatever the offset, and a wall-clock hour that happens twice (clocks going back)
 * is still one reminder.
 */
export const REMINDER_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type ReminderWeekday = (typeof REMINDER_WEEKDAYS)[number];

/** Times a day a patient may be reminded: a session in the morning and one in the evening, with room to spare. A Myotrophy limit, no source. */
export const MAX_REMINDER_TIMES_A_DAY = 4;

export interface ReminderPlan {
  /** Days of the week, in week order (Monday first). */
  weekdays: ReminderWeekday[];
  /** Local times 'HH:MM' (24-hour), earliest first. */
  times: string[];
}

/** One reminder: its local name and the instant it is due. */
export interface ReminderOccurrence {
  /** The local day and time in the patient's zone, 'YYYY-MM-DDTHH:MM'. */
  localTime: string;
  /** The instant it falls on (UTC). */
  at: Date;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The plan checked and put in order, or an error saying what is wrong and what is allowed. */
export function reminderPlan(input: { weekdays: readonly string[]; times: readonly string[] }): ReminderPlan {
  for (const day of input.weekdays) {
    if (!(REMINDER_WEEKDAYS as readonly string[]).includes(day)) {
      throw new InvalidInputError(
        `weekday '${day}' is not a day of the week; allowed: ${REMINDER_WEEKDAYS.join(', ')}`,
      );
    }
  }
  for (const time of input.times) {
    if (!TIME.test(time)) {
      throw new InvalidInputError(
        `time '${time}' is not a time of day; give 24-hour HH:MM from 00:00 to 23:59`,
      );
    }
  }
  const times = [...new Set(input.times)].sort();
  if (times.length > MAX_REMINDER_TIMES_A_DAY) {
    throw new InvalidInputError(
      `${times.length} reminder times a day is too many; allowed: at most ${MAX_REMINDER_TIMES_A_DAY}`,
    );
  }
  const weekdays = REMINDER_WEEKDAYS.filter((day) => input.weekdays.includes(day));
  return { weekdays, times };
}

/** Wall-clock shifts seen when clocks go back: one hour almost everywhere, half an hour on Lord Howe Island. */
const CLOCK_BACK_SHIFTS_MS = [3_600_000, 1_800_000];

function wallClock(ms: number, timeZone: string): string {
  const d = new TZDateMini(ms, timeZone);
  return `${localDate(ms, timeZone)}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * The instant a local day and time falls on in `timeZone`. A time the clocks skip (spring forward)
 * falls just after the gap, as far past it as the time was; a time that happens twice (clocks back)
 * falls on its first, earlier instant, as calendars read it (RFC 5545, 3.3.5).
 */
export function localTimeInstant(date: IsoDate, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const ms = new TZDateMini(y, m - 1, d, hour, minute, timeZone).getTime();
  const wall = wallClock(ms, timeZone);
  const earlier = CLOCK_BACK_SHIFTS_MS.find((shift) => wallClock(ms - shift, timeZone) === wall);
  return new Date(earlier === undefined ? ms : ms - earlier);
}

/**
 * The reminders of a plan due from `from` (inclusive) to `until` (exclusive), earliest first,
 * counted on the patient's own calendar in `timeZone`.
 */
export function reminderOccurrences(
  plan: ReminderPlan,
  timeZone: string,
  from: Date,
  until: Date,
): ReminderOccurrence[] {
  const occurrences: ReminderOccurrence[] = [];
  if (plan.weekdays.length === 0 || plan.times.length === 0 || until <= from) return occurrences;
  // A day before and after: a local day's times can lie up to 14 h either side of its UTC date.
  const last = addDays(localDate(until, timeZone), 1);
  for (let day = addDays(localDate(from, timeZone), -1); day <= last; day = addDays(day, 1)) {
    if (!plan.weekdays.includes(REMINDER_WEEKDAYS[weekdayOf(day)] as ReminderWeekday)) continue;
    for (const time of plan.times) {
      const at = localTimeInstant(day, time, timeZone);
      if (at >= from && at < until) occurrences.push({ localTime: `${day}T${time}`, at });
    }
  }
  return occurrences.sort((a, b) => a.at.getTime() - b.at.getTime());
}
