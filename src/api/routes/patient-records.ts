import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Db } from '../../store/database.ts';
import { type AuditEventInput, recordAudit } from '../../store/records/audit.ts';
import { DEFAULT_LIST_LIMIT, type ListWindow, MAX_LIST_LIMIT } from '../../store/rows.ts';
import type { Schema } from '../../store/schema.ts';
import { type Actor, authorizePatient, type PatientAction } from '../access.ts';
import { actorOf } from '../auth.ts';
import { auditFrom } from '../request-audit.ts';
import { type ListQuery, listQuery, patientParams, queryInteger } from '../schemas.ts';
import type { AppOptions } from './context.ts';

/**
 * A kind of record kept on a patient (conditions, measurements, sessions, …): one list route and
 * one create route, each authorised, validated, transactional and audited the same way.
 */
export interface PatientRecordKind<Input, Output extends { id: string }> {
  /** The path segment under /api/patients/:id/ and the audit resource name. */
  path: string;
  /** What one record is, for the OpenAPI summaries. */
  noun: string;
  createAction: PatientAction;
  bodySchema: Record<string, unknown>;
  create(
    tx: Kysely<Schema>,
    context: { patientId: string; actor: Actor; now: Date; db: Db },
    body: Input,
  ): Promise<Output>;
  list(db: Db, patientId: string, window: ListWindow): Promise<Output[]>;
  /** Optional: the record and its audit event in one atomic statement (hot paths). */
  createAudited?(
    db: Db,
    context: { patientId: string; actor: Actor; now: Date },
    body: Input,
    audit: AuditEventInput,
  ): Promise<Output>;
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
        summary: `The patient's ${kind.noun} records, oldest first`,
        params: patientParams,
        querystring: listQuery,
      },
    },
    async (request) => {
      const patientId = request.params.id;
      await authorizePatient(db, actorOf(request), patientId, 'read');
      const { from, to, limit } = request.query;
      const items = await kind.list(db, patientId, {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        limit: queryInteger(limit, 'limit', MAX_LIST_LIMIT) ?? DEFAULT_LIST_LIMIT,
      });
      await recordAudit(db, auditFrom(request, { action: 'read', resource: kind.path, patientId }));
      return { items };
    },
  );
  app.post<{ Params: { id: string }; Body: Input }>(
    url,
    {
      schema: {
        tags: ['records'],
        summary: `Record a ${kind.noun}`,
        params: patientParams,
        body: kind.bodySchema,
      },
    },
    async (request, reply) => {
      const patientId = request.params.id;
      const actor = actorOf(request);
      await authorizePatient(db, actor, patientId, kind.createAction);
      const now = options.now();
      if (kind.createAudited) {
        const audit = auditFrom(request, { action: 'create', resource: kind.path, patientId });
        const record = await kind.createAudited(db, { patientId, actor, now }, request.body as Input, audit);
        return reply
          .code(201)
          .header('location', `/api/patients/${patientId}/${kind.path}/${record.id}`)
          .send(record);
      }
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
}
