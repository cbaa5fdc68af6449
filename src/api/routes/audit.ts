import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/database.ts';
import { type AuditQuery, listAudit, recordAudit } from '../../store/records/audit.ts';
import { authorizeAccount } from '../access.ts';
import { auditFrom } from '../request-audit.ts';
import { dateTime, queryInteger, uuid } from '../schemas.ts';

type AuditQueryString = Omit<AuditQuery, 'before' | 'limit'> & { before?: string; limit?: string };

export function auditRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Querystring: AuditQueryString }>(
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
            before: {
              type: 'string',
              pattern: '^[1-9][0-9]{0,17}$',
              description: 'events with an id below this (next page)',
            },
            limit: {
              type: 'string',
              pattern: '^[1-9][0-9]{0,3}$',
              description: 'at most this many events (1–5000; default 500)',
            },
          },
        },
      },
    },
    async (request) => {
      const actor = authorizeAccount(request.actor, 'read-audit');
      const { before, limit, ...filters } = request.query;
      const beforeId = queryInteger(before, 'before', Number.MAX_SAFE_INTEGER);
      // Only the admin's clinic: the application says so, and row-level security enforces it.
      const items = await listAudit(db, {
        ...filters,
        clinicId: actor.clinicId,
        ...(beforeId !== undefined ? { before: beforeId } : {}),
        limit: queryInteger(limit, 'limit', 5000) ?? 500,
      });
      await recordAudit(db, auditFrom(request, { action: 'read', resource: 'audit' }));
      return { items, nextBefore: items.length > 0 ? items[items.length - 1]?.id : null };
    },
  );
}
