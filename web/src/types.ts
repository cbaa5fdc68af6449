/** The shapes the app reads from /api (only the fields it uses). */
export type Role = 'admin' | 'clinician' | 'patient';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  patientId: string | null;
}

export interface Patient {
  id: string;
  name: string;
  birthDate: string | null;
  sex: string | null;
}

export interface Alert {
  patientId: string;
  kind: 'red-flag' | 'below-forecast' | 'rising-pain' | 'missed-sessions' | 'contraindication';
  severity: 'high' | 'medium';
  message: string;
  since: string | null;
}

export interface Condition {
  id: string;
  icd10Code: string;
  title: string;
  site: string | null;
  side: string | null;
  cause: string | null;
  onsetDate: string | null;
  immobilisedFrom: string | null;
  immobilisedTo: string | null;
}

export interface Measurement {
  id?: string;
  kind: string;
  site: string | null;
  side: string | null;
  value: number;
  unit: string;
  measuredAt: string;
}

export interface Session {
  id: string;
  kind: 'stimulation' | 'exercise';
  startedAt: string;
  minutes: number;
  peakIntensityMa: number | null;
  comfort: number | null;
  pain: number | null;
  completed: boolean;
  notes: string | null;
}

export interface ContractionCycle {
  onS: number;
  offS: number;
  rampUpS: number;
  rampDownS: number;
}

export interface StimulationBlock {
  kind: 'warm-up' | 'work' | 'cool-down';
  minutes: number;
  frequencyHz: number;
  phaseWidthUs: number;
  cycle?: ContractionCycle;
  maxIntensityMa: number;
  intensityTarget: string;
}

export interface StimulationLevel {
  level: number;
  fromWeek: number;
  toWeek: number;
  sessionsPerDay: number;
  sessionsPerWeek: number;
  blocks: StimulationBlock[];
  progressWhen: string;
}

export interface Electrode {
  site: string;
  side: 'left' | 'right';
  position: 'proximal' | 'distal';
  landmark: string;
  sizeCm2: number;
}

export interface Stimulation {
  kind: string;
  muscle: string;
  side: 'left' | 'right';
  channels: { electrodes: Electrode[] }[];
  waveform: {
    phases: string;
    balance: string;
    pulseShape: 'rectangular' | 'triangular';
    interphaseGapUs: number;
  };
  pulseWidth: { phaseWidthUs: number; basis: string; rule: string };
  levels: StimulationLevel[];
  intensityRule: string;
  progressionRules: string[];
  sources: string[];
}

export interface Exercise {
  name: string;
  sets: number;
  reps: number;
  holdS?: number;
  timesPerDay?: number;
  doseSource: string;
}

export interface ExerciseProgramme {
  region: string;
  sessionsPerWeek: number;
  stages: { stage?: number; fromWeek: number; toWeek: number; exercises: Exercise[] }[];
  progressionRules: string[];
  notes: string[];
}

export interface DraftProgramme {
  status: 'draft';
  approval: { required: true; by: 'clinician'; blockers: string[] };
  goal: string;
  muscle: { id: string; label: string };
  side: 'left' | 'right';
  diagnosis: {
    codes: { code: string; title: string; billable: boolean }[];
    cause?: { id: string; label: string; group: string };
  };
  innervation: { status: string; basis: string; chronaxieMs?: number; rheobaseMa?: number };
  stimulation: Stimulation;
  exercise: ExerciseProgramme;
  protein: {
    minGPerKgPerDay: number | null;
    maxGPerKgPerDay: number | null;
    perMeal: string;
    notes: string[];
  };
  safety: SafetyReport;
  warnings: string[];
  sessionsPerWeek?: number | null;
}

export interface Refusal {
  status: 'refused';
  reasons: { rule: string; key: string; message: string; source: string }[];
}

export interface SafetyIssue {
  rule: string;
  where: string;
  message: string;
  source: string;
}

export interface SafetyReport {
  ok: boolean;
  violations: SafetyIssue[];
  warnings: SafetyIssue[];
  rmsCurrentMa: number;
  energyPerPulseMj: number;
  currentDensityMaPerCm2: number;
  limits: { maxRmsCurrentMa: number; maxEnergyPerPulseMj: number; currentDensityWarningMaPerCm2: number };
}

export interface Programme {
  id: string;
  version: number;
  status: 'draft' | 'approved' | 'ended';
  body: DraftProgramme;
  approvedAt: string | null;
  createdAt?: string;
}

export interface ForecastPoint {
  day: number;
  date: string;
  changePct: number;
  lowPct: number;
  highPct: number;
}

export interface TrajectoryModel {
  scenario: string;
  muscle: string;
  startDate: string;
  baselineFrom: string;
  forecast: ForecastPoint[];
  measured: { day: number; date: string; kind: string; impliedChangePct: number; errorPct: number }[];
}

export interface AdherenceWeek {
  weekStart: string;
  logged: number;
  completed: number;
  minutes: number;
  prescribed: number | null;
  adherence: number | null;
  meanPain: number | null;
  maxPain: number | null;
}

export interface Overview {
  patient: Patient;
  conditions: Condition[];
  activeProgramme: { id: string; version: number; body: DraftProgramme; approvedAt: string | null } | null;
  draftProgrammes: number;
  latestMeasurements: Measurement[];
  latestSdTest: {
    id: string;
    testedAt: string;
    rheobaseMa: number | null;
    chronaxieMs: number | null;
    innervation: string | null;
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
  bodySites: string[];
  sides: string[];
  icdCodes: { site: string; side: string; code: string; title: string; billable: boolean }[];
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
  goals: string[];
  measurementKinds: Record<
    string,
    { unit: string; min: number; max: number; integer?: boolean; description: string }
  >;
  lefs: { items: string[]; maxScore: number; itemMax: number };
  mrcGrades: Record<string, string>;
}

export interface SdTest {
  id: string;
  testedAt: string;
  site: string | null;
  side: string | null;
  points: { widthMs: number; thresholdMa: number }[];
  rheobaseMa: number | null;
  chronaxieMs: number | null;
  innervation: string | null;
  fit: { model?: string; rheobaseMa?: number; chronaxieMs?: number } | null;
}

export interface Screening {
  id: string;
  screenedAt: string;
  electrodeSites: string[];
  result: {
    contraindications: {
      verdict: string;
      sites: {
        site: string;
        verdict: string;
        findings: { key: string; verdict: string; reason: string }[];
      }[];
      patient: { verdict: string; findings: { key: string; verdict: string; reason: string }[] };
      unanswered: string[];
    };
    redFlags: {
      refer: boolean;
      urgency: string;
      referrals: { label: string; referTo: string; reason: string }[];
    };
  };
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
