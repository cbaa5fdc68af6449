import { Readable } from 'node:stream';
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BULK_ERROR_TYPE, BULK_EXPORT_TYPES } from '../../fhir/bulk-ndjson.ts';
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
import type { BulkExportRunner } from './bulk-export-runner.ts';
import { sendFhir, sendOutcome } from './operation-outcome.ts';

/**
 * FHIR Bulk Data Access export (HL7 Bulk Data Access IG, STU 2; docs/bulk-export.md) under
 * /fhir/R4: kick-off `GET $export`, `GET Patient/$export` and `GET Group/[id]/$export` with
 * `Prefer: respond-async` → 202 and Content-Location; status `GET $export-status/[job]` → 202 with
 * X-Progress, then 200 and the JSON manifest; `DELETE` there cancels; files at
 * `$export-file/[job]/[Type].ndjson`. Only clinicians export, only their care team's patients; a
 * Group is a clinician's caseload (Group/[clinician's user id]), narrowed to the patients the
 * requester may see. A job, its status and its files belong to the requester alone (others get
 * 404). Every kick-off, cancel and download is audited.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NDJSON_FORMATS = ['application/fhir+ndjson', 'application/ndjson', 'ndjson'];
const KNOWN_PARAMETERS = new Set(['_outputFormat', '_type']);
const NDJSON_TYPE = 'application/fhir+ndjson';
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

function oneValue(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`give ${name} once (comma-separate several values)`);
  return value;
}

/** The resource types `_type` names, checked against what the export produces; [] for all. */
function requestedTypes(query: Record<string, unknown>): string[] {
  const raw = oneValue(query, '_type');
  if (raw === undefined) return [];
  const types = [...new Set(raw.split(',').map((t) => t.trim()))];
  const unknown = types.filter((t) => !(BULK_EXPORT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0 || types.length === 0) {
    throw badRequest(
      `_type ${unknown.map((t) => `'${t}'`).join(', ') || "''"} is not exported; allowed: ${BULK_EXPORT_TYPES.join(', ')}`,
    );
  }
  return types;
}

function checkKickOff(request: FastifyRequest): string[] {
  const prefer = request.headers.prefer ?? '';
  if (!/(^|[,;\s])respond-async($|[,;\s])/.test(String(prefer))) {
    throw badRequest("a bulk export is asynchronous: send the header 'Prefer: respond-async'");
  }
  const accept = request.headers.accept;
  if (accept && !/application\/(fhir\+)?json|\*\/\*/.test(accept)) {
    throw badRequest(`Accept must be application/fhir+json; got '${accept}'`);
  }
  const query = request.query as Record<string, unknown>;
  const unknown = Object.keys(query).filter((k) => !KNOWN_PARAMETERS.has(k));
  if (unknown.length > 0) {
    throw badRequest(
      `$export parameter ${unknown.join(', ')} is not supported; supported: _type, _outputFormat`,
    );
  }
  const format = oneValue(query, '_outputFormat');
  if (format !== undefined && !NDJSON_FORMATS.includes(format)) {
    throw badRequest(`_outputFormat must be one of ${NDJSON_FORMATS.join(', ')}; got '${format}'`);
  }
  return requestedTypes(query);
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
    const types = checkKickOff(request);
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
    const job = await createBulkExportJob(db, {
      ...scope,
      requestUrl: `${base(request)}${request.url.replace(/^.*?\/fhir\/R4\//, '')}`,
      resourceTypes: types,
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
        transactionTime: job.requestedAt,
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
