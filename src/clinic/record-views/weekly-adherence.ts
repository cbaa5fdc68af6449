import { addDays, daysBetween, localDate, mondayOf } from '../calendar/zoned-days.ts';
import type { SessionWeek } from '../record/patient-record.ts';

/**
 * Weekly adherence: sessions logged and completed per ISO week (from Monday 00:00 on the patient's
 * own clock, their time zone), against the
 * sessions the approved programme prescribes per week when its body states `sessionsPerWeek`.
 */
export interface AdherenceWeek {
  /** Monday of the week, YYYY-MM-DD, in the patient's time zone. */
  weekStart: string;
  logged: number;
  completed: number;
  minutes: number;
  /** Sessions the programme in force prescribed for the week; null when it does not say. */
  prescribed: number | null;
  /** completed / prescribed, capped at 1; null without a prescription. */
  adherence: number | null;
  meanPain: number | null;
  maxPain: number | null;
}

/** Sessions logged in one week (the record's weekly counts). */
export type WeekTotals = SessionWeek;

/**
 * Sessions a programme prescribes in its `week` (1 = the week it was approved): the body's own
 * `sessionsPerWeek` when stated, else the clinic planner's structure — the stimulation level in
 * force that week (`stimulation.levels[].fromWeek..toWeek`, `sessionsPerWeek`) plus the exercise
 * programme's `exercise.sessionsPerWeek`. Null when the body says neither.
 */
export function prescribedSessionsPerWeek(body: unknown, week = 1): number | null {
  if (body === null || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (positive(b.sessionsPerWeek)) return b.sessionsPerWeek;
  let total = 0;
  let stated = false;
  const stimulation = b.stimulation as { levels?: unknown } | undefined;
  if (stimulation && Array.isArray(stimulation.levels)) {
    const level = (stimulation.levels as Record<string, unknown>[]).find(
      (l) =>
        l &&
        typeof l.fromWeek === 'number' &&
        typeof l.toWeek === 'number' &&
        l.fromWeek <= week &&
        week <= l.toWeek,
    );
    if (level && positive(level.sessionsPerWeek)) {
      total += level.sessionsPerWeek;
      stated = true;
    }
  }
  const exercise = b.exercise as { sessionsPerWeek?: unknown } | undefined;
  if (exercise && positive(exercise.sessionsPerWeek)) {
    total += exercise.sessionsPerWeek;
    stated = true;
  }
  return stated ? total : null;
}

function positive(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/** Programme periods: from approval to end (or open), with what each prescribed. */
export interface ProgrammePeriod {
  approvedAt: string;
  endedAt: string | null;
  body: unknown;
}

/**
 * Joins week totals with the prescription in force: the programme approved on or before the
 * week's Monday (or during that week) and not ended before it. Weeks with no sessions but a
 * prescription are included as zero weeks, up to and including `today`'s week. Weeks are the
 * patient's (`timeZone`); `totals` must be counted in the same zone.
 */
export function weeklyAdherence(
  totals: WeekTotals[],
  periods: ProgrammePeriod[],
  today: Date,
  timeZone: string,
): AdherenceWeek[] {
  const byWeek = new Map(totals.map((t) => [t.weekStart, t]));
  const weeks = new Set(byWeek.keys());
  const weekOf = (instant: string | Date) => mondayOf(localDate(instant, timeZone));
  const thisWeek = weekOf(today);
  for (const period of periods) {
    if (
      prescribedSessionsPerWeek(period.body, 1) === null &&
      prescribedSessionsPerWeek(period.body, 2) === null
    ) {
      continue;
    }
    const end = period.endedAt ? weekOf(period.endedAt) : thisWeek;
    for (let w = weekOf(period.approvedAt); w <= end; w = addDays(w, 7)) weeks.add(w);
  }
  const prescriptionFor = (week: string): number | null => {
    let found: number | null = null;
    for (const p of periods) {
      const start = weekOf(p.approvedAt);
      const end = p.endedAt ? weekOf(p.endedAt) : thisWeek;
      if (week >= start && week <= end) {
        const weekOfProgramme = daysBetween(start, week) / 7 + 1;
        found = prescribedSessionsPerWeek(p.body, weekOfProgramme) ?? found;
      }
    }
    return found;
  };
  return [...weeks].sort().map((weekStart) => {
    const t = byWeek.get(weekStart);
    const prescribed = prescriptionFor(weekStart);
    const completed = t?.completed ?? 0;
    return {
      weekStart,
      logged: t?.logged ?? 0,
      completed,
      minutes: t?.minutes ?? 0,
      prescribed,
      adherence: prescribed === null ? null : Math.min(1, completed / prescribed),
      meanPain: t?.meanPain ?? null,
      maxPain: t?.maxPain ?? null,
    };
  });
}
