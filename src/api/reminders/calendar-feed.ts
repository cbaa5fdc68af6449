import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAlarmType, ICalEventRepeatingFreq, ICalWeekday } from 'ical-generator';
import { addDays, localDate, weekdayOf } from '../../clinic/calendar/zoned-days.ts';
import { REMINDER_WORDS } from '../../clinic/reminders/reminder-message.ts';
import { REMINDER_WEEKDAYS, type ReminderPlan } from '../../clinic/reminders/reminder-plan.ts';
import type { Language } from '../../shared/languages.ts';

/**
 * The patient's reminders as an iCalendar feed (RFC 5545) a phone's calendar subscribes to: one
 * weekly event per time of day, on the patient's days, in their own zone (TZID with its VTIMEZONE),
 * each with an alert at its start, titled in the patient's language. Only a plain title: the address is a secret, but a calendar
 * may be shared or synced, so the feed names no muscle, programme or condition.
 */
/** How long each calendar entry lasts; a session's length varies, this only marks the time. */
const EVENT_MINUTES = 30;

const ICAL_DAYS: Record<(typeof REMINDER_WEEKDAYS)[number], ICalWeekday> = {
  mon: ICalWeekday.MO,
  tue: ICalWeekday.TU,
  wed: ICalWeekday.WE,
  thu: ICalWeekday.TH,
  fri: ICalWeekday.FR,
  sat: ICalWeekday.SA,
  sun: ICalWeekday.SU,
};

export interface CalendarFeedInput {
  /** Makes each event's UID unique to the patient without naming them. */
  patientId: string;
  timeZone: string;
  language: Language;
  /** Null when the clinic has reminders off: the calendar is then empty. */
  plan: ReminderPlan | null;
  now: Date;
}

export function calendarFeed(input: CalendarFeedInput): string {
  const words = REMINDER_WORDS[input.language];
  const calendar = ical({
    name: words.calendarName,
    prodId: { company: 'Myotrophy', product: 'reminders', language: input.language.toUpperCase() },
    timezone: { name: input.timeZone, generator: getVtimezoneComponent },
    ttl: 6 * 3600,
  });
  const plan = input.plan;
  if (!plan || plan.weekdays.length === 0) return calendar.toString();
  // The first instance: the first of the patient's days from today, on their calendar.
  const today = localDate(input.now, input.timeZone);
  let first = today;
  while (!plan.weekdays.includes(REMINDER_WEEKDAYS[weekdayOf(first)] as (typeof plan.weekdays)[number])) {
    first = addDays(first, 1);
  }
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  for (const time of plan.times) {
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    const start = new TZDate(y, m - 1, d, hour, minute, input.timeZone);
    const uid = createHash('sha256').update(`${input.patientId} ${time}`).digest('hex').slice(0, 32);
    const event = calendar.createEvent({
      id: `${uid}@myotrophy`,
      start,
      end: new TZDate(start.getTime() + EVENT_MINUTES * 60_000, input.timeZone),
      timezone: input.timeZone,
      stamp: input.now,
      summary: words.calendarEvent,
      repeating: { freq: ICalEventRepeatingFreq.WEEKLY, byDay: plan.weekdays.map((day) => ICAL_DAYS[day]) },
    });
    event.createAlarm({ type: ICalAlarmType.display, trigger: 0, description: words.calendarEvent });
  }
  return calendar.toString();
}
