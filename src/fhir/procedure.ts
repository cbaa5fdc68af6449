import type { Observation, Procedure } from '@medplum/fhirtypes';
import type { Session, SessionInput } from '../clinic/record/session.ts';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { CATEGORY_PROCEDURE, CATEGORY_SURVEY, SESSION_CODES, SESSION_REPORT_CODES, UCUM } from './codes.ts';
import { observationStatusOf } from './entry-status.ts';
import { quantity } from './observation.ts';
import { authorRef, derivedId, type MappingContext, patientRef, ref } from './references.ts';

/**
 * A logged session becomes a Procedure (stimulation or exercise; performed by the patient over
 * performedPeriod = start + minutes; recorder = who logged it; based on the programme's CarePlan),
 * with the patient's reports as Observations that are part of it: peak intensity (mA), comfort and
 * pain (0–10). Status: completed, or stopped when the session was cut short (not-done when no
 * minutes were done).
 */
const MS_PER_MINUTE = 60_000;

export function sessionReportId(sessionId: string, what: keyof typeof SESSION_REPORT_CODES): string {
  return derivedId(sessionId, what);
}

export function toFhirSession(
  session: Session,
  context: MappingContext,
  carePlanIdOf: (programmeId: string) => string,
): { procedure: Procedure; reports: Observation[] } {
  const code = SESSION_CODES[session.kind];
  const start = new Date(session.startedAt);
  const end = new Date(start.getTime() + Math.round(session.minutes * MS_PER_MINUTE));
  const procedure: Procedure = {
    resourceType: 'Procedure',
    id: session.id,
    status:
      session.status === 'entered-in-error'
        ? 'entered-in-error'
        : session.completed
          ? 'completed'
          : session.minutes > 0
            ? 'stopped'
            : 'not-done',
    code: { coding: [code], text: code.display },
    subject: patientRef(context),
    performedPeriod: { start: start.toISOString(), end: end.toISOString() },
    recorder: authorRef(context, session.recordedBy),
    performer: [{ actor: patientRef(context) }],
    ...(session.programmeId
      ? { basedOn: [ref(context, 'CarePlan', carePlanIdOf(session.programmeId))] }
      : {}),
    ...(session.notes ? { note: [{ text: session.notes }] } : {}),
  };
  const report = (
    what: keyof typeof SESSION_REPORT_CODES,
    value: number,
    unit: (typeof UCUM)[keyof typeof UCUM],
  ): Observation => ({
    resourceType: 'Observation',
    id: sessionReportId(session.id, what),
    status: observationStatusOf(session),
    category: [{ coding: [what === 'peakIntensity' ? CATEGORY_PROCEDURE : CATEGORY_SURVEY] }],
    code: { coding: [SESSION_REPORT_CODES[what]], text: SESSION_REPORT_CODES[what].display },
    subject: patientRef(context),
    partOf: [ref(context, 'Procedure', session.id)],
    effectiveDateTime: procedure.performedPeriod?.start as string,
    performer: [authorRef(context, session.recordedBy)],
    valueQuantity: quantity(value, unit),
  });
  const reports: Observation[] = [];
  if (session.peakIntensityMa !== null)
    reports.push(report('peakIntensity', session.peakIntensityMa, UCUM.milliampere));
  if (session.comfort !== null) reports.push(report('comfort', session.comfort, UCUM.score));
  if (session.pain !== null) reports.push(report('pain', session.pain, UCUM.score));
  return { procedure, reports };
}

export function sessionKindOf(procedure: Procedure): Session['kind'] | undefined {
  for (const c of procedure.code?.coding ?? []) {
    if (
      c.system === SESSION_CODES.stimulation.system &&
      (c.code === 'stimulation' || c.code === 'exercise')
    ) {
      return c.code;
    }
  }
  return undefined;
}

export function isSessionReport(o: Observation): keyof typeof SESSION_REPORT_CODES | undefined {
  for (const [what, code] of Object.entries(SESSION_REPORT_CODES)) {
    if ((o.code?.coding ?? []).some((c) => c.system === code.system && c.code === code.code)) {
      return what as keyof typeof SESSION_REPORT_CODES;
    }
  }
  return undefined;
}

/** Store input for a Procedure and its reports; the caller resolves the programme link. */
export function fromFhirSession(
  procedure: Procedure,
  reports: readonly Observation[],
  programmeId: string | null,
): SessionInput {
  const where = `Procedure/${procedure.id ?? '?'}`;
  const kind = sessionKindOf(procedure);
  if (!kind) throw new InvalidInputError(`${where} is not a Myotrophy stimulation or exercise session`);
  const start = procedure.performedPeriod?.start ?? procedure.performedDateTime;
  if (!start) throw new InvalidInputError(`${where} has no performedPeriod.start`);
  const end = procedure.performedPeriod?.end;
  const minutes = end ? (Date.parse(end) - Date.parse(start)) / MS_PER_MINUTE : 0;
  if (!(minutes >= 0)) throw new InvalidInputError(`${where}: performedPeriod ends before it starts`);
  const value = (what: keyof typeof SESSION_REPORT_CODES) => {
    const found = reports.find((r) => isSessionReport(r) === what);
    return found?.valueQuantity?.value ?? null;
  };
  const peakIntensityMa = value('peakIntensity');
  if (peakIntensityMa !== null && !(peakIntensityMa >= 0)) {
    throw new InvalidInputError(`${where}: peak intensity must be 0 mA or more; got ${peakIntensityMa}`);
  }
  for (const what of ['comfort', 'pain'] as const) {
    const v = value(what);
    if (v !== null && !(Number.isInteger(v) && v >= 0 && v <= 10)) {
      throw new InvalidInputError(`${where}: ${what} must be a whole number 0–10; got ${v}`);
    }
  }
  return {
    kind,
    startedAt: start,
    minutes,
    peakIntensityMa,
    comfort: value('comfort'),
    pain: value('pain'),
    completed: procedure.status === 'completed',
    notes: procedure.note?.map((n) => n.text).join('\n') || null,
    programmeId,
  };
}
