/**
 * Expands the demo fixture (./demo-data.ts) into dated records: strength–duration points on a Weiss
 * curve, both sides of a measurement series, and daily stimulation and exercise sessions. Every
 * number drawn comes from one seeded stream, in the order the fixture lists things (per patient:
 * strength–duration tests, measurements, sessions), so the same seed and today give the same demo.
 */
import type { Goal } from '../clinic/programme/stimulation-programme.ts';
import type { MeasurementKindName } from '../clinic/record/measurement-kinds.ts';
import type { Session } from '../clinic/record/session.ts';
import type { ScreeningKey } from '../clinic/screening/contraindications.ts';
import type { RedFlagKey } from '../clinic/screening/red-flags.ts';
import { DAY_MS } from '../shared/time-units.ts';

type Side = 'left' | 'right';

/** A value that may change with the day (days from today, negative = past). */
export type ByDay = number | ((day: number) => number);

export interface DemoMeasurement {
  day: number;
  kind: MeasurementKindName;
  site: string | null;
  side: Side | null;
  value: number;
  note?: string;
}

/** A logged session as the demo tells it: its day and hour, and which programme it followed. */
export type DemoSession = Pick<
  Session,
  'kind' | 'minutes' | 'peakIntensityMa' | 'comfort' | 'pain' | 'completed' | 'notes'
> & {
  day: number;
  /** Hour of the day (UTC) the session started. */
  hour: number;
  /** Which programme (index into the patient's programmes) the session followed. */
  programme: number | null;
};

export interface DemoProgramme {
  goal: Goal;
  muscle: string;
  side: Side;
  /** Day the clinician approved it (it ends when the next one is approved). */
  approvedDay: number;
}

export interface DemoScreening {
  day: number;
  /** Contraindication questions answered yes (every other question is answered no). */
  yes?: ScreeningKey[];
  /** Red-flag findings present (every other finding is recorded absent). */
  redFlags?: RedFlagKey[];
  electrodeSites: string[];
}

export interface DemoCondition {
  site: string;
  side: Side;
  cause: string;
  /** Days from today (negative = past). */
  onsetDay: number;
  immobilisedFromDay: number | null;
  immobilisedToDay: number | null;
}

interface DemoPerson {
  key: string;
  name: string;
  birthDate: string;
  sex: 'female' | 'male';
  email: string;
  story: string;
  condition: DemoCondition;
  programmes: DemoProgramme[];
  notes: { day: number; text: string }[];
}

/** A strength–duration test whose thresholds lie on a Weiss curve, with ±3 % measurement scatter. */
export interface WeissCurveTest {
  day: number;
  side: Side;
  site: string;
  rheobaseMa: number;
  chronaxieMs: number;
}

/** Both sides measured on each of `days`: the other side steady, the affected side following a curve. */
export interface BilateralSeries {
  bilateral: MeasurementKindName;
  site: string;
  affectedSide: Side;
  days: number[];
  otherSide: number;
  affected: (day: number) => number;
  /** Peak-to-peak measurement scatter, in the measurement's unit. */
  scatter: number;
  digits: number;
}

/** Daily stimulation sessions, the current building towards a target over three weeks. */
export interface StimulationSeries {
  stimulation: { fromDay: number; toDay: number };
  perDay: number;
  daysOfWeek?: number[];
  minutes: number;
  startMa: number;
  targetMa: number;
  ceilingMa: number;
  comfort: ByDay;
  pain: ByDay;
  /** The chance a planned session is done at all. */
  adherence: number;
  programme: number;
}

/** Exercise sessions at noon on the given weekdays (about 85 % of them done). */
export interface ExerciseSeries {
  exercise: { fromDay: number; toDay: number };
  daysOfWeek: number[];
  minutes: number;
  pain: number;
  programme: number;
}

/** One demo patient as the fixture declares it. */
export interface DemoPatientFixture extends DemoPerson {
  screenings: DemoScreening[];
  sdTests: WeissCurveTest[];
  measurements: (BilateralSeries | DemoMeasurement)[];
  sessions: (StimulationSeries | ExerciseSeries)[];
  /** Today's sessions are logged only before this hour (the story's "now" is that morning). */
  loggedTodayBeforeHour?: number;
}

/** One demo patient, every record dated (days from today). */
export interface DemoPatient extends DemoPerson {
  screenings: Required<DemoScreening>[];
  sdTests: { day: number; side: Side; site: string; points: { widthMs: number; thresholdMa: number }[] }[];
  measurements: DemoMeasurement[];
  sessions: DemoSession[];
}

/** Widths (ms) of a strength–duration test, shortest to longest. */
const SD_WIDTHS_MS = [0.05, 0.1, 0.3, 1, 3, 10, 30, 100, 300];

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function clampScore(value: number): number {
  return Math.max(0, Math.min(10, Math.round(value)));
}

const valueOn = (v: ByDay, day: number) => (typeof v === 'number' ? v : v(day));

/** Thresholds on a Weiss curve I = rheobase·(1 + chronaxie/w), with ±3 % measurement scatter. */
function weissPoints(random: () => number, t: WeissCurveTest) {
  return SD_WIDTHS_MS.map((widthMs) => ({
    widthMs,
    thresholdMa: round(t.rheobaseMa * (1 + t.chronaxieMs / widthMs) * (1 + 0.03 * (random() * 2 - 1)), 1),
  }));
}

function bilateral(random: () => number, s: BilateralSeries): DemoMeasurement[] {
  const otherSide = s.affectedSide === 'left' ? 'right' : 'left';
  const scatter = () => s.scatter * (random() - 0.5);
  return s.days.flatMap((day) => [
    {
      day,
      kind: s.bilateral,
      site: s.site,
      side: s.affectedSide,
      value: round(s.affected(day) + scatter(), s.digits),
    },
    {
      day,
      kind: s.bilateral,
      site: s.site,
      side: otherSide,
      value: round(s.otherSide + scatter(), s.digits),
    },
  ]);
}

function weekdayOf(today: Date, day: number): number {
  return new Date(today.getTime() + day * DAY_MS).getUTCDay();
}

function stimulationSessions(random: () => number, o: StimulationSeries, today: Date): DemoSession[] {
  const { fromDay, toDay } = o.stimulation;
  const sessions: DemoSession[] = [];
  const span = Math.max(1, toDay - fromDay);
  for (let day = fromDay; day <= toDay; day += 1) {
    if (o.daysOfWeek && !o.daysOfWeek.includes(weekdayOf(today, day))) continue;
    for (let s = 0; s < o.perDay; s += 1) {
      if (random() > o.adherence) continue;
      const progress = Math.min(1, (day - fromDay) / Math.min(span, 21));
      const ma = Math.min(
        o.ceilingMa,
        o.startMa + (o.targetMa - o.startMa) * progress + 3 * (random() - 0.5),
      );
      const completed = random() > 0.05;
      sessions.push({
        day,
        hour: s === 0 ? 8 : 18,
        kind: 'stimulation',
        minutes: completed ? o.minutes : Math.round(o.minutes * (0.3 + 0.4 * random())),
        peakIntensityMa: round(Math.max(1, ma), 1),
        comfort: clampScore(valueOn(o.comfort, day) + (random() - 0.5) * 2),
        pain: clampScore(valueOn(o.pain, day) + (random() - 0.5) * 2),
        completed,
        notes: completed ? null : 'stopped early',
        programme: o.programme,
      });
    }
  }
  return sessions;
}

function exerciseSessions(random: () => number, o: ExerciseSeries, today: Date): DemoSession[] {
  const sessions: DemoSession[] = [];
  for (let day = o.exercise.fromDay; day <= o.exercise.toDay; day += 1) {
    if (!o.daysOfWeek.includes(weekdayOf(today, day)) || random() > 0.85) continue;
    sessions.push({
      day,
      hour: 12,
      kind: 'exercise',
      minutes: o.minutes,
      peakIntensityMa: null,
      comfort: clampScore(7 + (random() - 0.5) * 2),
      pain: clampScore(o.pain + (random() - 0.5) * 2),
      completed: true,
      notes: null,
      programme: o.programme,
    });
  }
  return sessions;
}

/** The patient's dated records, drawing from `random` in the fixture's order. */
export function expandDemoPatient(
  fixture: DemoPatientFixture,
  today: Date,
  random: () => number,
): DemoPatient {
  const { loggedTodayBeforeHour, ...person } = fixture;
  const sdTests = fixture.sdTests.map((t) => ({
    day: t.day,
    side: t.side,
    site: t.site,
    points: weissPoints(random, t),
  }));
  const measurements = fixture.measurements.flatMap((m) => ('bilateral' in m ? bilateral(random, m) : [m]));
  const sessions = fixture.sessions
    .flatMap((s) =>
      'stimulation' in s ? stimulationSessions(random, s, today) : exerciseSessions(random, s, today),
    )
    .filter((s) => loggedTodayBeforeHour === undefined || s.day < 0 || s.hour < loggedTodayBeforeHour);
  return {
    ...person,
    screenings: fixture.screenings.map((s) => ({
      day: s.day,
      yes: s.yes ?? [],
      redFlags: s.redFlags ?? [],
      electrodeSites: s.electrodeSites,
    })),
    sdTests,
    measurements,
    sessions,
  };
}

/** Measurements of several kinds taken together on each of `days`: `values[i]` on `days[i]`. */
export function measuredOn(
  days: number[],
  kinds: { kind: MeasurementKindName; site: string | null; side: Side | null; values: number[] }[],
): DemoMeasurement[] {
  return days.flatMap((day, i) =>
    kinds.map(({ kind, site, side, values }) => ({ day, kind, site, side, value: values[i] as number })),
  );
}
