import { MAX_AGE_YEARS, MIN_AGE_YEARS } from '../../physiology/trajectory/forecast.ts';
import { yearsSince } from '../../shared/time-units.ts';
import { localDate } from '../calendar/zoned-days.ts';
import type { PlanInput } from '../programme/plan.ts';
import type { PatientRecord } from '../record/patient-record.ts';
import { plannerImmobilisations } from '../safety/immobilisation.ts';
import { parseScreeningAnswers } from '../screening/contraindications.ts';
import { parseRedFlagFindings } from '../screening/red-flags.ts';

/** Stimulation sessions the tolerance is read from: the most recent ones. */
export const TOLERANCE_SESSIONS = 200;

/** What the clinician asks the planner for; the rest comes from the record. */
export interface PlanRequest {
  goal: string;
  muscle: string;
  side: 'left' | 'right';
  spareInnervatedNeighbours?: boolean;
  weightKg?: number;
}

/** The planner's input from the patient's record: age and sex, latest diagnosis, screening, S–D test, tolerance. */
export function planInputFromRecord(record: PatientRecord, request: PlanRequest, now: Date): PlanInput {
  const { patient } = record;
  const latest = <T>(list: T[]): T | undefined => list[list.length - 1];
  const condition = latest(record.conditions);
  const screening = latest(record.screenings);
  const sdTest = latest(record.sdTests);
  const sessions = record.sessions
    .filter((s) => s.kind === 'stimulation')
    .reverse()
    .slice(0, TOLERANCE_SESSIONS);
  const mrc = latest(record.measurements.filter((m) => m.kind === 'mrc-grade' && m.side === request.side));
  const input: PlanInput = {
    goal: request.goal as PlanInput['goal'],
    muscle: request.muscle,
    side: request.side,
  };
  const age = patient.birthDate ? Math.floor(yearsSince(patient.birthDate, now.getTime())) : undefined;
  input.patient = {
    ...(age !== undefined && age >= MIN_AGE_YEARS && age <= MAX_AGE_YEARS ? { ageYears: age } : {}),
    ...(patient.sex === 'female' || patient.sex === 'male' ? { sex: patient.sex } : {}),
    ...(request.weightKg !== undefined ? { weightKg: request.weightKg } : {}),
  };
  if (condition) {
    input.diagnosis = {
      ...(condition.cause ? { causeId: condition.cause } : {}),
      icd10Code: condition.icd10Code,
    };
  }
  const startDate = localDate(now, patient.timeZone);
  const worn = plannerImmobilisations(record.conditions, startDate);
  if (worn.length > 0) {
    input.immobilisations = worn;
    input.startDate = startDate;
  }
  if (screening) {
    input.screening = parseScreeningAnswers(screening.answers);
    input.redFlags = parseRedFlagFindings(screening.redFlagFindings);
  }
  if (sdTest && sdTest.chronaxieMs !== null && sdTest.rheobaseMa !== null) {
    input.strengthDuration = {
      chronaxieMs: sdTest.chronaxieMs,
      rheobaseMa: sdTest.rheobaseMa,
      ...(sdTest.innervation ? { innervation: sdTest.innervation as 'normal' } : {}),
    };
  }
  const completed = sessions.filter((s) => s.completed);
  if (completed.length > 0) {
    const peaks = completed.map((s) => s.peakIntensityMa).filter((v): v is number => v !== null);
    const lastPain = completed[0]?.pain;
    input.tolerance = {
      sessionsCompleted: completed.length,
      ...(peaks.length > 0 ? { highestToleratedMa: Math.max(...peaks) } : {}),
      ...(lastPain !== null && lastPain !== undefined ? { lastPainScore: lastPain } : {}),
    };
  }
  if (mrc) input.mrcGrade = mrc.value;
  if (request.spareInnervatedNeighbours !== undefined)
    input.spareInnervatedNeighbours = request.spareInnervatedNeighbours;
  return input;
}
