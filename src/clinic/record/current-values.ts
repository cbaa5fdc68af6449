import type { EntryVersion } from './correction.ts';
import type { PatientRecord } from './patient-record.ts';
import type { Programme } from './programme.ts';

/**
 * The one place that decides which entries of a record are current: every use case (forecast,
 * trajectory, adherence, alerts, safety gate, plan input, Today) reads only these. An entry an
 * amendment replaced, or one marked entered-in-error, stays in the record's history but counts
 * for nothing.
 */
export function isCurrent(entry: EntryVersion): boolean {
  return entry.status === 'current';
}

/** A programme counts unless it was entered in error (its own draft/approved/ended cycle stays). */
export function isProgrammeInForce(programme: Programme): boolean {
  return programme.status !== 'entered-in-error';
}

/** The record with only its current entries (the history is read through the full record). */
export function currentValues(record: PatientRecord): PatientRecord {
  return {
    ...record,
    conditions: record.conditions.filter(isCurrent),
    screenings: record.screenings.filter(isCurrent),
    measurements: record.measurements.filter(isCurrent),
    sdTests: record.sdTests.filter(isCurrent),
    programmes: record.programmes.filter(isProgrammeInForce),
    sessions: record.sessions.filter(isCurrent),
    notes: record.notes.filter(isCurrent),
  };
}
