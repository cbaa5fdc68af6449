import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import type { Database } from '../database.ts';
import { createPatient } from './patients.ts';
import { SessionWriter } from './session-writer.ts';
import { sessionValues } from './sessions.ts';
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
    expect(rows.map((r) => r.minutes)).toEqual(Array.from({ length: 25 }, (_, i) => i));
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
});
