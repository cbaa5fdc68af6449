import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/database.ts';
import { type AuditQuery, listAudit, recordAudit } from '../../store/records/audit.ts';
import { authorizeAccount } from '../access.ts';
import { auditFrom } from '../request-audit.ts';
import { dateTime, uuid } from '../schemas.ts';

export function auditRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Querystring: AuditQuery }>(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit events, newest first (admin): who, what, which record, when, from where',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            patientId: uuid,
            userId: uuid,
            from: dateTime,
            to: dateTime,
            before: { type: 'integer', minimum: 1, description: 'events with an id below this (next page)' },
            limit: { type: 'integer', minimum: 1, maximum: 5000, default: 500 },
          },
        },
      },
    },
    async (request) => {
      authorizeAccount(request.actor, 'read-audit');
      const items = await listAudit(db, request.query);
      await recordAudit(db, auditFrom(request, { action: 'read', resource: 'audit' }));
      return { items, nextBefore: items.length > 0 ? items[items.length - 1]?.id : null };
    },
  );
}
