/**
 * `npm run test:stress`: the long reliability suites against real server processes, ending with
 * one JSON summary on stdout (progress goes to stderr). Exit code 1 when any property fails.
 *
 *   crash  2,000 concurrent session logs, SIGKILL after 1,000 acknowledgements, restart, compare
 *          (PGlite, and PostgreSQL when TEST_DATABASE_URL is set)
 *   load   200 concurrent clients, 60 s of mixed reads and writes: errors, p50/p99
 *   soak   5 minutes of load while sampling the server's RSS every 5 s: memory flat
 *
 * Overrides for a shorter run: MYOTROPHY_STRESS_WRITES, MYOTROPHY_LOAD_CONNECTIONS,
 * MYOTROPHY_LOAD_SECONDS, MYOTROPHY_SOAK_CONNECTIONS, MYOTROPHY_SOAK_SECONDS, MYOTROPHY_STRESS_ONLY
 * (a comma-separated subset of crash, load, soak).
 */
import { cpus, totalmem } from 'node:os';
import { type CrashTrialResult, runCrashTrial } from './crash.ts';
import {
  judgeLoad,
  judgeMemory,
  type LoadFigures,
  type LoadVerdict,
  type MemorySample,
  type MemoryVerdict,
  runLoad,
} from './load.ts';
import { pgliteDatabase, postgresDatabase, type StressDatabase, seedClinic, serverSpecOn } from './seed.ts';
import { residentMb, startServer, stopServer } from './server-process.ts';

const env = process.env;
const number = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const WRITES = number('MYOTROPHY_STRESS_WRITES', 2000);
const LOAD_CONNECTIONS = number('MYOTROPHY_LOAD_CONNECTIONS', 200);
const LOAD_SECONDS = number('MYOTROPHY_LOAD_SECONDS', 60);
const SOAK_CONNECTIONS = number('MYOTROPHY_SOAK_CONNECTIONS', 50);
const SOAK_SECONDS = number('MYOTROPHY_SOAK_SECONDS', 300);
const PATIENTS = 50;
const ONLY = new Set((env.MYOTROPHY_STRESS_ONLY ?? 'crash,load,soak').split(','));
const postgresUrl = env.TEST_DATABASE_URL;

const log = (message: string) => process.stderr.write(`[stress] ${message}\n`);

function databases(label: string): StressDatabase[] {
  return [pgliteDatabase(label), ...(postgresUrl ? [postgresDatabase(postgresUrl, label)] : [])];
}

async function crash(): Promise<CrashTrialResult[]> {
  const results: CrashTrialResult[] = [];
  const kinds: ('pglite' | 'postgres')[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];
  for (const database of kinds) {
    log(`crash on ${database}: ${WRITES} writes, SIGKILL after ${WRITES / 2} acknowledgements`);
    const result = await runCrashTrial({
      database,
      writes: WRITES,
      killAfterAcks: WRITES / 2,
      concurrency: 64,
      ...(postgresUrl ? { databaseUrl: postgresUrl } : {}),
    });
    log(
      `crash on ${database}: ${result.acknowledged} acknowledged, ${result.present} present, ${result.lost.length} lost, ${result.halfWritten.length} half-written`,
    );
    results.push({ ...result, lost: result.lost.slice(0, 20), halfWritten: result.halfWritten.slice(0, 20) });
  }
  return results;
}

async function load(): Promise<(LoadFigures & LoadVerdict & { database: string })[]> {
  const results = [];
  for (const target of databases('load')) {
    try {
      const clinic = await seedClinic(target, PATIENTS);
      const server = await startServer(serverSpecOn(target));
      log(`load on ${target.kind}: ${LOAD_CONNECTIONS} clients for ${LOAD_SECONDS} s`);
      try {
        const figures = await runLoad({
          url: server.url,
          clinic,
          connections: LOAD_CONNECTIONS,
          durationS: LOAD_SECONDS,
        });
        const verdict = judgeLoad(figures);
        log(
          `load on ${target.kind}: ${figures.requests} requests (${figures.requestsPerSecond}/s), p50 ${figures.latencyMs.p50} ms, p99 ${figures.latencyMs.p99} ms, ${figures.errors + figures.non2xx} errors`,
        );
        results.push({ database: target.kind, ...figures, ...verdict });
      } finally {
        await stopServer(server);
      }
    } finally {
      await target.drop();
    }
  }
  return results;
}

async function soak(): Promise<
  MemoryVerdict & { database: string; samples: MemorySample[]; load: LoadFigures }
> {
  const target = databases('soak')[0] as StressDatabase;
  const clinic = await seedClinic(target, PATIENTS);
  const server = await startServer(serverSpecOn(target));
  log(`soak on ${target.kind}: ${SOAK_CONNECTIONS} clients for ${SOAK_SECONDS} s, RSS every 5 s`);
  const samples: MemorySample[] = [];
  const started = performance.now();
  const sample = () =>
    samples.push({
      atS: Math.round((performance.now() - started) / 1000),
      rssMb: Math.round(residentMb(server.pid) * 10) / 10,
    });
  sample();
  const timer = setInterval(sample, 5000);
  try {
    const figures = await runLoad({
      url: server.url,
      clinic,
      connections: SOAK_CONNECTIONS,
      durationS: SOAK_SECONDS,
    });
    sample();
    const warmupS = Math.min(60, SOAK_SECONDS / 5);
    const verdict = judgeMemory(samples, { warmupS, windowS: Math.min(60, SOAK_SECONDS / 5) });
    const loadVerdict = judgeLoad(figures);
    log(
      `soak: RSS ${verdict.beforeMb} → ${verdict.afterMb} MB (${verdict.slopeMbPerMin} MB/min) over ${figures.requests} requests`,
    );
    return {
      database: target.kind,
      ...verdict,
      ok: verdict.ok && loadVerdict.ok,
      problems: [...verdict.problems, ...loadVerdict.problems],
      samples,
      load: figures,
    };
  } finally {
    clearInterval(timer);
    await stopServer(server);
    await target.drop();
  }
}

const summary: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
};
let ok = true;
try {
  if (ONLY.has('crash')) {
    const results = await crash();
    summary.crash = results;
    ok &&= results.every((r) => r.ok);
  }
  if (ONLY.has('load')) {
    const results = await load();
    summary.load = results;
    ok &&= results.every((r) => r.ok);
  }
  if (ONLY.has('soak')) {
    const result = await soak();
    summary.soak = result;
    ok &&= result.ok;
  }
} catch (error) {
  ok = false;
  summary.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
}
summary.finishedAt = new Date().toISOString();
summary.ok = ok;
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
process.exitCode = ok ? 0 : 1;
