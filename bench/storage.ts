import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../src/store/database.ts';
import { createPatient } from '../src/store/records/patients.ts';
import { createSessionAudited } from '../src/store/records/sessions.ts';
import { createUser } from '../src/store/records/users.ts';
import { dropSchema } from '../test/postgres-schema.ts';
import { type Benchmark, figuresBenchmark } from './harness.ts';
import { sessionBody } from './server.ts';

/**
 * Issue 19's capacity plan needs the database's size per logged session: SESSIONS sessions for
 * PATIENTS patients, each logged through the API's writer with its audit event (as a POST does),
 * then every table's size with its indexes and TOAST (pg_total_relation_size), per row, after
 * VACUUM so that the figures hold the rows and not the writes' dead versions.
 */
const PATIENTS = 100;
const SESSIONS = 20_000;

function round(x: number): number {
  return Number(x.toPrecision(4));
}

async function measure(databaseUrl: string): Promise<Record<string, unknown>> {
  const schema = `bench_size_${randomBytes(4).toString('hex')}`;
  const database = await openDatabase({ databaseUrl, schema });
  try {
    const db = database.db;
    const user = await createUser(db, {
      email: 's@bench.test',
      name: 'S',
      role: 'clinician',
      passwordHash: 'x',
    });
    const patients: { id: string }[] = [];
    for (let i = 0; i < PATIENTS; i += 1) patients.push(await createPatient(db, { name: `P${i}` }, user.id));
    const start = Date.parse('2024-01-01T08:00:00Z');
    const audit = {
      userId: user.id,
      action: 'create',
      resource: 'sessions',
      ip: '127.0.0.1',
      userAgent: 'bench',
    };
    for (let i = 0; i < SESSIONS; i += 200) {
      await Promise.all(
        Array.from({ length: 200 }, (_, j) => {
          const n = i + j;
          const patient = patients[n % PATIENTS] as { id: string };
          const input = {
            ...sessionBody,
            startedAt: new Date(start + n * 3_600_000).toISOString(),
            pain: n % 5,
          };
          return createSessionAudited(db, patient.id, input as never, user.id, new Date(), {
            ...audit,
            patientId: patient.id,
          });
        }),
      );
    }
    await sql`vacuum (analyze) sessions, audit_events`.execute(db);
    const size = async (table: string) =>
      Number(
        (await sql<{ bytes: string }>`select pg_total_relation_size(${table}::regclass) as bytes`.execute(db))
          .rows[0]?.bytes,
      );
    const sessionsBytes = await size('sessions');
    const auditBytes = await size('audit_events');
    return {
      database: 'postgres',
      patients: PATIENTS,
      sessions: SESSIONS,
      sessionsTableBytes: sessionsBytes,
      auditEventsTableBytes: auditBytes,
      bytesPerSession: round(sessionsBytes / SESSIONS),
      bytesPerAuditEvent: round(auditBytes / SESSIONS),
      bytesPerLoggedSession: round((sessionsBytes + auditBytes) / SESSIONS),
    };
  } finally {
    await database.close();
    await dropSchema(databaseUrl, schema);
  }
}

const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

export const benchmarks: Benchmark[] = postgresUrl
  ? [
      figuresBenchmark(
        'storage: database size per logged session',
        `${SESSIONS} sessions for ${PATIENTS} patients, each written with its audit event by the API's session writer into PostgreSQL; sizes of the sessions and audit_events tables with their indexes (pg_total_relation_size) after VACUUM, per session.`,
        () => measure(postgresUrl),
      ),
    ]
  : [];
