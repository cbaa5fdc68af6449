/**
 * What the safety gate reads from a patient's record besides the programme: the latest screening,
 * the open red flags and the coded conditions (with any cast or brace). One mapping for every door
 * that reads a record — the API (src/api/safety-gate.ts) and the clinician's strength–duration
 * wizard in the browser, which has the same parts from the API's lists.
 */
import type { PatientRecord } from '../record/patient-record.ts';
import type { Programme } from '../record/programme.ts';
import type { ImmobilisedCondition } from '../safety/immobilisation.ts';
import { openRedFlagsOf } from '../safety/open-red-flags.ts';
import type { GateInput, GateScreening } from '../safety/programme-gate.ts';

/** What the safety gate reads from a patient's record: everything but the programme, purpose and time. */
export type GateRecord = Omit<GateInput, 'purpose' | 'programme' | 'now' | 'exercise' | 'exerciseStartDate'>;

/** A coded condition as a record or the API's condition list holds it. */
export type GateConditionSource = { icd10Code: string; recordedAt: string } & ImmobilisedCondition;

/** The gate's view of a record's parts: the latest screening, the red flags still open, the coded conditions. */
export function gateRecordFrom(
  screenings: readonly GateScreening[],
  openRedFlags: GateRecord['openRedFlags'],
  conditions: readonly GateConditionSource[],
): GateRecord {
  const latest = screenings.at(-1);
  return {
    screening: latest
      ? { screenedAt: latest.screenedAt, answers: latest.answers, electrodeSites: latest.electrodeSites }
      : null,
    openRedFlags,
    conditions: conditions.map((c) => ({
      code: c.icd10Code,
      recordedAt: c.recordedAt,
      cause: c.cause,
      site: c.site,
      immobilisedFrom: c.immobilisedFrom,
      immobilisedTo: c.immobilisedTo,
    })),
  };
}

/** The gate's view of a whole record. */
export function gateRecordOf(record: PatientRecord): GateRecord {
  return gateRecordFrom(
    record.screenings,
    openRedFlagsOf(record.screenings, record.redFlagResolutions),
    record.conditions,
  );
}

/** The programme version in force (approved), or null when none is. */
export function approvedProgrammeOf(record: PatientRecord): Programme | null {
  return record.programmes.find((p) => p.status === 'approved') ?? null;
}
