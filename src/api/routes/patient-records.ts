import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../store/database.ts';
import { type AuditEventInput, recordAudit } from '../../store/records/audit.ts';
import { DEFAULT_LIST_LIMIT, type ListWindow, MAX_LIST_LIMIT } from '../../store/rows.ts';
import { type Actor, authorizePatient, type PatientAction } from '../access.ts';
import { actorOf } from '../auth.ts';
import { badRequest, notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { anyBody, created } from '../response-schemas.ts';
import { type ListQuery, listQuery, patientParams, queryInteger } from '../schemas.ts';
import type { AppOptions } from './context.ts';
import {
  correctionRoutes,
  isCorrectable,
  isVersioned,
  type RecordKindWriter,
  recordHistory,
  recordParams,
} from './corrections.ts';

/**
 * A kind of record kept on a patient (conditions, measurements, sessions, …): a list route, a
 * read-one route and a create route, each authorised, validated, transactional and audited the same way.
 */
export interface PatientRecordKind<Input, Output extends { id: string }>
  extends RecordKindWriter<Input, Output> {
  createAction: PatientAction;
  list(db: Db, patientId: string, window: ListWindow): Promise<Output[]>;
  /**
   * Optional: the record and its audit event in one atomic statement (hot paths). A kind that has
   * it authorises the actor for `createAction` itself (with its other reads, in one round trip)
   * and honours an Idempotency-Key: a retry gets the record stored under that key (`replayed`).
   */
  createAudited?(
    db: Db,
    context: { patientId: string; actor: Actor; now: Date; idempotencyKey: string | null },
    body: Input,
    audit: AuditEventInput,
  ): Promise<{ record: Output; replayed: boolean }>;
}

/** The Idempotency-Key header, as RFC 8941 string or bare: 1–255 visible ASCII characters. */
const IDEMPOTENCY_KEY = /^"?([\x21\x23-\x7e]{1,255})"?$/;

export const idempotencyKeyHeaders = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      maxLength: 257,
      description:
        'A key the client chooses for this record (1–255 visible ASCII characters, quoted or not). Sent again with the same record, it answers 200 with the record already stored instead of storing it twice; with a different record, 422.',
    },
  },
} as const;

export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return null;
  const text = typeof header === 'string' ? header : '';
  const match = IDEMPOTENCY_KEY.exec(text);
  if (!match?.[1] || text.startsWith('"') !== text.endsWith('"')) {
    throw badRequest(
      'the Idempotency-Key header must be 1–255 visible ASCII characters without spaces or inner quotes, e.g. a UUID',
    );
  }
  return match[1];
}

export function patientRecordRoutes<Input, Output extends { id: string }>(
  app: FastifyInstance,
  db: Db,
  options: AppOptions,
  kind: PatientRecordKind<Input, Output>,
): void {
  const url = `/api/patients/:id/${kind.path}`;
  app.get<{ Params: { id: string }; Querystring: ListQuery }>(
    url,
    {
      schema: {
        tags: ['records'],
        summary: `The patient's ${kind.noun} records, oldest first (current ones; ?history=true for every version)`,
        params: patientParams,
        querystring: listQuery,
      },
    },
    async (request) => {
      const patientId = request.params.id;
      await authorizePatient(db, actorOf(request), patientId, 'read');
      const { from, to, limit, history } = request.query;
      const items = await kind.list(db, patientId, {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(isVersioned(kind.path) && history !== 'true' ? { currentOnly: true } : {}),
        limit: queryInteger(limit, 'limit', MAX_LIST_LIMIT) ?? DEFAULT_LIST_LIMIT,
      });
      await recordAudit(db, auditFrom(request, { action: 'read', resource: kind.path, patientId }));
      return { items };
    },
  );
  app.get<{ Params: { id: string; recordId: string } }>(
    `${url}/:recordId`,
    {
      schema: {
        tags: ['records'],
        summary: `One ${kind.noun} record of the patient, with its status and (for a kind that can be corrected) its history`,
        params: recordParams,
      },
    },
    async (request) => {
      const { id: patientId, recordId } = request.params;
      await authorizePatient(db, actorOf(request), patientId, 'read');
      const record = await kind.find(db, patientId, recordId);
      if (!record) throw notFound(`this patient has no ${kind.path} record ${recordId}`);
      const history = isCorrectable(kind.path)
        ? { history: await recordHistory(db, kind, patientId, record) }
        : {};
      await recordAudit(db, auditFrom(request, { action: 'read', resource: kind.path, recordId, patientId }));
      return { ...record, ...history };
    },
  );
  app.post<{ Params: { id: string }; Body: Input }>(
    url,
    {
      schema: {
        tags: ['records'],
        summary: `Record a ${kind.noun}`,
        response: {
          ...(kind.createAudited
            ? { 200: anyBody('The record already stored under this Idempotency-Key') }
            : {}),
          ...created('The record; Location is its address'),
        },
        params: patientParams,
        body: kind.bodySchema,
        ...(kind.createAudited ? { headers: idempotencyKeyHeaders } : {}),
      },
    },
    async (request, reply) => {
      const patientId = request.params.id;
      const actor = actorOf(request);
      const now = options.now();
      if (kind.createAudited) {
        const idempotencyKey = idempotencyKeyOf(request);
        const audit = auditFrom(request, { action: 'create', resource: kind.path, patientId });
        const { record, replayed } = await kind.createAudited(
          db,
          { patientId, actor, now, idempotencyKey },
          request.body as Input,
          audit,
        );
        if (replayed) {
          // Nothing was written; the caller is shown a stored record, so that is a read.
          await recordAudit(
            db,
            auditFrom(request, { action: 'read', resource: kind.path, recordId: record.id, patientId }),
          );
        }
        return reply
          .code(replayed ? 200 : 201)
          .header('location', `/api/patients/${patientId}/${kind.path}/${record.id}`)
          .header('idempotent-replayed', String(replayed))
          .send(record);
      }
      await authorizePatient(db, actor, patientId, kind.createAction);
      const record = await db.transaction().execute(async (tx) => {
        const created = await kind.create(tx, { patientId, actor, now, db }, request.body as Input);
        await recordAudit(
          tx,
          auditFrom(request, { action: 'create', resource: kind.path, recordId: created.id, patientId }),
        );
        return created;
      });
      return reply
        .code(201)
        .header('location', `/api/patients/${patientId}/${kind.path}/${record.id}`)
        .send(record);
    },
  );
  correctionRoutes(app, db, options, kind);
}
