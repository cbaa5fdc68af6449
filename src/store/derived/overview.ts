import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { openRedFlags } from '../records/red-flags.ts';
import { iso, isoOrNull } from '../rows.ts';
import { type Alert, type AlertInputs, PAIN_WINDOW_DAYS, patientAlerts } from './alerts.ts';
import { type TrajectoryView, trajectoryView } from './trajectory.ts';
import { type AdherenceWeek, weeklyAdherence, weeklySessionTotals } from './weekly-adherence.ts';

/** Measurements that track muscle size, the quantity the trajectory model forecasts. */
export const SIZE_MEASUREMENT_KINDS = ['circumference', 'ultrasound-thickness'] as const;

export interface TrajectorySeries {
  kind: string;
  site: string | null;
  side: string | null;
  unit: string;
  /** Each measurement and its % change from the series' first value. */
  points: { measuredAt: string; value: number; changePct: number }[];
}

export interface PatientSummaryInputs {
  alertInputs: AlertInputs;
  series: TrajectorySeries[];
  trajectory: TrajectoryView | null;
}

/** What the alerts and the trajectory need for one patient: five small indexed queries. */
export async function loadAlertInputs(db: Db, patientId: string, now: Date): Promise<PatientSummaryInputs> {
  const since = new Date(now.getTime() - 2 * PAIN_WINDOW_DAYS * 86_400_000);
  const [patient, condition, screening, recent, lastCompleted, approved, sizes] = await Promise.all([
    db.selectFrom('patients').select(['birth_date', 'sex']).where('id', '=', patientId).executeTakeFirst(),
    db
      .selectFrom('conditions')
      .select(['site', 'side', 'cause', 'onset_date', 'immobilised_from', 'immobilised_to'])
      .where('patient_id', '=', patientId)
      .orderBy('recorded_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('screenings')
      .select(['screened_at', 'result'])
      .where('patient_id', '=', patientId)
      .orderBy('screened_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('sessions')
      .select(['started_at', 'pain', 'completed'])
      .where('patient_id', '=', patientId)
      .where('started_at', '>=', since)
      .orderBy('started_at')
      .execute(),
    db
      .selectFrom('sessions')
      .select('started_at')
      .where('patient_id', '=', patientId)
      .where('completed', '=', true)
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('programmes')
      .select(['approved_at'])
      .where('patient_id', '=', patientId)
      .where('status', '=', 'approved')
      .executeTakeFirst(),
    db
      .selectFrom('measurements')
      .select(['kind', 'site', 'side', 'unit', 'value', 'measured_at'])
      .where('patient_id', '=', patientId)
      .where('kind', 'in', [...SIZE_MEASUREMENT_KINDS])
      .orderBy('measured_at')
      .execute(),
  ]);
  const verdict = (screening?.result ?? null) as AlertInputs['latestScreening'] | null;
  const flags = await openRedFlags(db, patientId);
  const seriesMap = new Map<string, TrajectorySeries>();
  for (const m of sizes) {
    const key = `${m.kind}|${m.site ?? ''}|${m.side ?? ''}`;
    let series = seriesMap.get(key);
    if (!series) {
      series = { kind: m.kind, site: m.site, side: m.side, unit: m.unit, points: [] };
      seriesMap.set(key, series);
    }
    const first = series.points[0]?.value ?? m.value;
    series.points.push({
      measuredAt: iso(m.measured_at),
      value: m.value,
      changePct: first === 0 ? 0 : ((m.value - first) / first) * 100,
    });
  }
  const trajectory =
    patient && condition
      ? trajectoryView(
          {
            site: condition.site,
            side: condition.side,
            cause: condition.cause,
            onsetDate: condition.onset_date,
            immobilisedFrom: condition.immobilised_from,
            immobilisedTo: condition.immobilised_to,
          },
          { birthDate: patient.birth_date, sex: patient.sex },
          sizes.map((m) => ({ kind: m.kind, side: m.side, value: m.value, measuredAt: iso(m.measured_at) })),
          now,
        )
      : null;
  const lastMeasuredDay = trajectory?.measured.reduce((max, m) => Math.max(max, m.day), 0) ?? 0;
  const trajectoryAlerts = (trajectory?.alerts ?? [])
    .filter((a) => a.day === lastMeasuredDay)
    .map((a) => ({
      kind: 'below-forecast' as const,
      severity: a.kind === 'refer' ? ('high' as const) : ('medium' as const),
      message: a.message,
      since: a.date,
    }));
  return {
    trajectory,
    alertInputs: {
      openRedFlags: flags,
      trajectory: trajectoryAlerts,
      patientId,
      now,
      latestScreening: screening
        ? {
            screenedAt: iso(screening.screened_at),
            ...(verdict && typeof verdict === 'object' ? verdict : {}),
          }
        : null,
      recentSessions: recent.map((s) => ({
        startedAt: iso(s.started_at),
        pain: s.pain,
        completed: s.completed,
      })),
      lastCompletedSessionAt: lastCompleted ? iso(lastCompleted.started_at) : null,
      approvedProgrammeSince: approved ? isoOrNull(approved.approved_at) : null,
    },
    series: [...seriesMap.values()],
  };
}

export async function alertsForPatient(db: Db, patientId: string, now: Date): Promise<Alert[]> {
  const { alertInputs } = await loadAlertInputs(db, patientId, now);
  return patientAlerts(alertInputs);
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

/** Everything the patient's dashboard shows, in a handful of indexed queries. */
export async function loadOverview(db: Db, patientId: string, now: Date): Promise<Overview> {
  const [conditions, programmes, latest, sdTest, totals, summary] = await Promise.all([
    db
      .selectFrom('conditions')
      .select([
        'id',
        'icd10_code',
        'title',
        'site',
        'side',
        'cause',
        'onset_date',
        'immobilised_from',
        'immobilised_to',
      ])
      .where('patient_id', '=', patientId)
      .orderBy('recorded_at')
      .execute(),
    db
      .selectFrom('programmes')
      .select(['id', 'version', 'status', 'body', 'approved_at', 'ended_at'])
      .where('patient_id', '=', patientId)
      .orderBy('version')
      .execute(),
    sql<{
      kind: string;
      site: string | null;
      side: string | null;
      value: number;
      unit: string;
      measured_at: Date;
    }>`select distinct on (kind, site, side) kind, site, side, value, unit, measured_at
       from measurements where patient_id = ${patientId}
       order by kind, site, side, measured_at desc`.execute(db),
    db
      .selectFrom('sd_tests')
      .select(['id', 'tested_at', 'site', 'side', 'rheobase_ma', 'chronaxie_ms', 'innervation'])
      .where('patient_id', '=', patientId)
      .orderBy('tested_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    weeklySessionTotals(db, patientId),
    loadAlertInputs(db, patientId, now),
  ]);
  const approved = programmes.find((p) => p.status === 'approved');
  const periods = programmes
    .filter((p) => p.approved_at !== null)
    .map((p) => ({
      approvedAt: iso(p.approved_at as Date),
      endedAt: isoOrNull(p.ended_at),
      body: p.body,
    }));
  const sessionCount = totals.reduce(
    (acc, w) => ({
      total: acc.total + w.logged,
      completed: acc.completed + w.completed,
      minutes: acc.minutes + w.minutes,
    }),
    { total: 0, completed: 0, minutes: 0 },
  );
  return {
    patientId,
    conditions: conditions.map((c) => ({
      id: c.id,
      icd10Code: c.icd10_code,
      title: c.title,
      site: c.site,
      side: c.side,
      cause: c.cause,
      onsetDate: c.onset_date,
      immobilisedFrom: c.immobilised_from,
      immobilisedTo: c.immobilised_to,
    })),
    activeProgramme: approved
      ? {
          id: approved.id,
          version: approved.version,
          body: approved.body,
          approvedAt: isoOrNull(approved.approved_at),
        }
      : null,
    draftProgrammes: programmes.filter((p) => p.status === 'draft').length,
    latestMeasurements: latest.rows.map((m) => ({
      kind: m.kind,
      site: m.site,
      side: m.side,
      value: m.value,
      unit: m.unit,
      measuredAt: iso(m.measured_at),
    })),
    latestSdTest: sdTest
      ? {
          id: sdTest.id,
          testedAt: iso(sdTest.tested_at),
          site: sdTest.site,
          side: sdTest.side,
          rheobaseMa: sdTest.rheobase_ma,
          chronaxieMs: sdTest.chronaxie_ms,
          innervation: sdTest.innervation,
        }
      : null,
    sessions: { ...sessionCount, last: summary.alertInputs.lastCompletedSessionAt },
    adherence: weeklyAdherence(totals, periods, now),
    trajectory: { series: summary.series, model: summary.trajectory },
    alerts: patientAlerts(summary.alertInputs),
  };
}
