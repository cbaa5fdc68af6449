import { type Kysely, sql } from 'kysely';

/**
 * A tamper-evident audit trail (security finding 17). Each event carries its place in the chain
 * (`seq`, 1, 2, …), the previous event's hash and its own: SHA-256 of the event's canonical text
 * (`audit_event_hash`, the definition `src/store/audit-chain.ts` repeats and docs/security.md
 * states). A trigger chains every insert in the writer's own transaction, after locking the one
 * row of `audit_chain_head`, so concurrent writers on any process take their turn and the chain
 * stays a line; the head row also records how long the chain is, so removing its last events or
 * emptying the table shows. Events are append-only. Existing events are chained in id order.
 */
const statements = [
  `alter table audit_events add column seq bigint, add column prev_hash text, add column hash text`,
  `create table audit_chain_head (
  one boolean primary key default true check (one),
  seq bigint not null check (seq >= 0),
  hash text not null check (hash ~ '^[0-9a-f]{64}$')
)`,
  `create function audit_event_hash(e audit_events) returns text language sql stable as $$
  select encode(sha256(convert_to(json_build_array(
    e.seq, e.id, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.user_id, e.action, e.resource, e.record_id, e.patient_id, e.ip, e.user_agent, e.reason,
    e.prev_hash
  )::text, 'UTF8')), 'hex')
$$`,
  `do $$
declare
  r audit_events;
  previous text := repeat('0', 64);
  n bigint := 0;
begin
  for r in select * from audit_events order by id loop
    n := n + 1;
    r.seq := n;
    r.prev_hash := previous;
    r.hash := audit_event_hash(r);
    update audit_events set seq = r.seq, prev_hash = r.prev_hash, hash = r.hash where id = r.id;
    previous := r.hash;
  end loop;
  insert into audit_chain_head (seq, hash) values (n, previous);
end
$$`,
  `alter table audit_events
  alter column seq set not null,
  alter column prev_hash set not null,
  alter column hash set not null`,
  `create unique index audit_events_seq on audit_events (seq)`,
  `create function audit_events_chain() returns trigger language plpgsql as $$
declare
  head audit_chain_head;
begin
  -- A restore loads events already chained (and checked) as they are.
  if current_setting('myotrophy.restoring_audit', true) = 'on' then
    return new;
  end if;
  select * into head from audit_chain_head for update;
  new.seq := head.seq + 1;
  new.prev_hash := head.hash;
  new.hash := audit_event_hash(new);
  update audit_chain_head set seq = new.seq, hash = new.hash;
  return new;
end
$$`,
  `create trigger audit_events_chain before insert on audit_events
  for each row execute function audit_events_chain()`,
  `create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the audit trail is append-only: events are never changed or deleted'
    using errcode = 'insufficient_privilege';
end
$$`,
  `create trigger audit_events_append_only before update or delete on audit_events
  for each row execute function audit_events_append_only()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
