import type { Binary, CarePlan, Goal, ServiceRequest, Timing } from '@medplum/fhirtypes';
import type { Programme, ProgrammeStatus } from '../clinic/record/programme.ts';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { bodySiteConcept } from './body-site.ts';
import { EXERCISE_THERAPY, MYOTROPHY, PROGRAMME_MEDIA_TYPE, UCUM_SYSTEM } from './codes.ts';
import { authorRef, derivedId, type MappingContext, patientRef, ref } from './references.ts';

/**
 * A programme version becomes a CarePlan (status from draft/approved/ended; version as an
 * identifier; `replaces` the version it supersedes) with a Goal (the programme's goal) and one
 * ServiceRequest activity per stimulation level and per exercise stage: code, body site (the
 * target muscle and side) and occurrence timing (sessions a week, minutes a session, for how many
 * weeks). The programme body itself travels as a Binary in CarePlan.supportingInfo, so a Bundle
 * moved between Myotrophy systems loses nothing. Approval is a Provenance (./provenance.ts).
 */
const CARE_PLAN_STATUS: Record<ProgrammeStatus, CarePlan['status']> = {
  draft: 'draft',
  approved: 'active',
  ended: 'completed',
  'entered-in-error': 'entered-in-error',
};
const GOAL_STATUS: Record<ProgrammeStatus, Goal['lifecycleStatus']> = {
  draft: 'proposed',
  approved: 'active',
  ended: 'completed',
  'entered-in-error': 'entered-in-error',
};
const REQUEST_STATUS: Record<ProgrammeStatus, ServiceRequest['status']> = {
  draft: 'draft',
  approved: 'active',
  ended: 'completed',
  'entered-in-error': 'entered-in-error',
};

export const programmeStatusOf = (status: CarePlan['status']): ProgrammeStatus | undefined =>
  (Object.entries(CARE_PLAN_STATUS).find(([, s]) => s === status)?.[0] as ProgrammeStatus | undefined) ??
  (status === 'revoked' ? 'ended' : undefined);

export const carePlanIdOf = (programmeId: string) => programmeId;
export const goalIdOf = (programmeId: string) => derivedId(programmeId, 'goal');
export const bodyBinaryIdOf = (programmeId: string) => derivedId(programmeId, 'body');

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Json => !!x) : []);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function timing(
  fromWeek: number | undefined,
  toWeek: number | undefined,
  perWeek?: number,
  minutes?: number,
): Timing {
  const weeks = fromWeek !== undefined && toWeek !== undefined ? toWeek - fromWeek + 1 : undefined;
  const repeat: NonNullable<Timing['repeat']> = {};
  if (weeks !== undefined && weeks > 0) {
    repeat.boundsDuration = { value: weeks, unit: 'wk', system: UCUM_SYSTEM, code: 'wk' };
  }
  if (perWeek !== undefined && perWeek > 0)
    Object.assign(repeat, { frequency: perWeek, period: 1, periodUnit: 'wk' });
  if (minutes !== undefined && minutes > 0) Object.assign(repeat, { duration: minutes, durationUnit: 'min' });
  const text = [
    fromWeek !== undefined && toWeek !== undefined ? `weeks ${fromWeek}–${toWeek}` : undefined,
    perWeek !== undefined ? `${perWeek} sessions a week` : undefined,
    minutes !== undefined ? `${minutes} min a session` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return { repeat, ...(text ? { code: { text } } : {}) };
}

export interface CarePlanResources {
  carePlan: CarePlan;
  goal: Goal;
  requests: ServiceRequest[];
  body: Binary;
}

export function toFhirProgramme(
  programme: Programme,
  context: MappingContext,
  atrophyConditionIds: readonly string[],
): CarePlanResources {
  const body = obj(programme.body) ?? {};
  const goalCode = str(body.goal) ?? 'unspecified';
  const muscle = obj(body.muscle);
  const muscleId = str(muscle?.id) ?? str(obj(body.stimulation)?.muscle);
  const side = str(body.side) ?? null;
  const site = muscleId ? bodySiteConcept(muscleId, side) : undefined;
  if (site && muscle && str(muscle.label)) site.text = `${side ? `${side} ` : ''}${str(muscle.label)}`;
  const author = authorRef(context, programme.createdBy);
  const subject = patientRef(context);
  const addresses = atrophyConditionIds.map((id) => ref(context, 'Condition', id));
  const requests: ServiceRequest[] = [];
  const request = (
    role: string,
    code: ServiceRequest['code'],
    occurrence: Timing,
    text: string,
  ): ServiceRequest => ({
    resourceType: 'ServiceRequest',
    id: derivedId(programme.id, role),
    status: REQUEST_STATUS[programme.status],
    intent: 'plan',
    code,
    subject,
    occurrenceTiming: occurrence,
    authoredOn: programme.createdAt,
    requester: author,
    ...(site ? { bodySite: [site] } : {}),
    ...(addresses.length ? { reasonReference: addresses } : {}),
    patientInstruction: text,
  });
  const stimulation = obj(body.stimulation);
  const kind = str(stimulation?.kind) ?? 'stimulation';
  for (const level of arr(stimulation?.levels)) {
    const n = num(level.level) ?? requests.length + 1;
    const minutes = arr(level.blocks).reduce((sum, b) => sum + (num(b.minutes) ?? 0), 0);
    const perWeek = num(level.sessionsPerWeek);
    requests.push(
      request(
        `stimulation-level-${n}`,
        {
          coding: [
            { system: MYOTROPHY.stimulation, code: kind, display: `Electrical stimulation (${kind})` },
          ],
          text: `Electrical stimulation (${kind}), level ${n}`,
        },
        timing(num(level.fromWeek), num(level.toWeek), perWeek, minutes || undefined),
        str(level.progressWhen) ? `Move on ${str(level.progressWhen)}` : `Stimulation level ${n}`,
      ),
    );
  }
  const exercise = obj(body.exercise);
  for (const stage of arr(exercise?.stages)) {
    const n = num(stage.stage) ?? requests.length + 1;
    const names = arr(stage.exercises)
      .map((e) => {
        const name = str(e.name);
        const sets = num(e.sets);
        const reps = num(e.reps);
        return name ? `${name}${sets && reps ? ` ${sets}×${reps}` : ''}` : undefined;
      })
      .filter(Boolean)
      .join('; ');
    requests.push(
      request(
        `exercise-stage-${n}`,
        { coding: [EXERCISE_THERAPY], text: `Exercise stage ${n}: ${names || 'exercises'}` },
        timing(num(stage.fromWeek), num(stage.toWeek), num(exercise?.sessionsPerWeek)),
        names || `Exercise stage ${n}`,
      ),
    );
  }
  const goal: Goal = {
    resourceType: 'Goal',
    id: goalIdOf(programme.id),
    lifecycleStatus: GOAL_STATUS[programme.status],
    description: {
      coding: [{ system: MYOTROPHY.goal, code: goalCode }],
      text: goalCode.replaceAll('-', ' '),
    },
    subject,
    expressedBy: author,
    statusDate: (programme.approvedAt ?? programme.createdAt).slice(0, 10),
    ...(addresses.length ? { addresses } : {}),
  };
  const binary: Binary = {
    resourceType: 'Binary',
    id: bodyBinaryIdOf(programme.id),
    contentType: PROGRAMME_MEDIA_TYPE,
    data: Buffer.from(JSON.stringify(programme.body), 'utf8').toString('base64'),
  };
  const carePlan: CarePlan = {
    resourceType: 'CarePlan',
    id: carePlanIdOf(programme.id),
    identifier: [{ system: MYOTROPHY.programmeVersion, value: String(programme.version) }],
    status: CARE_PLAN_STATUS[programme.status],
    intent: 'plan',
    title: `Stimulation and exercise programme, version ${programme.version}`,
    subject,
    created: programme.createdAt,
    author,
    ...(programme.approvedAt || programme.endedAt
      ? {
          period: {
            ...(programme.approvedAt ? { start: programme.approvedAt } : {}),
            ...(programme.endedAt ? { end: programme.endedAt } : {}),
          },
        }
      : {}),
    ...(programme.supersedesId
      ? { replaces: [ref(context, 'CarePlan', carePlanIdOf(programme.supersedesId))] }
      : {}),
    ...(addresses.length ? { addresses } : {}),
    supportingInfo: [ref(context, 'Binary', binary.id as string)],
    goal: [ref(context, 'Goal', goal.id as string)],
    activity: requests.map((r) => ({ reference: ref(context, 'ServiceRequest', r.id as string) })),
  };
  return { carePlan, goal, requests, body: binary };
}

/** The programme body a Binary carries; throws unless it is a Myotrophy programme object. */
export function programmeBodyFromBinary(binary: Binary): Record<string, unknown> {
  const where = `Binary/${binary.id ?? '?'}`;
  if (binary.contentType !== PROGRAMME_MEDIA_TYPE || !binary.data) {
    throw new InvalidInputError(`${where} is not a Myotrophy programme (${PROGRAMME_MEDIA_TYPE} with data)`);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(binary.data, 'base64').toString('utf8'));
  } catch {
    throw new InvalidInputError(`${where} does not hold JSON`);
  }
  const object = obj(body);
  if (!object) throw new InvalidInputError(`${where} must hold a JSON object (the programme)`);
  return object;
}

export function programmeVersionOf(carePlan: CarePlan): number | undefined {
  const value = carePlan.identifier?.find((i) => i.system === MYOTROPHY.programmeVersion)?.value;
  const version = value === undefined ? Number.NaN : Number(value);
  return Number.isInteger(version) && version > 0 ? version : undefined;
}
