import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { entryOf } from '../../fhir/bundle-export.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { authorizePatient } from '../access.ts';
import { actorOf } from '../auth.ts';
import { badRequest, notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import type { AppOptions } from '../routes/context.ts';
import { bulkExportRoutes } from './bulk-export-routes.ts';
import { startBulkExportRunner } from './bulk-export-runner.ts';
import { patientResources } from './bundle-export.ts';
import {
  capabilityStatement,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  SEARCHABLE_TYPES,
  type SearchableType,
} from './capability-statement.ts';
import { fhirErrorHandler, sendFhir, sendOutcome } from './operation-outcome.ts';

/**
 * The FHIR R4 read API under /fhir/R4: metadata, Patient read, Patient $everything, and searches
 * of Condition, Observation, Procedure and CarePlan by patient with _count paging. It uses the
 * /api's authentication (the global hook), access control (authorizePatient) and audit, and
 * answers every error as an OperationOutcome in application/fhir+json.
 */
export const FHIR_PREFIX = '/fhir/R4';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The base of absolute FHIR links: the configured public URL; without one, the request's own
 * origin, which the Host check has then limited to the names the server answers for.
 */
function baseUrl(request: FastifyRequest, publicUrl: string | undefined): string {
  return `${publicUrl ?? `${request.protocol}://${request.host}`}${FHIR_PREFIX}/`;
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`give ${name} once`);
  return value;
}

function whole(raw: string | undefined, name: string, max: number, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) > max) {
    throw badRequest(`${name} must be a whole number from 0 to ${max}; got '${raw}'`);
  }
  return Number(raw);
}

/** The patient id a `patient=` value names: an id, Patient/id, or a full URL ending in Patient/id. */
function patientIdOf(raw: string | undefined): string {
  if (!raw)
    throw badRequest(
      'a search needs patient=ID (an id or Patient/ID); searches across patients are not offered',
    );
  const id = raw.replace(/^(?:.*\/)?Patient\//, '');
  if (!UUID.test(id)) throw notFound(`there is no patient ${raw}`);
  return id;
}

async function readablePatientResources(
  db: Db,
  request: FastifyRequest,
  patientId: string,
): Promise<Resource[]> {
  await authorizePatient(db, actorOf(request), patientId, 'read');
  const resources = await patientResources(db, patientId, 'relative');
  if (!resources) throw notFound(`there is no patient ${patientId}`);
  return resources;
}

function searchset(
  base: string,
  path: string,
  params: Record<string, string>,
  matches: Resource[],
  count: number,
  offset: number,
): Bundle {
  const url = (at: number) => {
    const query = new URLSearchParams({ ...params, _count: String(count), _offset: String(at) });
    return `${base}${path}?${query.toString()}`;
  };
  const page = matches.slice(offset, offset + count);
  const link: NonNullable<Bundle['link']> = [{ relation: 'self', url: url(offset) }];
  if (count > 0 && offset + count < matches.length) link.push({ relation: 'next', url: url(offset + count) });
  if (count > 0 && offset > 0) link.push({ relation: 'previous', url: url(Math.max(0, offset - count)) });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: matches.length,
    link,
    entry: page.map((resource) => ({ ...entryOf(resource, 'relative', base), search: { mode: 'match' } })),
  };
}

function paging(query: Record<string, unknown>): { count: number; offset: number } {
  return {
    count: whole(single(query, '_count'), '_count', MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
    offset: whole(single(query, '_offset'), '_offset', 10_000_000, 0),
  };
}

async function fhirApi(app: FastifyInstance, options: { db: Db; appOptions: AppOptions }): Promise<void> {
  const { db, appOptions } = options;
  app.setErrorHandler((error, _request, reply) => fhirErrorHandler(error as FastifyError, reply));
  app.setNotFoundHandler((request, reply) =>
    sendOutcome(
      reply,
      404,
      `no FHIR interaction ${request.method} ${request.url.split('?')[0]}; see ${FHIR_PREFIX}/metadata`,
    ),
  );
  const hide = { hide: true };

  app.get('/metadata', { config: { public: true }, schema: hide }, async (request, reply) =>
    sendFhir(
      reply,
      200,
      capabilityStatement(baseUrl(request, appOptions.publicUrl), appOptions.now().toISOString()),
    ),
  );

  app.get<{ Params: { id: string } }>('/Patient/:id', { schema: hide }, async (request, reply) => {
    const id = request.params.id;
    if (!UUID.test(id)) throw notFound(`there is no patient ${id}`);
    const resources = await readablePatientResources(db, request, id);
    await recordAudit(
      db,
      auditFrom(request, { action: 'read', resource: 'fhir-patient', recordId: id, patientId: id }),
    );
    return sendFhir(reply, 200, resources[0]);
  });

  app.get<{ Params: { id: string } }>(
    '/Patient/:id/$everything',
    { schema: hide },
    async (request, reply) => {
      const id = request.params.id;
      if (!UUID.test(id)) throw notFound(`there is no patient ${id}`);
      const { count, offset } = paging(request.query as Record<string, unknown>);
      const resources = await readablePatientResources(db, request, id);
      await recordAudit(
        db,
        auditFrom(request, { action: 'read', resource: 'fhir-everything', recordId: id, patientId: id }),
      );
      return sendFhir(
        reply,
        200,
        searchset(
          baseUrl(request, appOptions.publicUrl),
          `Patient/${id}/$everything`,
          {},
          resources,
          count,
          offset,
        ),
      );
    },
  );

  for (const type of SEARCHABLE_TYPES) {
    app.get(`/${type}`, { schema: hide }, async (request, reply) => search(type, request, reply));
  }
  async function search(type: SearchableType, request: FastifyRequest, reply: FastifyReply) {
    const query = request.query as Record<string, unknown>;
    const known = new Set(['patient', 'subject', '_count', '_offset', '_format']);
    const unknown = Object.keys(query).filter((k) => !known.has(k));
    if (unknown.length > 0) {
      throw badRequest(
        `search parameter ${unknown.join(', ')} is not supported; ${type} is searched by patient (with _count)`,
      );
    }
    const raw = single(query, 'patient') ?? single(query, 'subject');
    const patientId = patientIdOf(raw);
    const { count, offset } = paging(query);
    const resources = await readablePatientResources(db, request, patientId);
    const matches = resources.filter((r) => r.resourceType === type);
    await recordAudit(
      db,
      auditFrom(request, { action: 'read', resource: `fhir-${type.toLowerCase()}`, patientId }),
    );
    return sendFhir(
      reply,
      200,
      searchset(baseUrl(request, appOptions.publicUrl), type, { patient: patientId }, matches, count, offset),
    );
  }

  const runner = startBulkExportRunner(db, { now: appOptions.now });
  app.addHook('onClose', () => runner.close());
  bulkExportRoutes(app, {
    db,
    runner,
    now: appOptions.now,
    base: (request) => baseUrl(request, appOptions.publicUrl),
  });

  // Anything else under the prefix is not a FHIR interaction this server offers.
  app.all('/*', { schema: hide }, async (request, reply) =>
    sendOutcome(
      reply,
      404,
      `no FHIR interaction ${request.method} ${request.url.split('?')[0]}; see ${FHIR_PREFIX}/metadata`,
    ),
  );
}

/** Registers the read API; one line in the app. */
export async function registerFhirApi(app: FastifyInstance, db: Db, appOptions: AppOptions): Promise<void> {
  await app.register(fhirApi, { prefix: FHIR_PREFIX, db, appOptions });
}
