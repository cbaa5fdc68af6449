import type { FastifyInstance } from 'fastify';
import { gateRecordOf } from '../../clinic/record-views/gate-record.ts';
import { programmeBlockers } from '../../clinic/safety/programme-gate.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { loadPatientRecord } from '../../store/records/patient-record.ts';
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
import { GATE_READ, gateStoredProgramme, refuseBlocked, stimulationPart } from '../safety-gate.ts';
import { programmeParams, uuid } from '../schemas.ts';
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
  find: getProgramme,
};

/**
 * Approves a draft version at `now`: reads the record, asks the one safety gate (every blocker →
 * 409) and the output-safety check, approves the draft and ends the version approved before, and
 * audits each change. The approve route and the demo loader approve through here, and nowhere else.
 */
export async function approveDraft(
  tx: Db,
  patientId: string,
  pid: string,
  approvedBy: string,
  now: Date,
  audit: (action: 'approve' | 'end', recordId: string) => Promise<unknown>,
): Promise<Awaited<ReturnType<typeof approveProgramme>>> {
  const record = await loadPatientRecord(tx, patientId, GATE_READ);
  const programme = record?.programmes.find((p) => p.id === pid);
  if (!record || !programme) throw notFound(`patient ${patientId} has no programme ${pid}`);
  if (programme.status !== 'draft') {
    throw conflict(
      `programme version ${programme.version} is ${programme.status}; only a draft can be approved`,
    );
  }
  refuseBlocked(gateStoredProgramme(gateRecordOf(record), programme.body, 'approve', now));
  const safety = programmeSafety(programme.body);
  refuseUnsafe(safety);
  const result = await approveProgramme(tx, patientId, pid, approvedBy, safety, now);
  await audit('approve', pid);
  if (result.ended) await audit('end', result.ended.id);
  return result;
}

export function programmeApprovalRoute(app: FastifyInstance, db: Db, options: AppOptions): void {
  app.post<{ Params: { id: string; pid: string } }>(
    '/api/patients/:id/programmes/:pid/approve',
    {
      schema: {
        tags: ['records'],
        summary: 'Approve a draft programme (a clinician on the care team); ends the one approved before',
        params: programmeParams,
      },
    },
    async (request) => {
      const { id: patientId, pid } = request.params;
      const actor = actorOf(request);
      await authorizePatient(db, actor, patientId, 'approve-programme');
      const now = options.now();
      return db.transaction().execute(async (tx) => {
        const result = await approveDraft(tx, patientId, pid, actor.userId, now, (action, recordId) =>
          recordAudit(tx, auditFrom(request, { action, resource: 'programmes', recordId, patientId })),
        );
        return { ...result.approved, endedProgrammeId: result.ended?.id ?? null };
      });
    },
  );
}
