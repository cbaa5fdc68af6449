import { describe, expect, it } from 'vitest';
import type { EntryStatus } from './correction.ts';
import { currentValues, isCurrent } from './current-values.ts';
import type { Measurement } from './measurement.ts';
import { emptyPatientRecord, type PatientRecord } from './patient-record.ts';
import type { Programme, ProgrammeStatus } from './programme.ts';
import type { Session } from './session.ts';

const measurement = (
  id: string,
  value: number,
  status: EntryStatus,
  replacesId: string | null = null,
): Measurement => ({
  id,
  patientId: 'p',
  kind: 'circumference',
  value,
  unit: 'cm',
  measuredAt: '2025-01-01T09:00:00.000Z',
  site: 'calf',
  side: 'left',
  note: null,
  recordedBy: 'c',
  status,
  replacesId,
});

const programme = (id: string, status: ProgrammeStatus): Programme => ({
  id,
  patientId: 'p',
  version: 1,
  status,
  body: { sessionsPerWeek: 5 },
  safety: { ok: true },
  supersedesId: null,
  createdAt: '2025-01-01T09:00:00.000Z',
  createdBy: 'c',
  approvedAt: status === 'draft' ? null : '2025-01-02T09:00:00.000Z',
  approvedBy: status === 'draft' ? null : 'c',
  endedAt: null,
});

const session = (id: string, status: EntryStatus) => ({ id, status, replacesId: null }) as Session;

const record = (parts: Partial<PatientRecord>): PatientRecord => ({
  ...emptyPatientRecord({ id: 'p' } as PatientRecord['patient'], 'c'),
  ...parts,
});

describe('current values', () => {
  it('counts only current entries: not what an amendment replaced, nor what was entered in error', () => {
    expect(isCurrent(measurement('a', 38, 'current'))).toBe(true);
    expect(isCurrent(measurement('a', 38, 'superseded'))).toBe(false);
    expect(isCurrent(measurement('a', 38, 'entered-in-error'))).toBe(false);
  });

  it('keeps the amendment and drops the original and the mistake from every list', () => {
    const full = record({
      measurements: [
        measurement('a', 38, 'superseded'),
        measurement('b', 3.8, 'entered-in-error'),
        measurement('c', 36.9, 'current', 'a'),
      ],
      sessions: [session('s1', 'entered-in-error'), session('s2', 'current')],
      programmes: [programme('v1', 'ended'), programme('v2', 'entered-in-error'), programme('v3', 'draft')],
    });
    const current = currentValues(full);
    expect(current.measurements.map((m) => [m.id, m.value])).toEqual([['c', 36.9]]);
    expect(current.sessions.map((s) => s.id)).toEqual(['s2']);
    expect(current.programmes.map((p) => p.id)).toEqual(['v1', 'v3']);
    // The full record is left whole: it is the history.
    expect(full.measurements).toHaveLength(3);
  });
});
