/**
 * What the patient's session player needs for today's session, in one audited read: whether a
 * stimulation session is due (the Today decision: never while a red flag pauses stimulation or the
 * gate does not clear the approved programme), and when it is, the approved programme's stimulation
 * part, the level in force today, and the record the gate reads (latest screening, open red flags,
 * coded conditions). The browser asks the same core gate (`gateProgramme`, purpose
 * 'send-to-device') with this record before any byte reaches a stimulator: a cleared programme
 * cannot cross HTTP, only the facts it is decided on.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { levelInForce } from '../../clinic/programme/level-in-force.ts';
import type { StimulationProgramme } from '../../clinic/programme/stimulation-types.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { approvedProgramme } from '../../store/records/programmes.ts';
import { authorizePatient } from '../access.ts';
import { actorOf } from '../auth.ts';
import { clinicContactFor } from '../clinic-contact.ts';
import { auditFrom } from '../request-audit.ts';
import { loadGateRecord, stimulationPart, todayStatus } from '../safety-gate.ts';
import { patientParams } from '../schemas.ts';
import type { AppOptions } from './context.ts';

const SUMMARY =
  "Today's stimulation session for the patient's session player: due or not (with the patient's words), and when due the programme, the level in force and the record the safety gate reads";

type PlayerRequest = FastifyRequest<{ Params: { id: string } }>;

async function todaysSession(db: Db, options: AppOptions, request: PlayerRequest) {
  const { id } = request.params;
  const actor = actorOf(request);
  await authorizePatient(db, actor, id, 'read');
  const [record, active, contact] = await Promise.all([
    loadGateRecord(db, id),
    approvedProgramme(db, id),
    clinicContactFor(db, actor.clinicId, options.clinicContact),
  ]);
  const now = options.now();
  const today = todayStatus(record, active ?? null, contact, now);
  await recordAudit(
    db,
    auditFrom(request, { action: 'read', resource: 'session-player', recordId: id, patientId: id }),
  );
  if (!active || !today.stimulationDue) {
    return { due: false, patientMessage: today.patientMessage, programmeId: today.programmeId };
  }
  const programme = stimulationPart(active.body) as StimulationProgramme;
  const level = levelInForce(programme.levels, active.approvedAt, now).level;
  return { due: true, patientMessage: null, programmeId: active.id, level, programme, gateRecord: record };
}

export function sessionPlayerRoutes(app: FastifyInstance, db: Db, options: AppOptions): void {
  app.get<{ Params: { id: string } }>(
    '/api/patients/:id/session-player',
    { schema: { tags: ['derived'], summary: SUMMARY, params: patientParams } },
    (request) => todaysSession(db, options, request),
  );
}
