import type { FastifyInstance } from 'fastify';
import { programmeBlockers } from '../../clinic/safety/programme-gate.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import {
  approveProgramme,
  createProgramme,
  getProgramme,
  listProgrammes,
  type Programme,
} from '../../store/records/programmes.ts';
import { authorizePatient } from '../access.ts';
import { actorOf } from '../auth.ts';
import { programmeSafety } from '../clinical-verdicts.ts';
import { conflict, HttpProblem, notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { gateStoredProgramme, loadGateRecord, refuseBlocked, stimulationPart } from '../safety-gate.ts';
import { patientParams, uuid } from '../schemas.ts';
import type { AppOptions } from './context.ts';
import type { PatientRecordKind } from './patient-records.ts';

interface ProgrammeBody {
  body: Record<string, unknown>;
  supersedesId?: string;
}

function refuseUnsafe(verdict: ReturnType<typeof programmeSafety>): void {
  if (!verdict.ok) {
    throw new HttpProblem(422, 'the programme breaks an output-safety limit; see violations', {
      violations: verdict.violations,
      warnings: verdict.warnings,
    });
  }
}

/** A new version must carry settings a stimulator can be set to (the gate's programme part). */
function refuseNotDeviceSettable(body: unknown): void {
  const stimulation = stimulationPart(body);
  if (stimulation === null) return;
  const blockers = programmeBlockers(stimulation).filter((b) => b.code === 'not-device-settable');
  if (blockers.length > 0) {
    throw new HttpProblem(
      422,
      `the programme has settings a stimulator cannot be set to: ${blockers.map((b) => b.message).join(' ')}`,
      { blockers },
    );
  }
}

/** Creating a programme (or an edit of one) makes a new draft version, checked by the safety gate. */
export const programmesKind: PatientRecordKind<ProgrammeBody, Programme> = {
  path: 'programmes',
  noun: 'programme version (a new draft; edits supersede an earlier version)',
  createAction: 'record-clinical',
  bodySchema: {
    type: 'object',
    required: ['body'],
    additionalProperties: false,
    properties: {
      body: {
        type: 'object',
        maxProperties: 100,
        description: 'the programme as the clinic module plans it',
      },
      supersedesId: uuid,
    },
  },
  create: (tx, { patientId, actor, now }, input) => {
    const safety = programmeSafety(input.body);
    refuseUnsafe(safety);
    refuseNotDeviceSettable(input.body);
    return createProgramme(tx, patientId, { ...input, safety }, actor.userId, now);
  },
  list: (db, patientId) => listProgrammes(db, patientId),
};

export function programmeApprovalRoute(app: FastifyInstance, db: Db, options: AppOptions): void {
  app.post<{ Params: { id: string; pid: string } }>(
    '/api/patients/:id/programmes/:pid/approve',
    {
      schema: {
        tags: ['records'],
        summary: 'Approve a draft programme (a clinician on the care team); ends the one approved before',
        params: {
          type: 'object',
          required: ['id', 'pid'],
          additionalProperties: false,
          properties: { ...patientParams.properties, pid: uuid },
        },
      },
    },
    async (request) => {
      const { id: patientId, pid } = request.params;
      const actor = actorOf(request);
      await authorizePatient(db, actor, patientId, 'approve-programme');
      const now = options.now();
      return db.transaction().execute(async (tx) => {
        const programme = await getProgramme(tx, patientId, pid);
        if (!programme) throw notFound(`patient ${patientId} has no programme ${pid}`);
        if (programme.status !== 'draft') {
          throw conflict(
            `programme version ${programme.version} is ${programme.status}; only a draft can be approved`,
          );
        }
        // The one safety gate: every blocker (screening, red flags, diagnosis, limits) → 409.
        refuseBlocked(
          gateStoredProgramme(await loadGateRecord(tx, patientId), programme.body, 'approve', now),
        );
        const safety = programmeSafety(programme.body);
        refuseUnsafe(safety);
        const result = await approveProgramme(tx, patientId, pid, actor.userId, safety, now);
        await recordAudit(
          tx,
          auditFrom(request, { action: 'approve', resource: 'programmes', recordId: pid, patientId }),
        );
        if (result.ended) {
          await recordAudit(
            tx,
            auditFrom(request, {
              action: 'end',
              resource: 'programmes',
              recordId: result.ended.id,
              patientId,
            }),
          );
        }
        return { ...result.approved, endedProgrammeId: result.ended?.id ?? null };
      });
    },
  );
}
