import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite as PGliteType } from '@electric-sql/pglite';
import autocannon from 'autocannon';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { migrate, openDatabase } from '../src/store/database.ts';
import { PGliteDialect } from '../src/store/pglite-dialect.ts';
import { createPatient } from '../src/store/records/patients.ts';
import { sessionValues } from '../src/store/records/sessions.ts';
import { createUser } from '../src/store/records/users.ts';
import type { Schema } from '../src/store/schema.ts';
import { CLINIC_SETTING } from '../src/store/tenancy.ts';
import { dropSchema } from '../test/postgres-schema.ts';
import { type Benchmark, figuresBenchmark } from './harness.ts';
import { type HttpFloor, type HttpFloorOptions, startHttpFloor } from './http-floor.ts';
import { cpuDuring, namedConnection } from './process-cpu.ts';
import { spawnServer } from './spawned-server.ts';

/**
 * The server under load, on PGlite (always) and PostgreSQL (when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL is set). Targets from issue 5: logging a session (authenticated POST) sustains
 * ≥ 1,500 requests/s, and the patient overview with two years of daily sessions answers in
 * ≤ 50 ms at p95; from issue 19: the session log's p99 ≤ 10 ms and its rate ≥ 0.8 of the raw insert
 * rate of the same rows through the same driver, measured in the same run. The server is the real
 * `myotrophy serve` in its own process; autocannon loads it from this one over loopback. Load runs
 * and raw runs alternate, and the fraction is the median of each pair's ratio, so that a machine
 * whose other load changes during the benchmark moves both sides of a ratio together.
 */
const TARGET_REQUESTS_PER_S = 1500;
const TARGET_P99_MS = 10;
const TARGET_RAW_FRACTION = 0.8;
const TARGET_OVERVIEW_P95_MS = 50;
export const CONNECTIONS = 10;
export const WARMUP_S = 3;
/** Pairs of a load run and a raw run after the warm-up; medians are reported, with every run listed. */
const RUNS = 5;
export const LOAD_S = 5;
const RAW_S = 5;
const OVERVIEW_REQUESTS = 200;

export const PASSWORD = 'bench password 1';

export interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string>, dataDir: string): Promise<Server> {
  const server = await spawnServer(
    ['bin/myotrophy.js', 'serve', '--port', '0', '--data', dataDir, '--json'],
    {
      ...process.env,
      ...env,
      MYOTROPHY_ADMIN_EMAIL: 'admin@bench.test',
      MYOTROPHY_ADMIN_PASSWORD: PASSWORD,
    },
    'myotrophy serve',
  );
  const { url } = JSON.parse(server.firstLine) as { url: string };
  return { url, child: server.child, stop: server.stop };
}

export async function call(url: string, method: string, path: string, token: string | null, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** An admin, a clinician, one patient on the clinician's care team; returns the clinician's token. */
export async function seedClinic(url: string): Promise<{ token: string; patientId: string }> {
  const admin = (
    await call(url, 'POST', '/api/auth/login', null, { email: 'admin@bench.test', password: PASSWORD })
  ).token as string;
  await call(url, 'POST', '/api/users', admin, {
    email: 'clinician@bench.test',
    name: 'Bench Clinician',
    role: 'clinician',
    password: PASSWORD,
  });
  const token = (
    await call(url, 'POST', '/api/auth/login', null, { email: 'clinician@bench.test', password: PASSWORD })
  ).token as string;
  const patient = await call(url, 'POST', '/api/patients', token, {
    name: 'Bench Patient',
    birthDate: '1960-05-01',
  });
  return { token, patientId: patient.id as string };
}

export const sessionBody = {
  kind: 'stimulation',
  startedAt: '2025-01-06T08:00:00Z',
  minutes: 25,
  peakIntensityMa: 32.5,
  comfort: 7,
  pain: 2,
  completed: true,
  notes: 'benchmark',
};

function load(url: string, path: string, token: string | null, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}${path}`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: JSON.stringify(sessionBody),
  });
}

/**
 * Single-row session inserts straight through the driver (no HTTP, no auth, no audit), into the
 * same schema (foreign keys, checks, indexes) on the same kind of storage, as many as fit in RAW_S
 * seconds: PostgreSQL through pg with CONNECTIONS inserts in flight; PGlite through its own query
 * call, one at a time (it is one backend), on a data directory on disk like the server's. Opened
 * once; `rate()` measures one run.
 */
async function openRawInserts(kind: 'pglite' | 'postgres', databaseUrl: string | undefined) {
  const schema = `bench_raw_${randomBytes(4).toString('hex')}`;
  const applicationName = schema;
  const rawDir = mkdtempSync(join(tmpdir(), 'myotrophy-bench-raw-'));
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = kind === 'pglite' ? await PGlite.create({ dataDir: rawDir }) : undefined;
  let pool: pg.Pool | undefined;
  const database =
    kind === 'postgres'
      ? await openDatabase({ databaseUrl, schema })
      : {
          db: new Kysely<Schema>({ dialect: new PGliteDialect(pglite as PGliteType) }),
          close: async () => {},
        };
  const close = async () => {
    await database.close();
    await pool?.end();
    await pglite?.close();
    rmSync(rawDir, { recursive: true, force: true });
    if (kind === 'postgres') await dropSchema(databaseUrl as string, schema);
  };
  try {
    if (kind === 'pglite') await migrate(database.db);
    // The raw connections are not scoped (src/store/tenancy.ts): their rows go to the first clinic.
    const clinic = await sql<{
      id: string;
    }>`select id::text as id from clinics order by created_at, id limit 1`.execute(database.db);
    const clinicId = clinic.rows[0]?.id as string;
    const poolOptions = `-c search_path=${schema} -c ${CLINIC_SETTING}=${clinicId}`;
    if (kind === 'pglite')
      await sql`select set_config(${CLINIC_SETTING}, ${clinicId}, false)`.execute(database.db);
    else {
      pool = new pg.Pool({
        connectionString: namedConnection(databaseUrl as string, applicationName),
        max: CONNECTIONS,
        idleTimeoutMillis: 0,
        options: poolOptions,
      });
    }
    const user = await createUser(database.db, {
      email: 'r@bench.test',
      name: 'R',
      role: 'clinician',
      passwordHash: 'x',
    });
    const patient = await createPatient(database.db, { name: 'R' }, user.id);
    const values = () => sessionValues(patient.id, sessionBody as never, user.id, new Date());
    const sqlText = database.db.insertInto('sessions').values(values()).compile().sql;
    // The same insert through the same kind of pool, for the HTTP floor (bench/http-floor.ts).
    const floor: HttpFloorOptions | undefined = pool
      ? {
          connectionString: namedConnection(databaseUrl as string, `${applicationName}_http`),
          options: poolOptions,
          poolSize: CONNECTIONS,
          insertSql: sqlText,
          columns: Object.keys(values()),
          row: values(),
        }
      : undefined;
    const rawPool = pool;
    const insert = rawPool
      ? (parameters: unknown[]) => rawPool.query(sqlText, parameters)
      : (parameters: unknown[]) => (pglite as PGliteType).query(sqlText, parameters);
    const rate = async () => {
      let count = 0;
      const deadline = performance.now() + RAW_S * 1000;
      const worker = async () => {
        while (performance.now() < deadline) {
          await insert(Object.values(values()));
          count += 1;
        }
      };
      const { cpuMs } = await cpuDuring(
        {},
        pool ? { url: databaseUrl as string, applicationNames: [applicationName] } : undefined,
        () => Promise.all(Array.from({ length: pool ? CONNECTIONS : 1 }, worker)),
      );
      return {
        perS: count / RAW_S,
        databaseCpuMsPerInsert: (cpuMs[`database:${applicationName}`] ?? 0) / count,
      };
    };
    return { rate, close, floor, floorApplicationName: `${applicationName}_http` };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Two years of daily sessions, a condition and weekly measurements; then the overview's p95. */
async function overviewLatency(
  url: string,
  token: string,
): Promise<{ firstMs: number; p50Ms: number; p95Ms: number; sessions: number; measurements: number }> {
  const patient = await call(url, 'POST', '/api/patients', token, {
    name: 'Two Years',
    birthDate: '1955-03-01',
  });
  const base = `/api/patients/${patient.id}`;
  const start = Date.parse('2023-01-01T08:00:00Z');
  const days = 730;
  await call(url, 'POST', `${base}/conditions`, token, {
    site: 'thigh',
    side: 'left',
    cause: 'bed-rest',
    onsetDate: '2023-01-01',
    immobilisedFrom: '2023-01-01',
    immobilisedTo: '2023-02-15',
  });
  const programme = await call(url, 'POST', `${base}/programmes`, token, { body: { sessionsPerWeek: 7 } });
  await call(url, 'POST', `${base}/programmes/${programme.id}/approve`, token);
  const posts: Promise<unknown>[] = [];
  for (let day = 0; day < days; day += 1) {
    const at = new Date(start + day * 86_400_000).toISOString();
    posts.push(
      call(url, 'POST', `${base}/sessions`, token, { ...sessionBody, startedAt: at, pain: day % 4 }),
    );
    if (day % 7 === 0) {
      posts.push(
        call(url, 'POST', `${base}/measurements`, token, {
          kind: 'circumference',
          side: 'left',
          value: 50 - 2 * Math.exp(-day / 60),
          measuredAt: at,
        }),
      );
    }
    if (posts.length >= 20) await Promise.all(posts.splice(0));
  }
  await Promise.all(posts);
  const cold = performance.now();
  await call(url, 'GET', `${base}/overview`, token);
  const firstMs = performance.now() - cold;
  for (let i = 0; i < 10; i += 1) await call(url, 'GET', `${base}/overview`, token);
  const times: number[] = [];
  for (let i = 0; i < OVERVIEW_REQUESTS; i += 1) {
    const t0 = performance.now();
    const overview = await call(url, 'GET', `${base}/overview`, token);
    times.push(performance.now() - t0);
    if (i === 0 && overview.sessions.total !== days)
      throw new Error(`overview saw ${overview.sessions.total} sessions`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] as number;
  return {
    firstMs: round(firstMs),
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    sessions: days,
    measurements: Math.ceil(days / 7),
  };
}

/** The middle item of an odd number of items, ranked by `key`. */
function medianBy<T>(items: T[], key: (item: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)] as T;
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}

async function measure(
  kind: 'pglite' | 'postgres',
  databaseUrl: string | undefined,
): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'myotrophy-bench-'));
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> =
    kind === 'postgres'
      ? { DATABASE_URL: namedConnection(databaseUrl as string, schema), MYOTROPHY_DB_SCHEMA: schema }
      : { DATABASE_URL: '' };
  const loadBefore = loadAverage();
  const server = await startServer(env, join(dir, 'data'));
  let raw: Awaited<ReturnType<typeof openRawInserts>> | undefined;
  let floor: HttpFloor | undefined;
  try {
    raw = await openRawInserts(kind, databaseUrl);
    const { token, patientId } = await seedClinic(server.url);
    const path = `/api/patients/${patientId}/sessions`;
    await load(server.url, path, token, WARMUP_S);
    if (raw.floor) {
      floor = await startHttpFloor(raw.floor);
      await load(floor.url, '/sessions', null, WARMUP_S);
    }
    const pairs: {
      run: autocannon.Result;
      serverCpuMs: number;
      databaseCpuMs: number;
      floor?: FloorRun;
      raw: RawRun;
    }[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const { result: run, cpuMs } = await cpuDuring(
        { server: server.child.pid as number },
        kind === 'postgres' ? { url: databaseUrl as string, applicationNames: [schema] } : undefined,
        () => load(server.url, path, token, LOAD_S),
      );
      const serverCpuMs = cpuMs.server ?? 0;
      pairs.push({
        run,
        serverCpuMs,
        databaseCpuMs: cpuMs[`database:${schema}`] ?? 0,
        ...(floor ? { floor: await floorRun(floor, databaseUrl as string, raw.floorApplicationName) } : {}),
        raw: await raw.rate(),
      });
    }
    const median = (values: number[]) => medianBy(values, (value) => value);
    const requestsPerS = median(pairs.map((pair) => pair.run.requests.average));
    const p99Ms = median(pairs.map((pair) => pair.run.latency.p99));
    const rawPerS = median(pairs.map((pair) => pair.raw.perS));
    const ratio = median(pairs.map((pair) => pair.run.requests.average / pair.raw.perS));
    const perRequest = (cpu: (pair: (typeof pairs)[number]) => number) =>
      round(median(pairs.map((pair) => cpu(pair) / Math.max(1, pair.run.requests.total))));
    const overview = await overviewLatency(server.url, token);
    const runs = pairs.map((pair) => pair.run);
    return {
      database: kind,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAverage(),
      cpus: cpus().length,
      sessionPost: {
        requestsPerS: round(requestsPerS),
        p50Ms: median(runs.map((run) => run.latency.p50)),
        p99Ms,
        non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
        errors: runs.reduce((sum, run) => sum + run.errors, 0),
        connections: CONNECTIONS,
        seconds: LOAD_S,
        serverCpuMsPerRequest: perRequest((pair) => pair.serverCpuMs),
        ...(kind === 'postgres' ? { databaseCpuMsPerRequest: perRequest((pair) => pair.databaseCpuMs) } : {}),
        runs: pairs.map((pair) => ({
          requestsPerS: round(pair.run.requests.average),
          p99Ms: pair.run.latency.p99,
          rawInsertsPerS: round(pair.raw.perS),
        })),
      },
      rawInsertsPerS: round(rawPerS),
      ...(kind === 'postgres'
        ? { rawDatabaseCpuMsPerInsert: round(median(pairs.map((pair) => pair.raw.databaseCpuMsPerInsert))) }
        : {}),
      fractionOfRaw: round(ratio),
      ...(floor
        ? {
            httpFloor: {
              requestsPerS: round(median(pairs.map((pair) => pair.floor?.run.requests.average ?? 0))),
              p99Ms: median(pairs.map((pair) => pair.floor?.run.latency.p99 ?? 0)),
              serverCpuMsPerRequest: round(
                median(pairs.map((pair) => pair.floor?.serverCpuMsPerRequest ?? 0)),
              ),
              databaseCpuMsPerRequest: round(
                median(pairs.map((pair) => pair.floor?.databaseCpuMsPerRequest ?? 0)),
              ),
              fractionOfRaw: round(
                median(pairs.map((pair) => (pair.floor?.run.requests.average ?? 0) / pair.raw.perS)),
              ),
              sessionPostFractionOfFloor: round(
                median(
                  pairs.map((pair) => pair.run.requests.average / (pair.floor?.run.requests.average ?? 1)),
                ),
              ),
              non2xx: pairs.reduce((sum, pair) => sum + (pair.floor?.run.non2xx ?? 0), 0),
            },
          }
        : {}),
      overview,
      targets: {
        requestsPerS: TARGET_REQUESTS_PER_S,
        p99Ms: TARGET_P99_MS,
        fractionOfRaw: TARGET_RAW_FRACTION,
        overviewP95Ms: TARGET_OVERVIEW_P95_MS,
      },
      met: {
        requestsPerS: requestsPerS >= TARGET_REQUESTS_PER_S,
        p99Ms: p99Ms <= TARGET_P99_MS,
        fractionOfRaw: ratio >= TARGET_RAW_FRACTION,
        overviewP95Ms: overview.p95Ms <= TARGET_OVERVIEW_P95_MS,
        noErrors: runs.every((run) => run.non2xx === 0 && run.errors === 0),
      },
    };
  } finally {
    if (server.child.exitCode === null) await server.stop();
    await floor?.stop();
    await raw?.close();
    if (kind === 'postgres') await dropSchema(databaseUrl as string, schema);
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${join(dir, 'data')}.lock`, { force: true });
  }
}

type RawRun = Awaited<ReturnType<Awaited<ReturnType<typeof openRawInserts>>['rate']>>;

/** One load run of the HTTP floor (bench/http-floor.ts), with its server's and backends' CPU. */
async function floorRun(floor: HttpFloor, databaseUrl: string, applicationName: string) {
  const { result: run, cpuMs } = await cpuDuring(
    { floor: floor.child.pid as number },
    { url: databaseUrl, applicationNames: [applicationName] },
    () => load(floor.url, '/sessions', null, LOAD_S),
  );
  const requests = Math.max(1, run.requests.total);
  return {
    run,
    serverCpuMsPerRequest: (cpuMs.floor ?? 0) / requests,
    databaseCpuMsPerRequest: (cpuMs[`database:${applicationName}`] ?? 0) / requests,
  };
}
type FloorRun = Awaited<ReturnType<typeof floorRun>>;

export const loadAverage = () => loadavg().map((value) => Number(value.toFixed(2)));

function serverBenchmark(kind: 'pglite' | 'postgres', databaseUrl: string | undefined): Benchmark {
  return figuresBenchmark(
    `server (${kind}): log a session under load, and the two-year overview`,
    `myotrophy serve on ${kind}: autocannon POST /api/patients/:id/sessions (${CONNECTIONS} connections, ${RUNS} runs of ${LOAD_S} s after ${WARMUP_S} s of warm-up), each followed by a run of raw driver inserts (${RAW_S} s); medians, and the median of the pairs' ratios; CPU per request of the server and of its PostgreSQL backends (from /proc); GET overview × ${OVERVIEW_REQUESTS}.`,
    () => measure(kind, databaseUrl),
  );
}

const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

export const benchmarks: Benchmark[] = [
  serverBenchmark('pglite', undefined),
  ...(postgresUrl ? [serverBenchmark('postgres', postgresUrl)] : []),
];
