import type { Db } from '../../store/database.ts';
import { getProgramme } from '../../store/records/programmes.ts';
import {
  createSession,
  createSessionAudited,
  IdempotencyKeyReusedError,
  listSessions,
  type SessionInput,
} from '../../store/records/sessions.ts';
import { SESSION_KINDS } from '../../store/schema.ts';
import { HttpProblem } from '../problem.ts';
import { dateTime, uuid } from '../schemas.ts';
import type { PatientRecordKind } from './patient-records.ts';

export const sessionBodySchema = {
  type: 'object',
  required: ['kind', 'startedAt', 'minutes', 'completed'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...SESSION_KINDS] },
    startedAt: dateTime,
    minutes: { type: 'number', minimum: 0, maximum: 1440 },
    peakIntensityMa: {
      type: ['number', 'null'],
      minimum: 0,
      maximum: 200,
      description: 'peak stimulation current in mA (sanity bound only; output limits are the programme’s)',
    },
    comfort: {
      type: ['integer', 'null'],
      minimum: 0,
      maximum: 10,
      description: '0 very uncomfortable – 10 comfortable',
    },
    pain: { type: ['integer', 'null'], minimum: 0, maximum: 10, description: 'numeric pain rating 0–10' },
    completed: { type: 'boolean' },
    notes: { type: ['string', 'null'], maxLength: 2000 },
    programmeId: { ...uuid, type: ['string', 'null'] },
  },
} as const;

export const sessionsKind: PatientRecordKind<SessionInput, Awaited<ReturnType<typeof createSession>>> = {
  path: 'sessions',
  noun: 'stimulation or exercise session',
  createAction: 'log-session',
  bodySchema: sessionBodySchema,
  create: async (tx, { patientId, actor, now }, body) => {
    await refuseOtherPatientsProgramme(tx, patientId, body.programmeId);
    return createSession(tx, patientId, body, actor.userId, now);
  },
  list: listSessions,
  createAudited: async (db, { patientId, actor, now, idempotencyKey }, body, audit) => {
    await refuseOtherPatientsProgramme(db, patientId, body.programmeId);
    try {
      const { session, replayed } = await createSessionAudited(
        db,
        patientId,
        body,
        actor.userId,
        now,
        audit,
        idempotencyKey,
      );
      return { record: session, replayed };
    } catch (error) {
      if (error instanceof IdempotencyKeyReusedError) throw new HttpProblem(422, error.message);
      throw error;
    }
  },
};

/** A session may name only one of its own patient's programmes (another patient's id is refused). */
async function refuseOtherPatientsProgramme(
  db: Db,
  patientId: string,
  programmeId: string | null | undefined,
) {
  if (!programmeId) return;
  if (!(await getProgramme(db, patientId, programmeId))) {
    throw new HttpProblem(422, `programmeId ${programmeId} is not a programme of this patient`);
  }
}
