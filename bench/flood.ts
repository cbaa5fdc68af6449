import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Benchmark, figuresBenchmark } from './harness.ts';
import { call, loadAverage, PASSWORD, seedClinic, startServer } from './server.ts';

/**
 * Finding 4 of issue 15: one patient floods POST /api/clinic/simulate-session (up to 0.6 s of CPU a
 * call) while a clinician reads a record; the flood must get 429/503 and the clinician's p99 must
 * stay ≤ 100 ms. Three processes, so that no load generator shares the server's event loop: the
 * real `myotrophy serve` (PGlite), the flood (autocannon's command line) and the clinician's reads
 * (autocannon's command line, at a steady rate like a person clicking through a record, not as fast
 * as the server answers). This process only starts them and reads their JSON. Run it alone on a
 * quiet machine: `npm run bench -- --only flood`.
 */
const TARGET_OTHER_USER_P99_MS = 100;
/** The patient's flood: as many simulations as 16 connections can ask for. */
const FLOOD = { connections: 16, seconds: 12 };
/** The clinician's reads: a few connections at a steady overall rate, during the flood's middle. */
const READS = { connections: 2, perSecond: 20, seconds: 8 };

/** A 40-minute session: the heaviest simulation the route accepts takes about 0.6 s of CPU. */
const HEAVY_SIMULATION = { frequencyHz: 50, phaseWidthUs: 400, minutes: 40, onS: 10, offS: 10 };

export interface AutocannonJson {
  requests: { total: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  statusCodeStats?: Record<string, { count: number }>;
}

const autocannonCli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/** autocannon in a process of its own; resolves with its JSON summary. */
export function autocannonProcess(args: string[]): Promise<AutocannonJson> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [autocannonCli, '--json', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(out) as AutocannonJson);
      } catch {
        reject(new Error(`autocannon exited ${code}: ${err.slice(0, 500)}`));
      }
    });
  });
}

const reads = (url: string, token: string) =>
  autocannonProcess([
    '-c',
    String(READS.connections),
    '-R',
    String(READS.perSecond),
    '-d',
    String(READS.seconds),
    '-H',
    `authorization=Bearer ${token}`,
    url,
  ]);

/** autocannon POSTing `body` as JSON with the bearer token, on `connections` for `seconds`. */
export function postJsonLoad(load: {
  url: string;
  token: string;
  body: unknown;
  connections: number;
  seconds: number;
}): Promise<AutocannonJson> {
  return autocannonProcess([
    '-c',
    String(load.connections),
    '-d',
    String(load.seconds),
    '-m',
    'POST',
    '-H',
    `authorization=Bearer ${load.token}`,
    '-H',
    'content-type=application/json',
    '-b',
    JSON.stringify(load.body),
    load.url,
  ]);
}

const flood = (url: string, token: string) =>
  postJsonLoad({
    url,
    token,
    body: HEAVY_SIMULATION,
    connections: FLOOD.connections,
    seconds: FLOOD.seconds,
  });

const latencies = (result: AutocannonJson) => ({
  requests: result.requests.total,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  maxMs: result.latency.max,
  non2xx: result.non2xx,
  errors: result.errors,
});

/** The clinic, a patient login by invitation (the flooding user), and the clinician's token. */
async function seedFloodClinic(url: string) {
  const { token, patientId } = await seedClinic(url);
  const invitation = await call(url, 'POST', '/api/invitations', token, {
    role: 'patient',
    email: 'patient@bench.test',
    name: 'Bench Patient',
    patientId,
  });
  await call(url, 'POST', '/api/invitations/accept', null, { token: invitation.token, password: PASSWORD });
  const patient = await call(url, 'POST', '/api/auth/login', null, {
    email: 'patient@bench.test',
    password: PASSWORD,
  });
  return { clinician: token, patient: patient.token as string, patientId };
}

async function measure(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'myotrophy-bench-flood-'));
  const loadBefore = loadAverage();
  const server = await startServer({ DATABASE_URL: '' }, join(dir, 'data'));
  try {
    const { clinician, patient, patientId } = await seedFloodClinic(server.url);
    const readUrl = `${server.url}/api/patients/${patientId}`;
    const quiet = await reads(readUrl, clinician);
    const flooding = flood(`${server.url}/api/clinic/simulate-session`, patient);
    // Let the flood fill the pool and reach its limits, then read through its middle.
    await new Promise((resolve) => setTimeout(resolve, ((FLOOD.seconds - READS.seconds) / 2) * 1000));
    const underFlood = await reads(readUrl, clinician);
    const floodResult = await flooding;
    const statuses = Object.fromEntries(
      Object.entries(floodResult.statusCodeStats ?? {}).map(([status, { count }]) => [status, count]),
    );
    const p99 = underFlood.latency.p99;
    return {
      database: 'pglite',
      cpus: cpus().length,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAverage(),
      otherUserAlone: latencies(quiet),
      otherUserUnderFlood: latencies(underFlood),
      flood: {
        connections: FLOOD.connections,
        seconds: FLOOD.seconds,
        requests: floodResult.requests.total,
        statuses,
        errors: floodResult.errors,
      },
      targets: { otherUserP99Ms: TARGET_OTHER_USER_P99_MS },
      met: {
        otherUserP99Ms: p99 <= TARGET_OTHER_USER_P99_MS,
        otherUserAllAnswered: underFlood.non2xx === 0 && underFlood.errors === 0,
        floodRefused: (statuses['429'] ?? 0) + (statuses['503'] ?? 0) > 0,
        floodOnly200429503: Object.keys(statuses).every((status) => ['200', '429', '503'].includes(status)),
      },
    };
  } finally {
    if (server.child.exitCode === null) await server.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${join(dir, 'data')}.lock`, { force: true });
  }
}

export const benchmarks: Benchmark[] = [
  figuresBenchmark(
    'flood: another user’s reads while one patient floods simulate-session',
    `myotrophy serve (PGlite) in its own process; autocannon in two more: ${FLOOD.connections} connections of one patient POST /api/clinic/simulate-session for ${FLOOD.seconds} s, while a clinician GETs a record at ${READS.perSecond}/s on ${READS.connections} connections for ${READS.seconds} s (and once alone, before). Target: the clinician's p99 ≤ ${TARGET_OTHER_USER_P99_MS} ms.`,
    measure,
  ),
];
