import { describe, expect, it } from 'vitest';
import { type AlertInputs, MISSED_SESSION_DAYS, patientAlerts } from './alerts.ts';

const now = new Date('2025-03-15T12:00:00Z');
const base: AlertInputs = {
  patientId: 'p',
  now,
  latestScreening: null,
  recentSessions: [],
  lastCompletedSessionAt: null,
  approvedProgrammeSince: null,
  trajectory: [],
};
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();

describe('patientAlerts', () => {
  it('is quiet with nothing to say', () => {
    expect(patientAlerts(base)).toEqual([]);
  });

  it('flags rising pain when the last 7 days average 2 or more points above the 7 before', () => {
    const sessions = [
      { startedAt: daysAgo(12), pain: 1, completed: true },
      { startedAt: daysAgo(10), pain: 2, completed: true },
      { startedAt: daysAgo(5), pain: 3, completed: true },
      { startedAt: daysAgo(2), pain: 4, completed: true },
    ];
    const alerts = patientAlerts({ ...base, recentSessions: sessions });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'rising-pain',
      message: 'mean pain rose from 1.5 to 3.5 /10 over the last 7 days',
    });
    // 1.5 → 3.4 is a rise of 1.9 points: below the threshold, and no session reached 7.
    const smaller = sessions.map((s, i) => (i === 3 ? { ...s, pain: 3.8 } : s));
    expect(patientAlerts({ ...base, recentSessions: smaller })).toEqual([]);
  });

  it('flags a single severe pain rating', () => {
    const alerts = patientAlerts({
      ...base,
      recentSessions: [{ startedAt: daysAgo(1), pain: 7, completed: false }],
    });
    expect(alerts.map((a) => a.message)).toEqual(['a session in the last 7 days was rated 7/10 for pain']);
  });

  it('flags missed sessions only after the programme has run for the grace period', () => {
    const approved = daysAgo(10);
    expect(
      patientAlerts({
        ...base,
        approvedProgrammeSince: approved,
        lastCompletedSessionAt: daysAgo(MISSED_SESSION_DAYS - 1),
      }),
    ).toEqual([]);
    const alerts = patientAlerts({
      ...base,
      approvedProgrammeSince: approved,
      lastCompletedSessionAt: daysAgo(4),
    });
    expect(alerts.map((a) => [a.kind, a.message])).toEqual([
      ['missed-sessions', 'no completed session for 4 days'],
    ]);
    expect(patientAlerts({ ...base, approvedProgrammeSince: daysAgo(2) })).toEqual([]);
  });

  it('passes on red flags and contraindications from the latest screening', () => {
    const alerts = patientAlerts({
      ...base,
      latestScreening: {
        screenedAt: daysAgo(1),
        redFlags: { refer: true, urgency: 'immediate', referrals: [{ label: 'Sudden weakness' }] },
        contraindications: { verdict: 'contraindicated', contraindications: [{ reason: 'Pacemaker.' }] },
      },
    });
    expect(alerts.map((a) => [a.kind, a.severity, a.message])).toEqual([
      ['red-flag', 'high', 'refer (immediate): Sudden weakness'],
      ['contraindication', 'high', 'stimulation contraindicated: Pacemaker.'],
    ]);
  });
});
