import type { PatientRecord } from '../record/patient-record.ts';
import type { Programme } from '../record/programme.ts';
import { openRedFlagsOf } from '../safety/open-red-flags.ts';
import type { GateInput } from '../safety/programme-gate.ts';

/** What the safety gate reads from a patient's record: everything but the programme, purpose and time. */
export type GateRecord = Omit<GateInput, 'purpose' | 'programme' | 'now' | 'exercise' | 'exerciseStartDate'>;

/** The gate's view of a record: the latest screening, the red flags still open, the coded conditions. */
export function gateRecordOf(record: PatientRecord): GateRecord {
  const latest = record.screenings.at(-1);
  return {
    screening: latest
      ? { screenedAt: latest.screenedAt, answers: latest.answers, electrodeSites: latest.electrodeSites }
      : null,
    openRedFlags: openRedFlagsOf(record.screenings, record.redFlagResolutions),
    conditions: record.conditions.map((c) => ({
      code: c.icd10Code,
      recordedAt: c.recordedAt,
      cause: c.cause,
      site: c.site,
      immobilisedFrom: c.immobilisedFrom,
      immobilisedTo: c.immobilisedTo,
    })),
  };
}

/** The programme version in force (approved), or null when none is. */
export function approvedProgrammeOf(record: PatientRecord): Programme | null {
  return record.programmes.find((p) => p.status === 'approved') ?? null;
}
