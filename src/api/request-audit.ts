import type { FastifyRequest } from 'fastify';
import type { AuditEventInput } from '../store/records/audit.ts';

/** An audit event for this request: the caller, their address and client, and what they did. */
export function auditFrom(
  request: FastifyRequest,
  what: { action: string; resource: string; recordId?: string | null; patientId?: string | null },
): AuditEventInput {
  return {
    userId: request.actor?.userId ?? null,
    action: what.action,
    resource: what.resource,
    recordId: what.recordId ?? null,
    patientId: what.patientId ?? null,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  };
}
