import { trajectoryAlerts } from '../../physiology/trajectory/alerts.ts';
import {
  type ForecastInput,
  forecastMuscle,
  MAX_AGE_YEARS,
  MAX_FORECAST_DAYS,
  MIN_AGE_YEARS,
} from '../../physiology/trajectory/forecast.ts';
import type { PatientMeasurement } from '../../physiology/trajectory/measurement.ts';
import {
  TRAJECTORY_SCENARIOS,
  type TrajectoryMuscle,
  type TrajectoryScenario,
} from '../../physiology/trajectory/parameters.ts';
import { DAY_MS, yearsSince } from '../../shared/time-units.ts';
import { daysBetween, localDate } from '../calendar/zoned-days.ts';
import type { Condition } from '../record/condition.ts';

/**
 * The patient's measured trajectory against the trajectory model's forecast. The record supplies
 * the model's inputs:
 *  - scenario: the condition's cause when it is a disuse scenario the model knows (cast, brace,
 *    bed-rest, icu, sedentary, spaceflight); other causes get no forecast;
 *  - muscle: thigh → thigh, lower leg → calf (the model covers the lower limb only);
 *  - day 0: the start of immobilisation, else the onset date; remobilisation: its end;
 *  - age and sex from the patient;
 *  - measurements: tape circumference (→ circumference) and ultrasound thickness (→ thickness) on
 *    the condition's side. The baseline (the model's day-0 size) is the first such measurement on or
 *    before day 0; without one, the other side's first measurement stands in for it (the unaffected
 *    limb as the pre-disuse size: Myotrophy's assumption, UNCONFIRMED as a proxy).
 */
const SITE_MUSCLE: Record<string, TrajectoryMuscle> = { thigh: 'thigh', 'lower-leg': 'calf' };
const KIND_MAP: Record<string, PatientMeasurement['kind']> = {
  circumference: 'circumference',
  'ultrasound-thickness': 'thickness',
};

/** What the forecast reads of a diagnosis. */
export type TrajectoryCondition = Pick<
  Condition,
  'site' | 'side' | 'cause' | 'onsetDate' | 'immobilisedFrom' | 'immobilisedTo'
>;

export interface TrajectoryMeasurement {
  kind: string;
  side: string | null;
  value: number;
  measuredAt: string;
}

export interface TrajectoryView {
  scenario: TrajectoryScenario;
  muscle: TrajectoryMuscle;
  startDate: string;
  baselineFrom: 'affected-side' | 'other-side' | 'none';
  /** Forecast change of muscle size (%) with its 80 % band; daily up to 180 days, then weekly. */
  forecast: { day: number; date: string; changePct: number; lowPct: number; highPct: number }[];
  measured: { day: number; date: string; kind: string; impliedChangePct: number; errorPct: number }[];
  alerts: { kind: 'not-responding' | 'refer'; day: number; date: string; message: string }[];
  /** In words, what the forecast rests on and how sure it is, for the clinician beside the chart. */
  basis: string[];
}

/**
 * The forecast fits the patient's individual model to their measurements, and trajectoryAlerts
 * refits it before every measurement, so their cost grows with the number of measurements (about
 * 100 ms for two years of weekly ones). Both are pure functions of the forecast input, which holds
 * the measurements; trajectoryAlerts' answer does not depend on the forecast horizon. Their answers
 * are kept (bounded, in process, keyed by the input) while the record's measurements, condition and
 * patient stay the same: the alerts and overview of many patients refit only what changed.
 */
const MEMO_SIZE = 500;

function boundedMemo<T>(compute: (input: ForecastInput) => T, keyOf: (input: ForecastInput) => string) {
  const memo = new Map<string, T>();
  return (input: ForecastInput): T => {
    const key = keyOf(input);
    const known = memo.get(key);
    if (known !== undefined) return known;
    const answer = compute(input);
    if (memo.size >= MEMO_SIZE) {
      const oldest = memo.keys().next();
      if (!oldest.done) memo.delete(oldest.value);
    }
    memo.set(key, answer);
    return answer;
  };
}

const memoisedTrajectoryAlerts = boundedMemo(trajectoryAlerts, (input) => {
  const { days: _horizon, ...rest } = input;
  return JSON.stringify(rest);
});
const memoisedForecast = boundedMemo(forecastMuscle, (input) => JSON.stringify(input));

/**
 * The day (from 0, the start date) of a time, counted like `today` on the patient's own calendar
 * (their IANA zone): a measurement taken this evening in Auckland is today's, not yesterday's UTC.
 */
function dayOf(startDate: string, isoTime: string, timeZone: string): number {
  return daysBetween(startDate, localDate(isoTime, timeZone));
}

function dateOf(start: number, day: number): string {
  return new Date(start + day * DAY_MS).toISOString().slice(0, 10);
}

function ageOn(birthDate: string | null, at: number): number | undefined {
  if (!birthDate) return undefined;
  const age = yearsSince(birthDate, at);
  return age >= MIN_AGE_YEARS && age <= MAX_AGE_YEARS ? Math.floor(age) : undefined;
}

/** What the trajectory reads of the patient: age and sex for the model, the zone their days are counted in. */
export interface TrajectoryPatient {
  birthDate: string | null;
  sex: string | null;
  /** IANA zone; UTC when not given. */
  timeZone?: string;
}

/** The forecast input for a condition, or undefined when the model does not cover it. */
export function forecastInputFor(
  condition: TrajectoryCondition,
  patient: TrajectoryPatient,
  measurements: TrajectoryMeasurement[],
  now: Date,
): { input: ForecastInput; start: number; baselineFrom: TrajectoryView['baselineFrom'] } | undefined {
  const scenario = condition.cause as TrajectoryScenario;
  const muscle = condition.site ? SITE_MUSCLE[condition.site] : undefined;
  const startDate = condition.immobilisedFrom ?? condition.onsetDate;
  if (!TRAJECTORY_SCENARIOS.includes(scenario) || scenario === 'none' || !muscle || !startDate)
    return undefined;
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const timeZone = patient.timeZone ?? 'UTC';
  const today = dayOf(startDate, now.toISOString(), timeZone);
  if (today < 1) return undefined;
  const side = condition.side;
  const usable = measurements.filter((m) => KIND_MAP[m.kind] !== undefined);
  const affected = usable.filter((m) => side === null || m.side === side || m.side === null);
  const other = usable.filter((m) => side !== null && m.side !== null && m.side !== side);
  let baselineFrom: TrajectoryView['baselineFrom'] = 'none';
  const points: PatientMeasurement[] = [];
  for (const kind of new Set(affected.map((m) => m.kind))) {
    const series = affected.filter((m) => m.kind === kind);
    let baseline = series.find((m) => dayOf(startDate, m.measuredAt, timeZone) <= 0)?.value;
    if (baseline !== undefined) baselineFrom = 'affected-side';
    else {
      baseline = other.find((m) => m.kind === kind)?.value;
      if (baseline !== undefined && baselineFrom === 'none') baselineFrom = 'other-side';
    }
    if (baseline === undefined) continue;
    for (const m of series) {
      const day = dayOf(startDate, m.measuredAt, timeZone);
      if (day >= 1 && day <= today) {
        points.push({ day, kind: KIND_MAP[kind] as PatientMeasurement['kind'], value: m.value, baseline });
      }
    }
  }
  const days = Math.min(MAX_FORECAST_DAYS, today + 28);
  const age = ageOn(patient.birthDate, start);
  const remobilise = condition.immobilisedTo ? daysBetween(startDate, condition.immobilisedTo) : undefined;
  const input: ForecastInput = {
    scenario,
    muscle,
    days,
    ...(age !== undefined ? { ageYears: age } : {}),
    ...(patient.sex === 'male' || patient.sex === 'female' ? { sex: patient.sex } : {}),
    ...(remobilise !== undefined && remobilise >= 1 && remobilise <= days
      ? { remobiliseAtDay: remobilise }
      : {}),
    measurements: points.filter((p) => p.day <= days),
  };
  return { input, start, baselineFrom };
}

export function trajectoryView(
  condition: TrajectoryCondition,
  patient: TrajectoryPatient,
  measurements: TrajectoryMeasurement[],
  now: Date,
): TrajectoryView | null {
  const prepared = forecastInputFor(condition, patient, measurements, now);
  if (!prepared) return null;
  const { input, start, baselineFrom } = prepared;
  const result = memoisedForecast(input);
  const alerts = memoisedTrajectoryAlerts(input);
  return {
    scenario: input.scenario,
    muscle: input.muscle,
    startDate: dateOf(start, 0),
    baselineFrom,
    forecast: result.days
      .filter((d) => d.day <= 180 || d.day % 7 === 0 || d.day === input.days)
      .map((d) => ({ ...d, date: dateOf(start, d.day) })),
    measured: result.measurements.map((m) => ({
      day: m.day,
      date: dateOf(start, m.day),
      kind: m.kind,
      impliedChangePct: m.impliedChangePct,
      errorPct: m.errorPct,
    })),
    alerts: alerts.map((a) => ({ kind: a.kind, day: a.day, date: dateOf(start, a.day), message: a.message })),
    basis: result.basis,
  };
}
