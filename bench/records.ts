import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import { Kysely } from 'kysely';
import { buildApp } from '../src/api/app.ts';
import { hashPassword } from '../src/api/passwords.ts';
import { type Database, migrate } from '../src/store/database.ts';
import { PGliteDialect } from '../src/store/pglite-dialect.ts';
import { addCareTeamMember } from '../src/store/records/care-team.ts';
import { createCondition } from '../src/store/records/conditions.ts';
import { createPatient } from '../src/store/records/patients.ts';
import { createUser } from '../src/store/records/users.ts';
import type { Schema } from '../src/store/schema.ts';
import { createStorageHealth } from '../src/store/storage-health.ts';
import type { Benchmark } from './harness.ts';

/**
 * The clinician's views over many patients (issue 13): GET /api/alerts for a clinician with
 * PATIENTS patients, and each of those patients' overview (GET /api/patients/:id/overview), in
 * process (app.inject) on an in-memory PGlite whose every statement is counted. Each patient has a
 * cast-immobilised left lower leg (so the trajectory model forecasts and fits an individual
 * model), a screening, twelve weekly circumference measurements of both legs, an approved
 * programme of two levels with exercise, and eight weeks of daily sessions. Figures: statements
 * and wall time of the first (cold: no fitted model kept) and of later (warm) requests.
 */
const PATIENTS = 200;
const WARM_RUNS = 5;
const DAY_MS = 86_400_000;
const NOW = new Date('2025-03-03T12:00:00Z');
const PASSWORD = 'bench password 1';

interface Counted {
  database: Database;
  queries: () => number;
}

async function countedDatabase(): Promise<Counted> {
  const pglite = await PGlite.create({
    parsers: { 1082: (value: string) => value, 20: (value: string) => value },
  });
  let count = 0;
  const db = new Kysely<Schema>({
    dialect: new PGliteDialect(pglite),
    log: (event) => {
      if (event.level === 'query') count += 1;
    },
  });
  await migrate(db);
  return {
    database: {
      db,
      kind: 'pglite',
      location: 'memory',
      applied: [],
      storage: createStorageHealth(),
      wasmMemoryBytes: () => undefined,
      close: async () => {
        await db.destroy();
        await pglite.close();
      },
    },
    queries: () => count,
  };
}

const programmeBody = {
  goal: 'strength',
  stimulation: {
    levels: [
      { level: 1, fromWeek: 1, toWeek: 4, sessionsPerWeek: 5 },
      { level: 2, fromWeek: 5, toWeek: 12, sessionsPerWeek: 6 },
    ],
  },
  exercise: { sessionsPerWeek: 3 },
};

async function seed(db: Database['db']): Promise<{ clinicianId: string; patientIds: string[] }> {
  const clinician = await createUser(db, {
    email: 'clinician@bench.test',
    name: 'Bench Clinician',
    role: 'clinician',
    passwordHash: await hashPassword(PASSWORD),
  });
  const patientIds: string[] = [];
  const start = NOW.getTime() - 84 * DAY_MS;
  for (let i = 0; i < PATIENTS; i += 1) {
    const patient = await createPatient(
      db,
      {
        name: `Patient ${String(i).padStart(3, '0')}`,
        birthDate: '1960-05-01',
        sex: i % 2 ? 'male' : 'female',
      },
      clinician.id,
    );
    patientIds.push(patient.id);
    await addCareTeamMember(db, patient.id, clinician.id, clinician.id);
    await createCondition(
      db,
      patient.id,
      {
        site: 'lower-leg',
        side: 'left',
        cause: 'cast',
        onsetDate: new Date(start).toISOString().slice(0, 10),
        immobilisedFrom: new Date(start).toISOString().slice(0, 10),
        immobilisedTo: new Date(start + 42 * DAY_MS).toISOString().slice(0, 10),
      },
      clinician.id,
      new Date(start),
    );
    await db
      .insertInto('screenings')
      .values({
        id: crypto.randomUUID(),
        patient_id: patient.id,
        screened_at: new Date(start),
        answers: '{}',
        electrode_sites: '["lower-leg"]',
        red_flag_findings: '{}',
        result: JSON.stringify({
          contraindications: { verdict: 'clear', contraindications: [] },
          redFlags: { refer: i % 10 === 0, urgency: 'soon', referrals: [{ label: 'calf swelling' }] },
        }),
        recorded_by: clinician.id,
      })
      .execute();
    const measurements = [];
    for (let week = 0; week < 12; week += 1) {
      for (const side of ['left', 'right']) {
        measurements.push({
          id: crypto.randomUUID(),
          patient_id: patient.id,
          kind: 'circumference',
          site: 'lower-leg',
          side,
          value: side === 'left' ? 38 - week * 0.15 - (i % 7) * 0.05 : 38,
          unit: 'cm',
          measured_at: new Date(start - DAY_MS + week * 7 * DAY_MS),
          note: null,
          recorded_by: clinician.id,
        });
      }
    }
    await db.insertInto('measurements').values(measurements).execute();
    const approvedAt = new Date(start + 28 * DAY_MS);
    await db
      .insertInto('programmes')
      .values({
        id: crypto.randomUUID(),
        patient_id: patient.id,
        version: 1,
        status: 'approved',
        body: JSON.stringify(programmeBody),
        safety: JSON.stringify({ ok: true }),
        created_at: approvedAt,
        created_by: clinician.id,
        approved_at: approvedAt,
        approved_by: clinician.id,
      })
      .execute();
    const sessions = [];
    for (let day = 28; day < 84; day += 1) {
      sessions.push({
        id: crypto.randomUUID(),
        patient_id: patient.id,
        programme_id: null,
        kind: 'stimulation' as const,
        started_at: new Date(start + day * DAY_MS + 8 * 3_600_000),
        minutes: 25,
        peak_intensity_ma: 30,
        comfort: 7,
        pain: day > 77 && i % 5 === 0 ? 8 : 2,
        completed: day % 7 !== 3,
        notes: null,
        recorded_at: new Date(start + day * DAY_MS + 9 * 3_600_000),
        recorded_by: clinician.id,
      });
    }
    await db.insertInto('sessions').values(sessions).execute();
  }
  return { clinicianId: clinician.id, patientIds };
}

async function timed(counted: Counted, work: () => Promise<void>): Promise<{ queries: number; ms: number }> {
  const before = counted.queries();
  const start = performance.now();
  await work();
  return { queries: counted.queries() - before, ms: Number((performance.now() - start).toFixed(1)) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function measure(): Promise<Record<string, unknown>> {
  const counted = await countedDatabase();
  let app: FastifyInstance | undefined;
  try {
    const { patientIds } = await seed(counted.database.db);
    app = await buildApp(counted.database, { now: () => NOW });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'clinician@bench.test', password: PASSWORD },
    });
    const token = (login.json() as { token: string }).token;
    const get = async (url: string) => {
      const response = await (app as FastifyInstance).inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${response.body}`);
      return response.json();
    };
    let alertCount = 0;
    const alerts = async () => {
      alertCount = ((await get('/api/alerts')) as { items: unknown[] }).items.length;
    };
    const overviews = async () => {
      for (const id of patientIds) await get(`/api/patients/${id}/overview`);
    };
    const alertsCold = await timed(counted, alerts);
    const alertsWarm = [];
    for (let i = 0; i < WARM_RUNS; i += 1) alertsWarm.push(await timed(counted, alerts));
    const overviewsFirst = await timed(counted, overviews);
    const overviewsAgain = await timed(counted, overviews);
    return {
      patients: PATIENTS,
      alerts: alertCount,
      alertsColdQueries: alertsCold.queries,
      alertsColdMs: alertsCold.ms,
      alertsWarmQueries: median(alertsWarm.map((r) => r.queries)),
      alertsWarmMedianMs: median(alertsWarm.map((r) => r.ms)),
      overviewsQueries: overviewsFirst.queries,
      overviewsQueriesPerPatient: Number((overviewsFirst.queries / PATIENTS).toFixed(2)),
      overviewsMs: overviewsFirst.ms,
      overviewsAgainQueries: overviewsAgain.queries,
      overviewsAgainMs: overviewsAgain.ms,
    };
  } finally {
    await app?.close();
    await counted.database.close();
  }
}

function recordsBenchmark(): Benchmark {
  let figures: Record<string, unknown> = {};
  return {
    name: `records: alerts and overviews for a clinician with ${PATIENTS} patients`,
    description: `GET /api/alerts (cold, then median of ${WARM_RUNS} warm requests) and GET /api/patients/:id/overview for each of ${PATIENTS} patients (twice), in process on in-memory PGlite; statements counted by the Kysely log (audit writes and authentication included). The timed work is a no-op: the figures are in the extra fields.`,
    runs: 1,
    setup: async () => {
      figures = await measure();
      return () => figures;
    },
    derived: () => figures as Record<string, never>,
  };
}

export const benchmarks: Benchmark[] = [recordsBenchmark()];
