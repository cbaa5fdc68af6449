/**
 * Alerts a clinician should see on a patient: red flags, a trajectory below the forecast band,
 * rising pain, and missed sessions. Pure: the caller loads the inputs and passes `now`.
 *
 * Thresholds below are Myotrophy's own choices, not from the research notes (UNCONFIRMED):
 *  - rising pain: the mean pain of the last 7 days exceeds the mean of the 7 days before by at
 *    least 2 points on the 0–10 scale (2 points is the commonly quoted clinically important change
 *    for a 0–10 pain rating; Farrar 2001, Pain 94:149 — not yet in the research notes), or any
 *    session in the last 7 days was rated 7 or more;
 *  - missed sessions: no completed session for 3 days while a programme has been approved for at
 *    least 3 days.
 */
import { stimulationPause } from '../../clinic/safety/red-flag-pause.ts';
import { DAY_MS } from '../../shared/time-units.ts';

export const RISING_PAIN_DELTA_POINTS = 2;
export const SEVERE_PAIN_POINTS = 7;
export const PAIN_WINDOW_DAYS = 7;
export const MISSED_SESSION_DAYS = 3;

export type AlertKind =
  | 'red-flag'
  | 'below-forecast'
  | 'rising-pain'
  | 'missed-sessions'
  | 'contraindication';

export interface Alert {
  patientId: string;
  kind: AlertKind;
  severity: 'high' | 'medium';
  message: string;
  since: string | null;
}

export interface AlertInputs {
  patientId: string;
  now: Date;
  /** The latest screening's verdict, if any. */
  latestScreening: {
    screenedAt: string;
    redFlags?: { refer: boolean; urgency: string; referrals: { label: string }[] };
    contraindications?: { verdict: string; contraindications: { reason: string }[] };
  } | null;
  /**
   * Red flags open until a clinician resolves them (../records/red-flags.ts). When given, the
   * red-flag alert follows them — it stays after a later screening answers "no" and goes when the
   * clinician resolves the flag — rather than the latest screening's verdict.
   */
  openRedFlags?: { key: string; raisedAt: string }[];
  /** Sessions in the last 2 × PAIN_WINDOW_DAYS days. */
  recentSessions: { startedAt: string; pain: number | null; completed: boolean }[];
  lastCompletedSessionAt: string | null;
  approvedProgrammeSince: string | null;
  /** Trajectory alerts from the physiology module, already phrased. */
  trajectory: {
    kind: 'below-forecast';
    severity: 'high' | 'medium';
    message: string;
    since: string | null;
  }[];
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export function patientAlerts(inputs: AlertInputs): Alert[] {
  const { patientId, now } = inputs;
  const alerts: Alert[] = [];
  const screening = inputs.latestScreening;
  if (inputs.openRedFlags !== undefined) {
    if (inputs.openRedFlags.length > 0) {
      const alert = stimulationPause(inputs.openRedFlags, { name: 'the clinic' }).clinicianAlert;
      alerts.push({
        patientId,
        kind: 'red-flag',
        severity: 'high',
        message: alert ? `${alert.title}. ${alert.text}` : 'red flag open: stimulation paused',
        since: inputs.openRedFlags[0]?.raisedAt ?? null,
      });
    }
  } else if (screening?.redFlags?.refer) {
    alerts.push({
      patientId,
      kind: 'red-flag',
      severity: 'high',
      message: `refer (${screening.redFlags.urgency}): ${screening.redFlags.referrals.map((r) => r.label).join('; ')}`,
      since: screening.screenedAt,
    });
  }
  if (screening?.contraindications?.verdict === 'contraindicated') {
    alerts.push({
      patientId,
      kind: 'contraindication',
      severity: 'high',
      message: `stimulation contraindicated: ${screening.contraindications.contraindications.map((c) => c.reason).join(' ')}`,
      since: screening.screenedAt,
    });
  }
  for (const t of inputs.trajectory) {
    alerts.push({ patientId, kind: t.kind, severity: t.severity, message: t.message, since: t.since });
  }
  const t = now.getTime();
  const windowMs = PAIN_WINDOW_DAYS * DAY_MS;
  const pains = (from: number, to: number) =>
    inputs.recentSessions
      .filter((s) => s.pain !== null && Date.parse(s.startedAt) >= from && Date.parse(s.startedAt) < to)
      .map((s) => s.pain as number);
  const recent = pains(t - windowMs, t + 1);
  const before = pains(t - 2 * windowMs, t - windowMs);
  const recentMean = mean(recent);
  const beforeMean = mean(before);
  const worst = recent.length > 0 ? Math.max(...recent) : null;
  if (recentMean !== null && beforeMean !== null && recentMean - beforeMean >= RISING_PAIN_DELTA_POINTS) {
    alerts.push({
      patientId,
      kind: 'rising-pain',
      severity: 'medium',
      message: `mean pain rose from ${beforeMean.toFixed(1)} to ${recentMean.toFixed(1)} /10 over the last ${PAIN_WINDOW_DAYS} days`,
      since: new Date(t - windowMs).toISOString(),
    });
  } else if (worst !== null && worst >= SEVERE_PAIN_POINTS) {
    alerts.push({
      patientId,
      kind: 'rising-pain',
      severity: 'medium',
      message: `a session in the last ${PAIN_WINDOW_DAYS} days was rated ${worst}/10 for pain`,
      since: new Date(t - windowMs).toISOString(),
    });
  }
  if (inputs.approvedProgrammeSince !== null) {
    const approved = Date.parse(inputs.approvedProgrammeSince);
    const last =
      inputs.lastCompletedSessionAt === null ? approved : Date.parse(inputs.lastCompletedSessionAt);
    const quietDays = Math.floor((t - Math.max(last, approved)) / DAY_MS);
    if (quietDays >= MISSED_SESSION_DAYS) {
      alerts.push({
        patientId,
        kind: 'missed-sessions',
        severity: 'medium',
        message:
          inputs.lastCompletedSessionAt === null
            ? `no completed session in the ${quietDays} days since the programme was approved`
            : `no completed session for ${quietDays} days`,
        since: new Date(Math.max(last, approved)).toISOString(),
      });
    }
  }
  return alerts;
}
