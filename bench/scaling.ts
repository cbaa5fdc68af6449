import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropSchema } from '../test/postgres-schema.ts';
import { type AutocannonJson, postJsonLoad } from './flood.ts';
import { type Benchmark, figuresBenchmark } from './harness.ts';
import { cpuDuring, namedConnection } from './process-cpu.ts';
import { loadAverage, type Server, seedClinic, sessionBody, startServer, WARMUP_S } from './server.ts';

/**
 * Issue 19: how the session log scales from 1 to 2 to 3 `myotrophy serve` processes on one
 * PostgreSQL on the same host. The same offered load each time (TOTAL_CONNECTIONS keep-alive
 * connections, split evenly over the processes, each process loaded by an autocannon process of
 * its own), and where the machine's CPU went: the servers, their PostgreSQL backends (from /proc,
 * by application name), and the machine as a whole (other work included).
 */
const PROCESS_COUNTS = [1, 2, 3];
const TOTAL_CONNECTIONS = 12;
const LOAD_S = 8;

function round(x: number): number {
  return Number(x.toPrecision(4));
}

async function startServers(count: number, databaseUrl: string, schema: string, dir: string) {
  const servers: { server: Server; applicationName: string }[] = [];
  // One at a time: the first applies the migrations, the others find the schema current.
  for (let i = 0; i < count; i += 1) {
    const applicationName = `${schema}_p${count}_${i}`;
    const server = await startServer(
      { DATABASE_URL: namedConnection(databaseUrl, applicationName), MYOTROPHY_DB_SCHEMA: schema },
      join(dir, `data-${count}-${i}`),
    );
    servers.push({ server, applicationName });
  }
  return servers;
}

function loadAll(servers: { server: Server }[], path: string, token: string, seconds: number) {
  return Promise.all(
    servers.map(({ server }) =>
      postJsonLoad({
        url: `${server.url}${path}`,
        token,
        body: sessionBody,
        connections: TOTAL_CONNECTIONS / servers.length,
        seconds,
      }),
    ),
  );
}

async function measureProcesses(
  count: number,
  databaseUrl: string,
  schema: string,
  dir: string,
  clinic: { token: string; patientId: string } | undefined,
) {
  const servers = await startServers(count, databaseUrl, schema, dir);
  try {
    const seeded = clinic ?? (await seedClinic((servers[0] as { server: Server }).server.url));
    const path = `/api/patients/${seeded.patientId}/sessions`;
    await loadAll(servers, path, seeded.token, WARMUP_S);
    const started = performance.now();
    const { result, cpuMs, machineBusyShare } = await cpuDuring(
      Object.fromEntries(
        servers.map(({ server, applicationName }) => [applicationName, server.child.pid as number]),
      ),
      { url: databaseUrl, applicationNames: servers.map((s) => s.applicationName) },
      () => loadAll(servers, path, seeded.token, LOAD_S),
    );
    const wallMs = performance.now() - started;
    const coreMs = wallMs * cpus().length;
    const requests = result.reduce((sum, run: AutocannonJson) => sum + run.requests.total, 0);
    const sum = (prefix: string) =>
      Object.entries(cpuMs)
        .filter(([name]) => name.startsWith(prefix))
        .reduce((total, [, ms]) => total + ms, 0);
    const serverMs = sum(schema);
    const databaseMs = sum('database:');
    return {
      clinic: seeded,
      figures: {
        processes: count,
        requestsPerS: round(requests / LOAD_S),
        p99Ms: Math.max(...result.map((run) => run.latency.p99)),
        p99MsPerProcess: result.map((run) => run.latency.p99),
        non2xx: result.reduce((total, run) => total + run.non2xx, 0),
        errors: result.reduce((total, run) => total + run.errors, 0),
        serverCpuShare: round(serverMs / coreMs),
        databaseCpuShare: round(databaseMs / coreMs),
        machineBusyShare: round(machineBusyShare),
        serverCpuMsPerRequest: round(serverMs / Math.max(1, requests)),
        databaseCpuMsPerRequest: round(databaseMs / Math.max(1, requests)),
        loadAverage: loadAverage(),
      },
    };
  } finally {
    for (const { server } of servers) if (server.child.exitCode === null) await server.stop();
  }
}

async function measure(databaseUrl: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'myotrophy-bench-scaling-'));
  const schema = `bench_scale_${randomBytes(4).toString('hex')}`;
  try {
    let clinic: { token: string; patientId: string } | undefined;
    const steps = [];
    for (const count of PROCESS_COUNTS) {
      const step = await measureProcesses(count, databaseUrl, schema, dir, clinic);
      clinic = step.clinic;
      steps.push(step.figures);
    }
    const single = steps[0]?.requestsPerS ?? 0;
    return {
      database: 'postgres',
      cpus: cpus().length,
      connections: TOTAL_CONNECTIONS,
      seconds: LOAD_S,
      steps,
      speedUp: steps.map((step) => round(single > 0 ? step.requestsPerS / single : 0)),
    };
  } finally {
    await dropSchema(databaseUrl, schema);
    rmSync(dir, { recursive: true, force: true });
  }
}

const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

export const benchmarks: Benchmark[] = postgresUrl
  ? [
      figuresBenchmark(
        'scaling: log a session with 1, 2 and 3 server processes on one PostgreSQL',
        `${PROCESS_COUNTS.join(', ')} myotrophy serve processes on one PostgreSQL schema; ${TOTAL_CONNECTIONS} autocannon connections split evenly over them (an autocannon process each) POST /api/patients/:id/sessions for ${LOAD_S} s after ${WARMUP_S} s of warm-up; requests/s, the worst process's p99, and the CPU share of the servers, their PostgreSQL backends and the whole machine.`,
        () => measure(postgresUrl),
      ),
    ]
  : [];
