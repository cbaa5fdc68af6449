import { Readable } from 'node:stream';
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BULK_ERROR_TYPE } from '../../fhir/bulk-ndjson.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import {
  type BulkExportJob,
  bulkExportLineCounts,
  countBulkExportPatients,
  createBulkExportJob,
  deleteBulkExportJob,
  deleteBulkExportJobsFinishedBefore,
  findBulkExportJob,
  readBulkExportChunks,
} from '../../store/records/bulk-export-jobs.ts';
import { doesClinicalWork, getUser } from '../../store/records/users.ts';
import { careTeamRole, Denied } from '../access.ts';
import { actorOf } from '../auth.ts';
import { badRequest, notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { readKickOff } from './bulk-export-parameters.ts';
import type { BulkExportRunner } from './bulk-export-runner.ts';
import { sendFhir, sendOutcome } from './operation-outcome.ts';

/**
 * FHIR Bulk Data Access export (HL7 Bulk Data Access IG, STU 2; docs/bulk-export.md) under
 * /fhir/R4: kick-off `GET $export`, `GET Patient/$export` and `GET Group/[id]/$export` with
 * `Prefer: respond-async` → 202 and Content-Location; status `GET $export-status/[job]` → 202 with
 * X-Progress, then 200 and the JSON manifest; `DELETE` there cancels; files at
 * `$export-file/[job]/[Type].ndjson`. Parameters (bulk-export-parameters.ts): `_type`,
 * `_outputFormat`, `_since` and `_typeFilter`; the manifest's transactionTime is the database clock
 * at kick-off, the instant the export holds changes up to. Only clinicians export, only their care team's patients; a
 * Group is a clinician's caseload (Group/[clinician's user id]), narrowed to the patients the
 * requester may see. A job, its status and its files belong to the requester alone (others get
 * 404). Every kick-off, cancel and download is audited.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NDJSON_TYPE = 'application/fhir+ndjson';
const MAX_REQUEST_URL_CHARS = 2000;
/** Seconds a client is asked to wait between status polls. */
const RETRY_AFTER_S = 2;
/**
 * How long a finished export's files are kept (a Myotrophy choice: a day to download them, after
 * which the caseload's copy should not linger in the database). The status answer's Expires header
 * says when; expired jobs are deleted at the next kick-off or status request.
 */
export const BULK_EXPORT_KEPT_MS = 24 * 60 * 60 * 1000;

export interface BulkExportRouteOptions {
  db: Db;
  runner: BulkExportRunner;
  now: () => Date;
  /** The absolute FHIR base of this request, ending in '/'. */
  base: (request: FastifyRequest) => string;
}

/** The job with this id if the caller requested it; 404 otherwise (others' jobs are not disclosed). */
async function ownJob(db: Db, request: FastifyRequest, id: string): Promise<BulkExportJob> {
  const actor = actorOf(request);
  const job = UUID.test(id) ? await findBulkExportJob(db, id) : undefined;
  if (!job || job.requestedBy !== actor.userId) throw notFound(`there is no bulk export ${id}`);
  return job;
}

function information(text: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'information', code: 'informational', diagnostics: text }],
  };
}

function warning(text: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'warning', code: 'not-supported', diagnostics: text }],
  };
}

function progress(job: BulkExportJob): string {
  const percent = job.patientsTotal === 0 ? 100 : Math.floor((100 * job.patientsDone) / job.patientsTotal);
  return `${Math.min(percent, 99)}% (${job.patientsDone} of ${job.patientsTotal} patients)`;
}

export function bulkExportRoutes(app: FastifyInstance, options: BulkExportRouteOptions): void {
  const { db, runner, now, base } = options;
  const hide = { hide: true };
  const fileUrl = (request: FastifyRequest, job: BulkExportJob, type: string) =>
    `${base(request)}$export-file/${job.id}/${type}.ndjson`;
  const deleteExpired = () =>
    deleteBulkExportJobsFinishedBefore(db, new Date(now().getTime() - BULK_EXPORT_KEPT_MS));

  async function kickOff(request: FastifyRequest, reply: FastifyReply, groupId: string | null) {
    const actor = actorOf(request);
    if (careTeamRole(actor) !== 'clinician') {
      throw new Denied(
        "only clinicians may run a bulk export; it holds the clinician's care team's patients",
      );
    }
    const parameters = readKickOff(request);
    await deleteExpired();
    if (groupId !== null) {
      const owner = UUID.test(groupId) ? await getUser(db, groupId) : undefined;
      if (!owner || !doesClinicalWork(owner)) {
        throw notFound(
          `there is no Group ${groupId}; a Group is a clinician's caseload, Group/[clinician id]`,
        );
      }
    }
    const scope = { requestedBy: actor.userId, groupId };
    const requestUrl = `${base(request)}${request.url.replace(/^.*?\/fhir\/R4\//, '')}`;
    // The manifest repeats the request; the job keeps it (at most 2,000 characters, migration 0011).
    if (requestUrl.length > MAX_REQUEST_URL_CHARS) {
      throw badRequest(
        `the kick-off URL is ${requestUrl.length} characters; at most ${MAX_REQUEST_URL_CHARS} (fewer _typeFilter queries)`,
      );
    }
    const job = await createBulkExportJob(db, {
      ...scope,
      requestUrl,
      resourceTypes: parameters.types,
      since: parameters.since,
      typeFilters: parameters.typeFilters,
      notes: {
        resourceType: BULK_ERROR_TYPE,
        lines: parameters.ignored.map((text) => JSON.stringify(warning(text))),
      },
      patientsTotal: await countBulkExportPatients(db, scope),
      now: now(),
    });
    await recordAudit(db, {
      ...auditFrom(request, { action: 'export', resource: 'fhir-bulk-export', recordId: job.id }),
      reason: groupId ? `Group/${groupId}` : 'every patient on the care team',
    });
    runner.wake();
    const outcome: OperationOutcome = {
      resourceType: 'OperationOutcome',
      issue: [
        { severity: 'information', code: 'informational', diagnostics: `bulk export ${job.id} started` },
      ],
    };
    return sendFhir(
      reply.header('content-location', `${base(request)}$export-status/${job.id}`),
      202,
      outcome,
    );
  }

  app.get('/$export', { schema: hide }, (request, reply) => kickOff(request, reply, null));
  app.get('/Patient/$export', { schema: hide }, (request, reply) => kickOff(request, reply, null));
  app.get<{ Params: { id: string } }>('/Group/:id/$export', { schema: hide }, (request, reply) =>
    kickOff(request, reply, request.params.id),
  );

  app.get<{ Params: { id: string } }>('/$export-status/:id', { schema: hide }, async (request, reply) => {
    await deleteExpired();
    const job = await ownJob(db, request, request.params.id);
    if (job.status === 'in-progress') {
      return reply
        .code(202)
        .header('x-progress', progress(job))
        .header('retry-after', String(RETRY_AFTER_S))
        .send();
    }
    // Bulk Data IG: a finished status may say in an Expires header when the files go.
    const expires = new Date(Date.parse(job.finishedAt ?? job.requestedAt) + BULK_EXPORT_KEPT_MS);
    reply.header('expires', expires.toUTCString());
    if (job.status === 'failed') return sendOutcome(reply, 500, job.failure ?? 'the export failed');
    const counts = await bulkExportLineCounts(db, job.id);
    const file = ({ type, count }: { type: string; count: number }) => ({
      type,
      url: fileUrl(request, job, type),
      count,
    });
    return reply
      .code(200)
      .type('application/json; charset=utf-8')
      .send({
        transactionTime: job.transactionTime ?? job.requestedAt,
        request: job.requestUrl,
        requiresAccessToken: true,
        output: counts.filter((c) => c.type !== BULK_ERROR_TYPE).map(file),
        error: counts.filter((c) => c.type === BULK_ERROR_TYPE).map(file),
      });
  });

  app.delete<{ Params: { id: string } }>('/$export-status/:id', { schema: hide }, async (request, reply) => {
    const job = await ownJob(db, request, request.params.id);
    await deleteBulkExportJob(db, job.id);
    await recordAudit(
      db,
      auditFrom(request, { action: 'cancel', resource: 'fhir-bulk-export', recordId: job.id }),
    );
    return sendFhir(reply, 202, information(`bulk export ${job.id} cancelled and its files deleted`));
  });

  app.get<{ Params: { id: string; file: string } }>(
    '/$export-file/:id/:file',
    { schema: hide },
    async (request, reply) => {
      const job = await ownJob(db, request, request.params.id);
      const type = /^([A-Za-z]{1,64})\.ndjson$/.exec(request.params.file)?.[1];
      const counts = job.status === 'completed' ? await bulkExportLineCounts(db, job.id) : [];
      if (!type || !counts.some((c) => c.type === type)) {
        throw notFound(
          `bulk export ${job.id} has no file ${request.params.file}; its manifest lists the files`,
        );
      }
      await recordAudit(db, {
        ...auditFrom(request, { action: 'read', resource: 'fhir-bulk-export-file', recordId: job.id }),
        reason: `${type}.ndjson`,
      });
      return reply
        .code(200)
        .type(NDJSON_TYPE)
        .send(Readable.from(readBulkExportChunks(db, job.id, type)));
    },
  );
}
