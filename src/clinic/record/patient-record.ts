import type { RedFlagResolution } from '../safety/open-red-flags.ts';
import type { CareTeamMember, RecordAuthor } from './care-team.ts';
import type { Condition } from './condition.ts';
import type { Measurement } from './measurement.ts';
import type { Note } from './note.ts';
import type { Patient } from './patient.ts';
import type { Programme } from './programme.ts';
import type { Screening } from './screening.ts';
import type { SdTest } from './sd-test.ts';
import type { Session } from './session.ts';

/**
 * One patient's record at one moment: what every use case over a patient reads (plan input,
 * forecast view, adherence, alerts, FHIR export). The store's `loadPatientRecord` (and its batched
 * form for many patients) fills it; the core's use cases take it and never query.
 *
 * Each list is in time order (programmes by version). `sessions` holds the sessions the reader
 * was asked for: all of them, or those since a time (`sessionsSince`); `sessionWeeks` then still
 * counts every session, week by week.
 */
export interface PatientRecord {
  patient: Patient;
  /** The account that created the patient's record. */
  createdBy: string;
  careTeam: CareTeamMember[];
  conditions: Condition[];
  screenings: Screening[];
  measurements: Measurement[];
  sdTests: SdTest[];
  programmes: Programme[];
  sessions: Session[];
  /** When `sessions` is a window: its start (ISO 8601); null when it holds every session. */
  sessionsSince: string | null;
  /** Every session counted per ISO week (Monday 00:00 UTC), in week order. */
  sessionWeeks: SessionWeek[];
  /** The start of the last completed session, whether or not it is in `sessions`. */
  lastCompletedSessionAt: string | null;
  notes: Note[];
  /** A clinician's resolutions of red flags (../safety/open-red-flags.ts tells which stay open). */
  redFlagResolutions: RedFlagResolution[];
  /** The accounts that wrote any part of the record (and the care team), by e-mail. */
  authors: RecordAuthor[];
}

/**
 * A patient's record before any of its parts are read: every list empty. The store's reader fills
 * it; a use case's test starts from it.
 */
export function emptyPatientRecord(
  patient: Patient,
  createdBy: string,
  sessionsSince: string | null = null,
): PatientRecord {
  return {
    patient,
    createdBy,
    careTeam: [],
    conditions: [],
    screenings: [],
    measurements: [],
    sdTests: [],
    programmes: [],
    sessions: [],
    sessionsSince,
    sessionWeeks: [],
    lastCompletedSessionAt: null,
    notes: [],
    redFlagResolutions: [],
    authors: [],
  };
}

/** Sessions logged in one ISO week. */
export interface SessionWeek {
  /** Monday of the week, YYYY-MM-DD (UTC). */
  weekStart: string;
  logged: number;
  completed: number;
  minutes: number;
  meanPain: number | null;
  maxPain: number | null;
}
