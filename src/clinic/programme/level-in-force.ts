/**
 * The programme level a patient plays today: week 1 is the week starting the moment the programme
 * was approved; the level whose weeks (fromWeek … toWeek) hold today's week is in force. Before the
 * first level's weeks (or without an approval time) the first level; after the last level's weeks
 * the last one, until the clinician approves the next programme. Pure: callers pass `now`.
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { WEEK_MS } from '../../shared/time-units.ts';
import type { StimulationLevel } from './stimulation-types.ts';

/** The programme week of `now` (1 = the first seven days from approval). */
export function programmeWeek(approvedAt: string, now: Date): number {
  const approved = Date.parse(approvedAt);
  if (!Number.isFinite(approved))
    throw new InvalidInputError(`approvedAt must be a date-time; got ${approvedAt}`);
  return Math.max(1, Math.floor((now.getTime() - approved) / WEEK_MS) + 1);
}

export function levelInForce(
  levels: readonly StimulationLevel[],
  approvedAt: string | null,
  now: Date,
): StimulationLevel {
  const ordered = [...levels].sort((a, b) => a.fromWeek - b.fromWeek);
  const first = ordered[0];
  if (!first) throw new InvalidInputError('the programme has no stimulation level');
  if (approvedAt === null) return first;
  const week = programmeWeek(approvedAt, now);
  return (
    ordered.find((l) => l.fromWeek <= week && week <= l.toWeek) ??
    (week < first.fromWeek ? first : (ordered.filter((l) => l.fromWeek <= week).at(-1) ?? first))
  );
}
