import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite as PGliteType } from '@electric-sql/pglite';
import autocannon from 'autocannon';
import { Kysely } from 'kysely';
import pg from 'pg';
import { migrate, openDatabase } from '../src/store/database.ts';
import { PGliteDialect } from '../src/store/pglite-dialect.ts';
import { createPatient } from '../src/store/records/patients.ts';
import { sessionValues } from '../src/store/records/sessions.ts';
import { createUser } from '../src/store/records/users.ts';
import type { Schema } from '../src/store/schema.ts';
import { type Benchmark, figuresBenchmark } from './harness.ts';

/**
 * The server under load, on PGlite (always) and PostgreSQL (when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL is set). Targets from issue 5: logging a session (authenticated POST) sustains
 * ≥ 1,500 requests/s with p99 ≤ 20 ms and reaches ≥ 50 % of the raw insert rate of the same
 * database through the same driver; the patient overview with two years of daily sessions answers
 * in ≤ 50 ms at p95. The server is the real `myotrophy serve` in its own process; autocannon loads
 * it from this one over loopback.
 */
const TARGET_REQUESTS_PER_S = 1500;
const TARGET_P99_MS = 20;
const TARGET_RAW_FRACTION = 0.5;
const TARGET_OVERVIEW_P95_MS = 50;
const CONNECTIONS = 10;
const WARMUP_S = 3;
/** Load runs after the warm-up; the median run (by requests/s) is reported, with every run listed. */
const LOAD_RUNS = 3;
const LOAD_S = 5;
const RAW_RUNS = 3;
const RAW_S = 3;
const OVERVIEW_REQUESTS = 200;

export const PASSWORD = 'bench password 1';

export interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string>, dataDir: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['bin/myotrophy.js', 'serve', '--port', '0', '--data', dataDir, '--json'],
    {
      env: {
        ...process.env,
        ...env,
        MYOTROPHY_ADMIN_EMAIL: 'admin@bench.test',
        MYOTROPHY_ADMIN_PASSWORD: PASSWORD,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.stderr?.on('data', (chunk) => {
      err += chunk;
    });
    child.on('exit', (code) => reject(new Error(`myotrophy serve exited ${code}: ${err}`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
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

const sessionBody = {
  kind: 'stimulation',
  startedAt: '2025-01-06T08:00:00Z',
  minutes: 25,
  peakIntensityMa: 32.5,
  comfort: 7,
  pain: 2,
  completed: true,
  notes: 'benchmark',
};

function load(url: string, path: string, token: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}${path}`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(sessionBody),
  });
}

/**
 * Single-row session inserts straight through the driver (no HTTP, no auth, no audit), into the
 * same schema (foreign keys, checks, indexes) on the same kind of storage, as many as fit in RAW_S
 * seconds: PostgreSQL through pg with CONNECTIONS inserts in flight; PGlite through its own query
 * call, one at a time (it is one backend), on a data directory on disk like the server's.
 */
async function rawInsertRate(kind: 'pglite' | 'postgres', databaseUrl: string | undefined): Promise<number> {
  const schema = `bench_raw_${randomBytes(4).toString('hex')}`;
  const rawDir = mkdtempSync(join(tmpdir(), 'myotrophy-bench-raw-'));
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = kind === 'pglite' ? await PGlite.create({ dataDir: rawDir }) : undefined;
  const pool =
    kind === 'postgres'
      ? new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS, options: `-c search_path=${schema}` })
      : undefined;
  const database =
    kind === 'postgres'
      ? await openDatabase({ databaseUrl, schema })
      : {
          db: new Kysely<Schema>({ dialect: new PGliteDialect(pglite as PGliteType) }),
          close: async () => {},
        };
  try {
    if (kind === 'pglite') await migrate(database.db);
    const user = await createUser(database.db, {
      email: 'r@bench.test',
      name: 'R',
      role: 'clinician',
      passwordHash: 'x',
    });
    const patient = await createPatient(database.db, { name: 'R' }, user.id);
    const values = () => sessionValues(patient.id, sessionBody as never, user.id, new Date());
    const sqlText = database.db.insertInto('sessions').values(values()).compile().sql;
    const insert = pool
      ? (parameters: unknown[]) => pool.query(sqlText, parameters)
      : (parameters: unknown[]) => (pglite as PGliteType).query(sqlText, parameters);
    let count = 0;
    const deadline = performance.now() + RAW_S * 1000;
    const worker = async () => {
      while (performance.now() < deadline) {
        await insert(Object.values(values()));
        count += 1;
      }
    };
    await Promise.all(Array.from({ length: pool ? CONNECTIONS : 1 }, worker));
    return count / RAW_S;
  } finally {
    await database.close();
    await pool?.end();
    await pglite?.close();
    rmSync(rawDir, { recursive: true, force: true });
    if (kind === 'postgres') {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
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
      ? { DATABASE_URL: databaseUrl as string, MYOTROPHY_DB_SCHEMA: schema }
      : { DATABASE_URL: '' };
  const server = await startServer(env, join(dir, 'data'));
  try {
    const { token, patientId } = await seedClinic(server.url);
    const path = `/api/patients/${patientId}/sessions`;
    await load(server.url, path, token, WARMUP_S);
    const runs: autocannon.Result[] = [];
    for (let i = 0; i < LOAD_RUNS; i += 1) runs.push(await load(server.url, path, token, LOAD_S));
    const result = medianBy(runs, (run) => run.requests.average);
    const overview = await overviewLatency(server.url, token);
    await server.stop();
    const rawRuns: number[] = [];
    for (let i = 0; i < RAW_RUNS; i += 1) rawRuns.push(await rawInsertRate(kind, databaseUrl));
    const rawPerS = medianBy(rawRuns, (rate) => rate);
    const requestsPerS = result.requests.average;
    const ratio = requestsPerS / rawPerS;
    return {
      database: kind,
      sessionPost: {
        requestsPerS: round(requestsPerS),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
        errors: runs.reduce((sum, run) => sum + run.errors, 0),
        connections: CONNECTIONS,
        seconds: LOAD_S,
        runs: runs.map((run) => ({
          requestsPerS: round(run.requests.average),
          p99Ms: run.latency.p99,
        })),
      },
      rawInsertsPerS: round(rawPerS),
      rawRuns: rawRuns.map(round),
      fractionOfRaw: round(ratio),
      overview,
      targets: {
        requestsPerS: TARGET_REQUESTS_PER_S,
        p99Ms: TARGET_P99_MS,
        fractionOfRaw: TARGET_RAW_FRACTION,
        overviewP95Ms: TARGET_OVERVIEW_P95_MS,
      },
      met: {
        requestsPerS: requestsPerS >= TARGET_REQUESTS_PER_S,
        p99Ms: result.latency.p99 <= TARGET_P99_MS,
        fractionOfRaw: ratio >= TARGET_RAW_FRACTION,
        overviewP95Ms: overview.p95Ms <= TARGET_OVERVIEW_P95_MS,
        noErrors: runs.every((run) => run.non2xx === 0 && run.errors === 0),
      },
    };
  } finally {
    if (server.child.exitCode === null) await server.stop();
    if (kind === 'postgres') {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${join(dir, 'data')}.lock`, { force: true });
  }
}

function serverBenchmark(kind: 'pglite' | 'postgres', databaseUrl: string | undefined): Benchmark {
  return figuresBenchmark(
    `server (${kind}): log a session under load, and the two-year overview`,
    `myotrophy serve on ${kind}: autocannon POST /api/patients/:id/sessions (${CONNECTIONS} connections, median of ${LOAD_RUNS} runs of ${LOAD_S} s after ${WARMUP_S} s of warm-up); raw driver inserts (median of ${RAW_RUNS} runs of ${RAW_S} s); GET overview × ${OVERVIEW_REQUESTS}.`,
    () => measure(kind, databaseUrl),
  );
}

const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

export const benchmarks: Benchmark[] = [
  serverBenchmark('pglite', undefined),
  ...(postgresUrl ? [serverBenchmark('postgres', postgresUrl)] : []),
];
