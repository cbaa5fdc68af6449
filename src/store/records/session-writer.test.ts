import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import type { Database } from '../database.ts';
import { createPatient } from './patients.ts';
import { SessionWriter } from './session-writer.ts';
import { sessionValues, toSession } from './sessions.ts';
import { createUser } from './users.ts';

describe.each(testDatabases)('SessionWriter on $name', (kind) => {
  let database: Database;
  let patientId = '';
  let userId = '';
  beforeAll(async () => {
    database = await kind.open();
    const clinician = await createUser(database.db, {
      email: 'c@x.test',
      name: 'C',
      role: 'clinician',
      passwordHash: 'h',
    });
    userId = clinician.id;
    patientId = (await createPatient(database.db, { name: 'P' }, userId)).id;
  }, 60_000);
  afterAll(async () => database?.close());

  const values = (i: number, programmeId: string | null = null) =>
    sessionValues(
      patientId,
      {
        kind: 'exercise',
        startedAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
        minutes: i,
        completed: true,
        programmeId,
      },
      userId,
      new Date('2025-03-01T00:00:00Z'),
    );
  const audit = () => ({ userId, action: 'create', resource: 'sessions', patientId, ip: '127.0.0.1' });

  it('writes sessions that arrive together in shared statements, each with its audit event', async () => {
    const writer = new SessionWriter(database.db, 100, 1);
    const rows = await Promise.all(Array.from({ length: 25 }, (_, i) => writer.write(values(i), audit())));
    expect(rows.map((r) => r.row.minutes)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const counted = await sql<{ sessions: number; audits: number }>`
      select (select count(*) from sessions)::int as sessions,
             (select count(*) from audit_events a join sessions s on s.id::text = a.record_id)::int as audits`.execute(
      database.db,
    );
    expect(counted.rows[0]).toEqual({ sessions: 25, audits: 25 });
  });

  it('fails only the caller whose session is bad when a batch fails', async () => {
    const writer = new SessionWriter(database.db, 100, 1);
    const missingProgramme = '00000000-0000-4000-8000-0000000000ff';
    const results = await Promise.allSettled([
      writer.write(values(100), audit()),
      writer.write(values(101, missingProgramme), audit()),
      writer.write(values(102), audit()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/foreign key/);
    const stored = await database.db
      .selectFrom('sessions')
      .select('minutes')
      .where('minutes', '>=', 100)
      .orderBy('minutes')
      .execute();
    expect(stored.map((s) => s.minutes)).toEqual([100, 102]);
  });

  it('writes the sessions of one turn of the event loop in one statement', async () => {
    let statements = 0;
    // Counted as they are answered: the writer builds its statement's text once and sends it again.
    const counted = database.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements += 1;
        return args.result;
      },
    });
    const writer = new SessionWriter(counted, 100, 2);
    await Promise.all(Array.from({ length: 40 }, (_, i) => writer.write(values(200 + i), audit())));
    expect(statements).toBe(1);
    await Promise.all(Array.from({ length: 250 }, (_, i) => writer.write(values(300 + i), audit())));
    expect(statements).toBe(1 + 3);
  });

  it('stores awkward text exactly, and answers with what was stored', async () => {
    const writer = new SessionWriter(database.db, 100, 1);
    const awkward = [
      'NULL',
      '',
      'a "quoted", {braced} \\ back\\slash',
      "it's\nmulti-line\ttabbed",
      '{"json": [1, 2]}',
      'ünïcödé ✓ 💪 日本語',
      ' leading and trailing spaces ',
    ];
    const written = await Promise.all(
      awkward.map((notes, i) =>
        writer.write(
          { ...values(600 + i), notes, peak_intensity_ma: 12.25 + i, comfort: i, pain: 10 - i },
          { ...audit(), userAgent: notes },
        ),
      ),
    );
    const read = await database.db
      .selectFrom('sessions')
      .selectAll()
      .where('minutes', '>=', 600)
      .orderBy('minutes')
      .execute();
    expect(read.map((row) => row.notes)).toEqual(awkward);
    expect(written.map((w) => toSession(w.row))).toEqual(read.map(toSession));
    const agents = await database.db
      .selectFrom('audit_events')
      .select(['record_id', 'user_agent'])
      .where(
        'record_id',
        'in',
        written.map((w) => w.row.id),
      )
      .execute();
    const agentOf = new Map(agents.map((a) => [a.record_id, a.user_agent]));
    expect(written.map((w) => agentOf.get(w.row.id))).toEqual(awkward);
  });

  it('in one batch, writes keyless sessions and a key once, auditing only what it wrote', async () => {
    const writer = new SessionWriter(database.db, 100, 1);
    const keyed = (i: number) => ({ ...values(700), id: values(i).id, client_key: 'mixed-key' });
    const written = await Promise.all([
      writer.write(values(701), audit()),
      writer.write(keyed(702), audit()),
      writer.write(keyed(703), audit()),
      writer.write(values(704), audit()),
    ]);
    expect(written.map((w) => w.replayed)).toEqual([false, false, true, false]);
    expect(written[2]?.row.id).toBe(written[1]?.row.id);
    const stored = await database.db
      .selectFrom('sessions')
      .select('id')
      .where('minutes', 'in', [700, 701, 704])
      .execute();
    expect(stored).toHaveLength(3);
    const audited = await database.db
      .selectFrom('audit_events')
      .select('record_id')
      .where(
        'record_id',
        'in',
        written.map((w) => w.row.id),
      )
      .execute();
    expect(audited).toHaveLength(3);
  });
});
