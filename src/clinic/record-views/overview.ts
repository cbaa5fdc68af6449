import { DAY_MS } from '../../shared/time-units.ts';
import type { PatientRecord } from '../record/patient-record.ts';
import { openRedFlagsOf } from '../safety/open-red-flags.ts';
import { type Alert, type AlertInputs, PAIN_WINDOW_DAYS, patientAlerts } from './alerts.ts';
import { type TrajectoryView, trajectoryView } from './trajectory.ts';
import { type AdherenceWeek, weeklyAdherence } from './weekly-adherence.ts';

/** Measurements that track muscle size, the quantity the trajectory model forecasts. */
export const SIZE_MEASUREMENT_KINDS = ['circumference', 'ultrasound-thickness'] as const;

/** How far back the alerts read sessions: two pain windows (this one and the one before). */
export const ALERT_SESSION_DAYS = 2 * PAIN_WINDOW_DAYS;

/** The start of the sessions the alerts read, for a reader that loads only those. */
export function alertSessionsSince(now: Date): Date {
  return new Date(now.getTime() - ALERT_SESSION_DAYS * DAY_MS);
}

export interface TrajectorySeries {
  kind: string;
  site: string | null;
  side: string | null;
  unit: string;
  /** Each measurement and its % change from the series' first value. */
  points: { measuredAt: string; value: number; changePct: number }[];
}

const isSize = (kind: string) => (SIZE_MEASUREMENT_KINDS as readonly string[]).includes(kind);

/** The size measurements, one series per kind, site and side, in time order. */
export function sizeSeries(record: PatientRecord): TrajectorySeries[] {
  const seriesMap = new Map<string, TrajectorySeries>();
  for (const m of record.measurements) {
    if (!isSize(m.kind)) continue;
    const key = `${m.kind}|${m.site ?? ''}|${m.side ?? ''}`;
    let series = seriesMap.get(key);
    if (!series) {
      series = { kind: m.kind, site: m.site, side: m.side, unit: m.unit, points: [] };
      seriesMap.set(key, series);
    }
    const first = series.points[0]?.value ?? m.value;
    series.points.push({
      measuredAt: m.measuredAt,
      value: m.value,
      changePct: first === 0 ? 0 : ((m.value - first) / first) * 100,
    });
  }
  return [...seriesMap.values()];
}

/** The measured trajectory against the forecast for the latest diagnosis, or null when none is modelled. */
export function recordTrajectory(record: PatientRecord, now: Date): TrajectoryView | null {
  const condition = record.conditions[record.conditions.length - 1];
  if (!condition) return null;
  return trajectoryView(
    condition,
    { birthDate: record.patient.birthDate, sex: record.patient.sex, timeZone: record.patient.timeZone },
    record.measurements
      .filter((m) => isSize(m.kind))
      .map((m) => ({ kind: m.kind, side: m.side, value: m.value, measuredAt: m.measuredAt })),
    now,
  );
}

/** What the alerts read from a record (its sessions must reach back ALERT_SESSION_DAYS). */
export function alertInputsOf(
  record: PatientRecord,
  now: Date,
  trajectory: TrajectoryView | null = recordTrajectory(record, now),
): AlertInputs {
  const lastMeasuredDay = trajectory?.measured.reduce((max, m) => Math.max(max, m.day), 0) ?? 0;
  const screening = record.screenings[record.screenings.length - 1];
  const verdict = (screening?.result ?? null) as AlertInputs['latestScreening'] | null;
  const since = alertSessionsSince(now).getTime();
  const approved = record.programmes.find((p) => p.status === 'approved');
  return {
    trajectory: (trajectory?.alerts ?? [])
      .filter((a) => a.day === lastMeasuredDay)
      .map((a) => ({
        kind: 'below-forecast' as const,
        severity: a.kind === 'refer' ? ('high' as const) : ('medium' as const),
        message: a.message,
        since: a.date,
      })),
    patientId: record.patient.id,
    now,
    latestScreening: screening
      ? { screenedAt: screening.screenedAt, ...(verdict && typeof verdict === 'object' ? verdict : {}) }
      : null,
    recentSessions: record.sessions
      .filter((s) => Date.parse(s.startedAt) >= since)
      .map((s) => ({ startedAt: s.startedAt, pain: s.pain, completed: s.completed })),
    lastCompletedSessionAt: record.lastCompletedSessionAt,
    approvedProgrammeSince: approved ? approved.approvedAt : null,
    openRedFlags: openRedFlagsOf(record.screenings, record.redFlagResolutions),
  };
}

/** The alerts a clinician sees on a patient. */
export function recordAlerts(record: PatientRecord, now: Date): Alert[] {
  return patientAlerts(alertInputsOf(record, now));
}

export interface Overview {
  patientId: string;
  conditions: unknown[];
  activeProgramme: unknown | null;
  draftProgrammes: number;
  latestMeasurements: unknown[];
  latestSdTest: unknown | null;
  sessions: { total: number; completed: number; minutes: number; last: string | null };
  adherence: AdherenceWeek[];
  trajectory: { series: TrajectorySeries[]; model: TrajectoryView | null };
  alerts: Alert[];
}

const byText = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** Everything the patient's dashboard shows, from the record. */
export function patientOverview(record: PatientRecord, now: Date): Overview {
  const { programmes } = record;
  const approved = programmes.find((p) => p.status === 'approved');
  const periods = programmes
    .filter((p) => p.approvedAt !== null)
    .map((p) => ({ approvedAt: p.approvedAt as string, endedAt: p.endedAt, body: p.body }));
  const totals = record.sessionWeeks;
  const sessionCount = totals.reduce(
    (acc, w) => ({
      total: acc.total + w.logged,
      completed: acc.completed + w.completed,
      minutes: acc.minutes + w.minutes,
    }),
    { total: 0, completed: 0, minutes: 0 },
  );
  const latest = new Map<string, PatientRecord['measurements'][number]>();
  for (const m of record.measurements) {
    const key = JSON.stringify([m.kind, m.site, m.side]);
    const known = latest.get(key);
    if (!known || Date.parse(m.measuredAt) >= Date.parse(known.measuredAt)) latest.set(key, m);
  }
  const latestMeasurements = [...latest.values()].sort(
    (a, b) => byText(a.kind, b.kind) || byText(a.site, b.site) || byText(a.side, b.side),
  );
  const sdTest = record.sdTests[record.sdTests.length - 1];
  const trajectory = recordTrajectory(record, now);
  return {
    patientId: record.patient.id,
    conditions: record.conditions.map((c) => ({
      id: c.id,
      icd10Code: c.icd10Code,
      title: c.title,
      site: c.site,
      side: c.side,
      cause: c.cause,
      onsetDate: c.onsetDate,
      immobilisedFrom: c.immobilisedFrom,
      immobilisedTo: c.immobilisedTo,
    })),
    activeProgramme: approved
      ? { id: approved.id, version: approved.version, body: approved.body, approvedAt: approved.approvedAt }
      : null,
    draftProgrammes: programmes.filter((p) => p.status === 'draft').length,
    latestMeasurements: latestMeasurements.map((m) => ({
      kind: m.kind,
      site: m.site,
      side: m.side,
      value: m.value,
      unit: m.unit,
      measuredAt: m.measuredAt,
    })),
    latestSdTest: sdTest
      ? {
          id: sdTest.id,
          testedAt: sdTest.testedAt,
          site: sdTest.site,
          side: sdTest.side,
          rheobaseMa: sdTest.rheobaseMa,
          chronaxieMs: sdTest.chronaxieMs,
          innervation: sdTest.innervation,
        }
      : null,
    sessions: { ...sessionCount, last: record.lastCompletedSessionAt },
    adherence: weeklyAdherence(totals, periods, now, record.patient.timeZone),
    trajectory: { series: sizeSeries(record), model: trajectory },
    alerts: patientAlerts(alertInputsOf(record, now, trajectory)),
  };
}
