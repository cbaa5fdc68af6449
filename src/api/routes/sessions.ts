import { CONTRACTION_STEPS } from '../../clinic/programme/evoked-force.ts';
import type { PatientRecord } from '../../clinic/record/patient-record.ts';
import { approvedProgrammeOf, gateRecordOf } from '../../clinic/record-views/gate-record.ts';
import type { ClinicContact } from '../../clinic/safety/red-flag-pause.ts';
import { SESSION_LOG_FIELDS } from '../../shared/session-log-fields.ts';
import { loadSessionLogRead } from '../../store/records/patient-record.ts';
import {
  createSession,
  createSessionAudited,
  findSession,
  IdempotencyKeyReusedError,
  listSessions,
  type SessionInput,
} from '../../store/records/sessions.ts';
import { SESSION_KINDS } from '../../store/schema.ts';
import { authorizePatientFrom } from '../access.ts';
import { clinicContactFor } from '../clinic-contact.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { GATE_READ, sessionLogRefusal, UNSET_CLINIC_CONTACT } from '../safety-gate.ts';
import { dateTime, uuid } from '../schemas.ts';
import { sessionDeliverySchema } from '../session-delivery-schema.ts';
import { patientRecordOrNotFound } from './patient-read.ts';
import type { PatientRecordKind } from './patient-records.ts';

export const sessionBodySchema = {
  type: 'object',
  required: ['kind', 'startedAt', 'minutes', 'completed'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...SESSION_KINDS] },
    startedAt: dateTime,
    minutes: SESSION_LOG_FIELDS.minutes.schema,
    peakIntensityMa: SESSION_LOG_FIELDS.peakIntensityMa.schema,
    comfort: SESSION_LOG_FIELDS.comfort.schema,
    pain: SESSION_LOG_FIELDS.pain.schema,
    completed: { type: 'boolean' },
    notes: { type: ['string', 'null'], maxLength: 2000 },
    programmeId: { ...uuid, type: ['string', 'null'] },
    evokedForce: {
      type: ['object', 'null'],
      additionalProperties: false,
      description:
        'the evoked force the session reached: percentMvc (0–150, from dynamometry) and/or step, the contraction seen',
      properties: {
        percentMvc: { type: 'number', minimum: 0, maximum: 150 },
        step: { type: 'string', enum: [...CONTRACTION_STEPS] },
      },
    },
    delivery: sessionDeliverySchema,
  },
} as const;

/** What logging a session is called in the access policy. */
const LOG_SESSION = 'log-session';

/**
 * Sessions, with the server's clinic contact (from its environment, if any): a refused log is
 * answered with the words of the patient's clinic's contact (`clinicContactFor`).
 */
export const sessionsKindFor = (
  serverContact?: ClinicContact,
): PatientRecordKind<SessionInput, Awaited<ReturnType<typeof createSession>>> => ({
  path: 'sessions',
  noun: 'stimulation or exercise session',
  createAction: LOG_SESSION,
  bodySchema: sessionBodySchema,
  create: async (tx, { patientId, actor, now }, body) => {
    const contact = () => clinicContactFor(tx, actor.clinicId, serverContact);
    await judgeSessionLog(await patientRecordOrNotFound(tx, patientId, GATE_READ), body, now, contact);
    return createSession(tx, patientId, body, actor.userId, now);
  },
  list: listSessions,
  find: findSession,
  amend: (tx, { patientId, actor, now }, body) => createSession(tx, patientId, body, actor.userId, now),
  createAudited: async (db, { patientId, actor, now, idempotencyKey }, body, audit) => {
    // The access check, the gate's record and the stored retry are read in one statement.
    const read = await loadSessionLogRead(db, patientId, actor.userId, idempotencyKey);
    await authorizePatientFrom(actor, patientId, LOG_SESSION, {
      onCareTeam: read?.onCareTeam ?? false,
      patientFound: read !== undefined,
    });
    if (!read) throw notFound(`there is no patient ${patientId}`);
    // A retry of a log already stored is answered with it, even if logging is refused now (a red
    // flag raised since): the device that sent it offline would otherwise show it as not saved.
    if (!read.storedSession) {
      await judgeSessionLog(read.record, body, now, () =>
        clinicContactFor(db, actor.clinicId, serverContact),
      );
    }
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
});

export const sessionsKind = sessionsKindFor();

/**
 * The doors of session logging, read from the patient's record: a session may name only one of its
 * own patient's programmes (another patient's id is 422); a stimulation session is refused (409)
 * while a red flag pauses stimulation or the gate does not clear the approved programme, an exercise
 * session only while an open flag pauses exercise too. The clinic's contact is read only for a
 * refusal, whose words name it.
 */
async function judgeSessionLog(
  record: PatientRecord,
  session: Pick<SessionInput, 'kind' | 'programmeId'>,
  now: Date,
  clinicContact: () => Promise<ClinicContact>,
): Promise<void> {
  const { programmeId } = session;
  if (programmeId && !record.programmes.some((p) => p.id === programmeId)) {
    throw new HttpProblem(422, `programmeId ${programmeId} is not a programme of this patient`);
  }
  const judge = (contact: ClinicContact) =>
    sessionLogRefusal(gateRecordOf(record), approvedProgrammeOf(record), session.kind, contact, now);
  const refusal = judge(UNSET_CLINIC_CONTACT) && judge(await clinicContact());
  // The patient's app words the refusal in the patient's language from `patientMessage`.
  if (refusal) {
    throw new HttpProblem(409, refusal.detail, {
      blockers: refusal.blockers,
      patientMessage: refusal.patientMessage,
    });
  }
}
