import type { Kysely } from 'kysely';
import type { Db } from '../database.ts';
import { DEFAULT_LIST_LIMIT, iso } from '../rows.ts';
import type { Schema } from '../schema.ts';

/** Who did what to which record, when and from where. */
export interface AuditEventInput {
  userId: string | null;
  /** read, create, update, approve, login, login-failed, logout, … */
  action: string;
  /** patient, conditions, sessions, user, auth, … */
  resource: string;
  recordId?: string | null;
  patientId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Why: the reason given for an admin's care-team change, or why a request was refused. */
  reason?: string | null;
  at?: Date;
  /**
   * The clinic the event belongs to; null: an instance-level event (an operator creating a
   * clinic). Absent: the clinic the work runs for (docs/tenancy.md).
   */
  clinicId?: string | null;
}

export interface AuditEvent {
  id: number;
  at: string;
  userId: string | null;
  action: string;
  resource: string;
  recordId: string | null;
  patientId: string | null;
  ip: string | null;
  userAgent: string | null;
  reason: string | null;
}

export function auditValues(event: AuditEventInput) {
  return {
    ...(event.at ? { at: event.at } : {}),
    user_id: event.userId,
    action: event.action,
    resource: event.resource,
    record_id: event.recordId ?? null,
    patient_id: event.patientId ?? null,
    ip: event.ip ?? null,
    user_agent: event.userAgent?.slice(0, 300) ?? null,
    reason: event.reason?.slice(0, 500) ?? null,
  };
}

export async function recordAudit(db: Kysely<Schema>, event: AuditEventInput): Promise<void> {
  const clinic = event.clinicId !== undefined ? { clinic_id: event.clinicId } : {};
  await db
    .insertInto('audit_events')
    .values({ ...auditValues(event), ...clinic })
    .execute();
}

export interface AuditQuery {
  /** Only this clinic's events (row-level security keeps a request to its clinic's too). */
  clinicId?: string;
  patientId?: string;
  userId?: string;
  resource?: string;
  from?: string;
  to?: string;
  /** Events with an id below this one (paging backwards from the newest). */
  before?: number;
  limit?: number;
}

/** Audit events, newest first. */
export async function listAudit(db: Db, query: AuditQuery = {}): Promise<AuditEvent[]> {
  let q = db.selectFrom('audit_events').selectAll();
  if (query.clinicId) q = q.where('clinic_id', '=', query.clinicId);
  if (query.patientId) q = q.where('patient_id', '=', query.patientId);
  if (query.userId) q = q.where('user_id', '=', query.userId);
  if (query.resource) q = q.where('resource', '=', query.resource);
  if (query.from) q = q.where('at', '>=', new Date(query.from));
  if (query.to) q = q.where('at', '<', new Date(query.to));
  if (query.before !== undefined) q = q.where('id', '<', String(query.before));
  const rows = await q
    .orderBy('id', 'desc')
    .limit(query.limit ?? DEFAULT_LIST_LIMIT)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: iso(r.at),
    userId: r.user_id,
    action: r.action,
    resource: r.resource,
    recordId: r.record_id,
    patientId: r.patient_id,
    ip: r.ip,
    userAgent: r.user_agent,
    reason: r.reason,
  }));
}
