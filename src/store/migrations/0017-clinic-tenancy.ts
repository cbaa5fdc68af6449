import { type Kysely, sql } from 'kysely';

/**
 * Clinics as tenants (issue 19 items 1 and 7; docs/tenancy.md). Every clinical row carries its
 * clinic: `clinic_id` joins the primary key of each tenant table and every foreign key between
 * tables that carry a clinic, so a row can only refer to rows of its own clinic (and a distributed
 * PostgreSQL can later place a clinic's rows together). Existing rows go to one clinic made here.
 *
 * Row-level security, forced for the tables' owner too, shows a transaction only the rows of the
 * clinic in the setting `myotrophy.clinic_id`; with none set, it shows none. Requests run as
 * `myotrophy_app`, a role without SUPERUSER or BYPASSRLS. Accounts and one-time links carry their
 * clinic but are not hidden while no clinic is set: a login finds the account by email, a
 * request its session by token, and a calendar feed its link by the secret's hash, before the
 * clinic is known. The server's one VAPID key pair (push_vapid_keys) is the instance's own.
 *
 * The lists are this migration's own: a table added later applies the recipe in docs/tenancy.md.
 */
const TENANT_TABLES = [
  'patients',
  'care_team',
  'conditions',
  'screenings',
  'measurements',
  'sd_tests',
  'identified_models',
  'programmes',
  'sessions',
  'notes',
  'record_corrections',
  'red_flag_resolutions',
  'questionnaire_schedules',
  'questionnaire_responses',
  'bulk_export_jobs',
  'bulk_export_chunks',
  'reminder_settings',
  'push_subscriptions',
  'reminder_jobs',
];
/**
 * Instance-level tables that still belong to one clinic. A calendar feed is fetched without a
 * login and finds its link by the secret's hash before the clinic is known.
 */
const CLINIC_OWNED_TABLES = ['users', 'account_links', 'calendar_feed_links'];
const CLINIC_TABLES = [...TENANT_TABLES, ...CLINIC_OWNED_TABLES];

/** The request's clinic; null (no rows, no writes) when unset or empty. */
const REQUEST_CLINIC = `nullif(current_setting('myotrophy.clinic_id', true), '')::uuid`;

interface Constraint {
  name: string;
  table: string;
  columns: string[];
  refTable: string | null;
  refColumns: string[] | null;
  onDelete: string;
}

async function constraints(db: Kysely<unknown>, kinds: string[], tables: string[]): Promise<Constraint[]> {
  const rows = await sql<Constraint>`
    select c.conname as name, t.relname as "table",
      array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
      r.relname as "refTable",
      case when c.confrelid = 0 then null else
        array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
              join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) end as "refColumns",
      c.confdeltype as "onDelete"
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace ns on ns.oid = t.relnamespace
    left join pg_class r on r.oid = c.confrelid
    where ns.nspname = current_schema() and c.contype = any(${kinds}) and t.relname = any(${tables})
    order by t.relname, c.conname`.execute(db);
  return rows.rows;
}

const ON_DELETE: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null' };

function columnList(columns: string[]): string {
  return ['clinic_id', ...columns].map((c) => `"${c}"`).join(', ');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (statement: string) => sql.raw(statement).execute(db);
  await run(`create table clinics (
  id uuid primary key,
  name text not null unique check (length(btrim(name)) between 1 and 200),
  created_at timestamptz not null default now()
)`);
  const clinic = await sql<{ id: string }>`insert into clinics (id, name)
    values (gen_random_uuid(), 'Default clinic') returning id`.execute(db);
  const defaultClinic = clinic.rows[0]?.id as string;

  // Foreign keys among tables that carry a clinic, remembered, then dropped with the keys they use.
  const foreignKeys = (await constraints(db, ['f'], CLINIC_TABLES)).filter((fk) =>
    CLINIC_TABLES.includes(fk.refTable as string),
  );
  for (const fk of foreignKeys) await run(`alter table "${fk.table}" drop constraint "${fk.name}"`);

  for (const table of CLINIC_TABLES) {
    await run(`alter table "${table}" add column clinic_id uuid references clinics (id)`);
    await sql`update ${sql.table(table)} set clinic_id = ${defaultClinic}`.execute(db);
    await run(`alter table "${table}" alter column clinic_id set not null,
      alter column clinic_id set default ${REQUEST_CLINIC}`);
  }

  // The clinic leads every primary key and unique rule of a tenant table.
  for (const key of await constraints(db, ['p', 'u'], TENANT_TABLES)) {
    await run(`alter table "${key.table}" drop constraint "${key.name}"`);
    await run(
      `alter table "${key.table}" add constraint "${key.name}" ${key.name.endsWith('_pkey') ? 'primary key' : 'unique'} (${columnList(key.columns)})`,
    );
  }
  const uniqueIndexes = await sql<{ name: string; definition: string }>`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace ns on ns.oid = t.relnamespace
    where ns.nspname = current_schema() and x.indisunique and t.relname = any(${TENANT_TABLES})
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`.execute(db);
  for (const index of uniqueIndexes.rows) {
    await run(`drop index "${index.name}"`);
    await run(index.definition.replace(/ USING (\w+) \(/, ' USING $1 (clinic_id, '));
  }
  await run(`alter table users add constraint users_clinic_id_id_key unique (clinic_id, id)`);

  for (const fk of foreignKeys) {
    await run(`alter table "${fk.table}" add constraint "${fk.name}"
      foreign key (${columnList(fk.columns)}) references "${fk.refTable}" (${columnList(fk.refColumns ?? [])})
      on delete ${ON_DELETE[fk.onDelete] ?? 'no action'}`);
  }

  for (const table of CLINIC_TABLES) {
    await run(`alter table "${table}" enable row level security`);
    await run(`alter table "${table}" force row level security`);
    // Accounts and links are found by email or token before the clinic is known (login, an
    // invitation): with no clinic set they are all visible; once it is set, only its own.
    const rule = TENANT_TABLES.includes(table)
      ? `clinic_id = ${REQUEST_CLINIC}`
      : `clinic_id = ${REQUEST_CLINIC} or ${REQUEST_CLINIC} is null`;
    await run(`create policy clinic_isolation on "${table}" using (${rule}) with check (${rule})`);
  }

  // Audit events carry the clinic they happened in (null: instance-level, such as an operator
  // creating a clinic, or a request made before its clinic is known). Events from before this
  // migration keep no clinic: their hashes were computed without one, and the chain is never
  // rewritten. A clinic's event hashes its clinic too (docs/tenancy.md), so moving an event to
  // another clinic, or out of one, breaks the chain.
  await run(`alter table audit_events add column clinic_id uuid references clinics (id)
    default ${REQUEST_CLINIC}`);
  await run(`create index audit_events_clinic on audit_events (clinic_id, id)`);
  await run(`create or replace function audit_event_hash(e audit_events) returns text language sql stable as $$
  select encode(sha256(convert_to(case when e.clinic_id is null then json_build_array(
    e.seq, e.id, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.user_id, e.action, e.resource, e.record_id, e.patient_id, e.ip, e.user_agent, e.reason,
    e.prev_hash
  ) else json_build_array(
    e.seq, e.id, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.user_id, e.action, e.resource, e.record_id, e.patient_id, e.ip, e.user_agent, e.reason,
    e.prev_hash, e.clinic_id
  ) end::text, 'UTF8')), 'hex')
$$`);
  // A request reads only its clinic's events; it writes events of its clinic, or of none while
  // its clinic is not yet known (a failed login). The operator (owner) reads the whole chain.
  await run(`alter table audit_events enable row level security`);
  await run(`alter table audit_events force row level security`);
  await run(`create policy clinic_isolation_read on audit_events for select
    using (clinic_id = ${REQUEST_CLINIC})`);
  await run(`create policy clinic_isolation_write on audit_events for insert
    with check (clinic_id is not distinct from ${REQUEST_CLINIC})`);

  // The role requests run as; one per server (roles are cluster-wide), so it may already exist.
  await run(`do $$
begin
  create role myotrophy_app nologin nosuperuser nobypassrls;
exception when duplicate_object or unique_violation then null;
end
$$`);
  await run(`do $$
begin
  execute format('grant usage on schema %I to myotrophy_app', current_schema());
  execute format('grant select, insert, update, delete on all tables in schema %I to myotrophy_app', current_schema());
  execute format('grant usage, select on all sequences in schema %I to myotrophy_app', current_schema());
  execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to myotrophy_app', current_schema());
  execute format('alter default privileges in schema %I grant usage, select on sequences to myotrophy_app', current_schema());
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant myotrophy_app to %I', current_user);
  end if;
end
$$`);
  await run(`revoke all on kysely_migration, kysely_migration_lock from myotrophy_app`);
}
