/**
 * The shapes the app reads from /api (only the fields it uses). Domain values the core declares
 * (programmes, safety reports, screening verdicts, forecasts, codes, goals) come from the core
 * through `@core/`; what is declared here is how the API wraps and stores them.
 */
import type { BodySite, Side } from '@core/clinic/coding/icd10cm-table.ts';
import type { DraftProgramme } from '@core/clinic/programme/plan.ts';
import type { Goal } from '@core/clinic/programme/stimulation-programme.ts';
import type { EntryStatus } from '@core/clinic/record/correction.ts';
import type { Session as RecordSession } from '@core/clinic/record/session.ts';
import type { AdherenceWeek } from '@core/clinic/record-views/weekly-adherence.ts';
import type { ScreeningResult } from '@core/clinic/screening/contraindications.ts';
import type { RedFlagAssessment } from '@core/clinic/screening/red-flags.ts';
import type {
  Innervation,
  StrengthDurationFit,
} from '@core/physiology/strength-duration/strength-duration.ts';
import type { ForecastDay } from '@core/physiology/trajectory/forecast.ts';
import type { DisuseScenario, TrajectoryMuscle } from '@core/physiology/trajectory/parameters.ts';

export type Role = 'admin' | 'clinician' | 'patient';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  patientId: string | null;
  /** An admin who also explicitly holds the clinician role. */
  clinicianRole?: boolean;
  /** A patient's chosen language; null for clinicians and admins. */
  language?: string | null;
}

export interface Patient {
  id: string;
  name: string;
  birthDate: string | null;
  sex: string | null;
  /** IANA time zone the patient's days are counted in. */
  timeZone: string;
}

export interface Alert {
  patientId: string;
  kind: 'red-flag' | 'below-forecast' | 'rising-pain' | 'missed-sessions' | 'contraindication';
  severity: 'high' | 'medium';
  message: string;
  since: string | null;
}

export interface Condition extends Versioned {
  id: string;
  icd10Code: string;
  title: string;
  site: BodySite | null;
  side: Side | null;
  cause: string | null;
  onsetDate: string | null;
  immobilisedFrom: string | null;
  immobilisedTo: string | null;
}

/** What a correctable record carries: current, superseded (an amendment replaced it) or entered in error. */
export interface Versioned {
  status?: EntryStatus;
  /** The version this one amended; null for an original. */
  replacesId?: string | null;
}

export interface Measurement extends Versioned {
  id: string;
  kind: string;
  site: string | null;
  side: string | null;
  value: number;
  unit: string;
  measuredAt: string;
  note?: string | null;
}

/** A clinician's free-text note on the patient. */
export interface Note extends Versioned {
  id: string;
  text: string;
  createdAt: string;
}

/** A logged session as the app reads it: the record's session, without who recorded it. */
export type Session = Pick<
  RecordSession,
  'id' | 'kind' | 'startedAt' | 'minutes' | 'peakIntensityMa' | 'comfort' | 'pain' | 'completed' | 'notes'
> &
  Versioned;

/** A programme as stored: the planner's draft as the clinician edited it, with the weekly target. */
export type ProgrammeBody = DraftProgramme & { sessionsPerWeek?: number | null };

export interface Programme {
  id: string;
  version: number;
  status: 'draft' | 'approved' | 'ended' | 'entered-in-error';
  body: ProgrammeBody;
  approvedAt: string | null;
  createdAt?: string;
}

/** A day of a forecast as the API sends it: the model's day with its calendar date. */
export type ForecastPoint = ForecastDay & { date: string };

export interface TrajectoryModel {
  scenario: DisuseScenario;
  muscle: TrajectoryMuscle;
  startDate: string;
  baselineFrom: string;
  forecast: ForecastPoint[];
  measured: { day: number; date: string; kind: string; impliedChangePct: number; errorPct: number }[];
  /** In words, what the forecast rests on and how sure it is. */
  basis: string[];
}

export type { AdherenceWeek };

export interface Overview {
  patient: Patient;
  conditions: Condition[];
  activeProgramme: { id: string; version: number; body: ProgrammeBody; approvedAt: string | null } | null;
  draftProgrammes: number;
  latestMeasurements: Measurement[];
  latestSdTest: {
    id: string;
    testedAt: string;
    rheobaseMa: number | null;
    chronaxieMs: number | null;
    innervation: Innervation | null;
  } | null;
  sessions: { total: number; completed: number; minutes: number; last: string | null };
  adherence: AdherenceWeek[];
  trajectory: {
    series: {
      kind: string;
      site: string | null;
      side: string | null;
      unit: string;
      points: { measuredAt: string; value: number; changePct: number }[];
    }[];
    model: TrajectoryModel | null;
  };
  alerts: Alert[];
}

export interface Forecast {
  available: boolean;
  reason?: string;
  startDate?: string;
  comparison?: {
    day: number;
    nmesSessionsPerDay: number;
    nmesMinutesPerSession: number;
    noTreatment: { changePctAtEnd: number };
    stimulation: { changePctAtEnd: number };
    stimulationAndExercise: { changePctAtEnd: number };
    savedByStimulationPct: number;
    savedByStimulationAndExercisePct: number;
  };
  scenarios?: {
    noTreatment: ForecastPoint[];
    stimulation: ForecastPoint[];
    stimulationAndExercise: ForecastPoint[];
  };
}

export interface Catalogue {
  bodySites: BodySite[];
  sides: Side[];
  icdCodes: { site: BodySite; side: Side; code: string; title: string; billable: boolean }[];
  causes: {
    id: string;
    label: string;
    group: string;
    codes: { code: string; use: string }[];
    expectedCourse: string;
  }[];
  screeningQuestions: { key: string; question: string; reason: string }[];
  redFlags: { key: string; label: string }[];
  muscles: {
    id: string;
    label: string;
    bodySite: string;
    region: string;
    electrodes: { position: string; landmark: string }[];
  }[];
  goals: Goal[];
  measurementKinds: Record<
    string,
    { unit: string; min: number; max: number; integer?: boolean; description: string }
  >;
  lefs: { items: string[]; maxScore: number; itemMax: number };
  mrcGrades: Record<string, string>;
}

export interface SdTest extends Versioned {
  id: string;
  testedAt: string;
  site: string | null;
  side: string | null;
  points: { widthMs: number; thresholdMa: number }[];
  rheobaseMa: number | null;
  chronaxieMs: number | null;
  innervation: Innervation | null;
  fit: Partial<Pick<StrengthDurationFit, 'model' | 'rheobaseMa' | 'chronaxieMs'>> | null;
}

export interface Screening extends Versioned {
  id: string;
  screenedAt: string;
  electrodeSites: string[];
  /** The clinic's verdict when the screening was recorded. */
  result: { contraindications: ScreeningResult; redFlags: RedFlagAssessment };
}

export interface Simulation {
  model: string;
  source: string;
  minutesSimulated: number;
  pulses: number;
  contractions: { startS: number; peakForceN: number }[];
  peakForceN: number;
  fatigueIndex: number | null;
  firstContraction: { tS: number; forceN: number }[];
  lastContraction: { tS: number; forceN: number }[] | null;
  elapsedMs: number;
}
