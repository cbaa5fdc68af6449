import { addDays, daysBetween, type IsoDate, localDate, mondayOf } from '../calendar/zoned-days.ts';
import type { ProgrammePeriod } from './weekly-adherence.ts';

/**
 * The adherence calendar: one cell per day of the patient's own calendar (their time zone), rows
 * Monday to Sunday. A day is judged only while a programme is in force, against its schedule: the
 * stimulation level of that programme week says how many sessions a day (`sessionsPerDay`) and how
 * many a week (`sessionsPerWeek`), so a 5-a-week programme has 5 session days and 2 rest days that
 * the patient chooses. An empty day is "missed" only once the week can no longer reach its session
 * days; until then it is a rest day.
 */
export type CalendarDayState =
  /** After today. */
  | 'future'
  /** No programme in force that day (before it started, after it ended). */
  | 'no-programme'
  /** Today, nothing completed yet: still open. */
  | 'open'
  /** Every session of the day completed. */
  | 'met'
  /** Some but not all. */
  | 'some'
  /** A day with nothing completed that the week's schedule allowed. */
  | 'rest'
  /** A day with nothing completed that the week needed. */
  | 'missed';

export interface CalendarDay {
  date: IsoDate;
  completed: number;
  /** Stimulation sessions the day's schedule asks for on a session day; null when no programme is in force. */
  perDay: number | null;
  state: CalendarDayState;
}

export interface CalendarSession {
  kind: string;
  startedAt: string;
  completed: boolean;
}

interface Schedule {
  perDay: number;
  daysPerWeek: number;
}

/** The stimulation schedule a programme body prescribes in its `week` (1 = the week it was approved). */
export function stimulationSchedule(body: unknown, week: number): Schedule | null {
  const levels = (body as { stimulation?: { levels?: unknown } } | null)?.stimulation?.levels;
  if (!Array.isArray(levels)) return null;
  const level = (levels as Record<string, unknown>[]).find(
    (l) =>
      typeof l?.fromWeek === 'number' &&
      typeof l.toWeek === 'number' &&
      l.fromWeek <= week &&
      week <= l.toWeek,
  );
  const perDay = level?.sessionsPerDay;
  const perWeek = level?.sessionsPerWeek;
  if (typeof perDay !== 'number' || !(perDay > 0) || typeof perWeek !== 'number' || !(perWeek > 0))
    return null;
  return { perDay, daysPerWeek: Math.min(7, Math.ceil(perWeek / perDay)) };
}

/** The schedule in force on a calendar day: the last period covering it, counted in the patient's zone. */
function scheduleOn(date: IsoDate, periods: ProgrammePeriod[], timeZone: string): Schedule | null {
  let found: Schedule | null = null;
  for (const p of periods) {
    const start = localDate(p.approvedAt, timeZone);
    const end = p.endedAt ? localDate(p.endedAt, timeZone) : null;
    if (date < start || (end !== null && date > end)) continue;
    const week = Math.floor(daysBetween(start, date) / 7) + 1;
    found = stimulationSchedule(p.body, week) ?? found;
  }
  return found;
}

/**
 * The last `weeks` calendar weeks up to the one holding `now`, in `timeZone`, each day's completed
 * stimulation sessions judged against the schedule in force.
 */
export function adherenceCalendar(
  sessions: CalendarSession[],
  periods: ProgrammePeriod[],
  timeZone: string,
  now: Date,
  weeks: number,
): CalendarDay[][] {
  const completedOn = new Map<IsoDate, number>();
  for (const s of sessions) {
    if (s.kind !== 'stimulation' || !s.completed) continue;
    const day = localDate(s.startedAt, timeZone);
    completedOn.set(day, (completedOn.get(day) ?? 0) + 1);
  }
  const today = localDate(now, timeZone);
  const first = addDays(mondayOf(today), -7 * (weeks - 1));
  const rows: CalendarDay[][] = [];
  for (let w = 0; w < weeks; w += 1) {
    const days = Array.from({ length: 7 }, (_, d) => {
      const date = addDays(first, w * 7 + d);
      return { date, completed: completedOn.get(date) ?? 0, schedule: scheduleOn(date, periods, timeZone) };
    });
    // Session days the week needs: each programme day carries its schedule's share of a week.
    const inForce = days.filter((d) => d.schedule !== null);
    const needed = Math.min(
      inForce.length,
      Math.ceil(inForce.reduce((sum, d) => sum + (d.schedule?.daysPerWeek ?? 0) / 7, 0) - 1e-9),
    );
    const active = inForce.filter((d) => d.date <= today && d.completed > 0).length;
    const stillOpen = inForce.filter((d) => d.date >= today && d.completed === 0).length;
    const weekFallsShort = active + stillOpen < needed;
    rows.push(
      days.map(({ date, completed, schedule }) => ({
        date,
        completed,
        perDay: schedule?.perDay ?? null,
        state:
          date > today
            ? 'future'
            : schedule === null
              ? 'no-programme'
              : completed >= schedule.perDay
                ? 'met'
                : completed > 0
                  ? 'some'
                  : date === today
                    ? 'open'
                    : weekFallsShort
                      ? 'missed'
                      : 'rest',
      })),
    );
  }
  return rows;
}
