import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { AuditEvent } from './records/audit.ts';

/**
 * The audit trail is a hash chain (security finding 17). Event n carries `prev_hash` = the hash of
 * event n − 1 (64 zeros for the first) and `hash` = SHA-256, in lower-case hex, of its canonical
 * text: the JSON array
 *
 *   [seq, id, at, user_id, action, resource, record_id, patient_id, ip, user_agent, reason, prev_hash]
 *
 * followed by `clinic_id` as a 13th element when the event belongs to a clinic (migration 0017;
 * events without one, including every event from before it, keep the 12-element text, so the
 * chain is never rewritten while an event's clinic is still covered by its hash),
 * with `at` as `YYYY-MM-DDThh:mm:ss.ffffffZ` (UTC, six fractional digits), absent values as null,
 * strings escaped as JSON (control characters as \b \f \n \r \t or \u00xx; everything else as
 * is), elements separated by ", " and the text encoded as UTF-8: exactly what PostgreSQL's
 * `json_build_array(…)::text` writes, which is how the database's trigger computes it
 * (`audit_event_hash`, migration 0006). This module recomputes it independently, so a check does
 * not trust the database that is being checked.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** An audit event (its `at` in the canonical UTC text) with its place in the chain. */
export interface ChainedAuditEvent extends AuditEvent {
  /** The clinic the event happened in; null for instance-level events. */
  clinicId: string | null;
  seq: number;
  prevHash: string;
  hash: string;
}

export interface AuditChainHead {
  /** How many events the chain holds. */
  seq: number;
  /** The newest event's hash (GENESIS_HASH when there is none). */
  hash: string;
}

export const EMPTY_CHAIN: AuditChainHead = { seq: 0, hash: GENESIS_HASH };

export function canonicalAuditEvent(e: Omit<ChainedAuditEvent, 'hash'>): string {
  const values = [
    e.seq,
    e.id,
    e.at,
    e.userId,
    e.action,
    e.resource,
    e.recordId,
    e.patientId,
    e.ip,
    e.userAgent,
    e.reason,
    e.prevHash,
    ...(e.clinicId === null ? [] : [e.clinicId]),
  ];
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

export function auditEventHash(e: Omit<ChainedAuditEvent, 'hash'>): string {
  return createHash('sha256').update(canonicalAuditEvent(e), 'utf8').digest('hex');
}

const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/** A timestamptz as PostgreSQL writes it in JSON (any zone) → the canonical UTC text. */
export function canonicalInstant(text: string): string {
  const match = INSTANT.exec(text);
  if (!match) throw new Error(`not a timestamp: ${text}`);
  const [, seconds, fraction = '', zone] = match;
  const offset =
    zone === 'Z' ? 'Z' : zone?.length === 3 ? `${zone}:00` : zone?.replace(/^(.\d{2})(\d{2})$/, '$1:$2');
  const whole = new Date(`${seconds}${offset}`).toISOString().slice(0, 19);
  return `${whole}.${fraction.padEnd(6, '0')}Z`;
}

/** The first thing wrong with an event following `previous`, in words; undefined when it is sound. */
export function auditLinkProblem(previous: AuditChainHead, event: ChainedAuditEvent): string | undefined {
  if (event.seq !== previous.seq + 1) {
    return event.seq > previous.seq + 1
      ? `events ${previous.seq + 1}–${event.seq - 1} are missing before event ${event.seq} (id ${event.id})`
      : `event ${event.seq} (id ${event.id}) appears twice or out of order`;
  }
  if (event.prevHash !== previous.hash) {
    return `event ${event.seq} (id ${event.id}) does not follow event ${previous.seq}: its previous hash differs, so an event before it was changed, removed or inserted`;
  }
  if (auditEventHash(event) !== event.hash) {
    return `event ${event.seq} (id ${event.id}) was changed: its content no longer matches its hash`;
  }
  return undefined;
}

export type AuditChainVerdict =
  | { intact: true; events: number; head: AuditChainHead }
  | { intact: false; events: number; problem: string; brokenSeq: number | null };

type Walk =
  | { broken: false; head: AuditChainHead; events: number }
  | { broken: true; verdict: AuditChainVerdict };

/** Follows events given in chain order from `from`; stops at the first broken link. */
function follow(from: AuditChainHead, counted: number, events: Iterable<ChainedAuditEvent>): Walk {
  let head = from;
  let count = counted;
  for (const event of events) {
    const problem = auditLinkProblem(head, event);
    if (problem)
      return { broken: true, verdict: { intact: false, events: count, problem, brokenSeq: event.seq } };
    head = { seq: event.seq, hash: event.hash };
    count += 1;
  }
  return { broken: false, head, events: count };
}

/** Checks events given in chain order against each other and against the head recorded for them. */
export function verifyAuditEvents(
  events: Iterable<ChainedAuditEvent>,
  recordedHead: AuditChainHead,
): AuditChainVerdict {
  const walk = follow(EMPTY_CHAIN, 0, events);
  return walk.broken ? walk.verdict : endProblem(walk.head, recordedHead, walk.events);
}

function endProblem(head: AuditChainHead, recorded: AuditChainHead, count: number): AuditChainVerdict {
  if (head.seq !== recorded.seq || head.hash !== recorded.hash) {
    const problem =
      head.seq < recorded.seq
        ? `the audit trail ends at event ${head.seq} but its head records ${recorded.seq} events: events ${head.seq + 1}–${recorded.seq} were removed`
        : `the audit trail's last event (${head.seq}) does not match its recorded head (event ${recorded.seq}, hash ${recorded.hash.slice(0, 12)}…)`;
    return {
      intact: false,
      events: count,
      problem,
      brokenSeq: head.seq < recorded.seq ? head.seq + 1 : head.seq,
    };
  }
  return { intact: true, events: count, head };
}

/** An audit row as stored (snake_case, as in a backup) → the chained event. */
export function chainedEventFromRow(row: Record<string, unknown>): ChainedAuditEvent {
  const text = (key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));
  return {
    seq: Number(row.seq),
    id: Number(row.id),
    at: canonicalInstant(String(row.at)),
    userId: text('user_id'),
    action: String(row.action),
    resource: String(row.resource),
    recordId: text('record_id'),
    patientId: text('patient_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    reason: text('reason'),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
    clinicId: text('clinic_id'),
  };
}

export async function readAuditChainHead(db: Db): Promise<AuditChainHead> {
  const row = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
  return { seq: Number(row.seq), hash: row.hash };
}

const PAGE = 2000;

/** Checks the live database's whole audit trail, a page at a time, in one consistent snapshot. */
export async function verifyLiveAuditChain(db: Db): Promise<AuditChainVerdict> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const recorded = await readAuditChainHead(tx);
      let walk: Walk = { broken: false, head: EMPTY_CHAIN, events: 0 };
      for (;;) {
        const page = await sql<Record<string, unknown>>`
          select seq, id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
            user_id, action, resource, record_id, patient_id, ip, user_agent, reason, prev_hash, hash, clinic_id
          from audit_events where seq > ${walk.head.seq} order by seq limit ${PAGE}`.execute(tx);
        if (page.rows.length === 0) break;
        walk = follow(walk.head, walk.events, page.rows.map(chainedEventFromRow));
        if (walk.broken) return walk.verdict;
      }
      return endProblem(walk.head, recorded, walk.events);
    });
}
