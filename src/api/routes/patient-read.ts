import type { FastifyInstance } from 'fastify';
import type { PatientRecord } from '../../clinic/record/patient-record.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { loadPatientRecord, type RecordReadOptions } from '../../store/records/patient-record.ts';
import { type Actor, authorizePatient } from '../access.ts';
import { actorOf } from '../auth.ts';
import { notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { patientParams } from '../schemas.ts';

/** A read of one patient's health data: its address, its OpenAPI words and its name in the audit trail. */
export interface PatientRead {
  /** The address below `/api/patients/:id` ('' for the patient itself). */
  path: string;
  tags: string[];
  summary: string;
  /** What the audit trail calls what was read. */
  resource: string;
  /** The audit event names the patient as the record read. */
  recordIsPatient?: boolean;
}

/**
 * A GET route on one patient: authorised for the caller ('read'), answered by `answer` from the
 * store and the core, and audited once the answer is ready (a refused or failed read is not audited).
 */
export function patientReadRoute<Answer>(
  app: FastifyInstance,
  db: Db,
  read: PatientRead,
  answer: (patientId: string, actor: Actor) => Promise<Answer>,
): void {
  app.get<{ Params: { id: string } }>(
    `/api/patients/:id${read.path}`,
    { schema: { tags: read.tags, summary: read.summary, params: patientParams } },
    async (request) => {
      const patientId = request.params.id;
      const actor = actorOf(request);
      await authorizePatient(db, actor, patientId, 'read');
      const answered = await answer(patientId, actor);
      await recordAudit(
        db,
        auditFrom(request, {
          action: 'read',
          resource: read.resource,
          recordId: read.recordIsPatient ? patientId : null,
          patientId,
        }),
      );
      return answered;
    },
  );
}

/** The patient's record for a read, or 404 when there is no such patient. */
export async function patientRecordOrNotFound(
  db: Db,
  patientId: string,
  options: RecordReadOptions,
): Promise<PatientRecord> {
  const record = await loadPatientRecord(db, patientId, options);
  if (!record) throw notFound(`there is no patient ${patientId}`);
  return record;
}
