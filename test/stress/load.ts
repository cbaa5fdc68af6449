import autocannon from 'autocannon';
import type { SeededClinic } from './seed.ts';

/**
 * Mixed reads and writes the way a clinic's patients use it: list recent sessions, open the
 * overview, read the record, and log a session (3 in 10 requests write). Each request goes to a
 * random patient with that patient's own token.
 */
export interface LoadOptions {
  url: string;
  clinic: SeededClinic;
  connections: number;
  durationS: number;
  /** Called with each second's tick (for memory sampling). */
  onTick?: () => void;
  /** Shares of each kind of request (default: the clinic mix, 3 writes in 10). */
  mix?: Partial<Record<RequestKind, number>>;
}

export type RequestKind = 'log-session' | 'list-sessions' | 'overview' | 'record' | 'me';
export const CLINIC_MIX: Record<RequestKind, number> = {
  'log-session': 0.3,
  'list-sessions': 0.35,
  overview: 0.2,
  record: 0.1,
  me: 0.05,
};

function pick(mix: Record<RequestKind, number>): RequestKind {
  const total = Object.values(mix).reduce((a, b) => a + b, 0);
  let roll = Math.random() * total;
  for (const [kind, share] of Object.entries(mix) as [RequestKind, number][]) {
    roll -= share;
    if (roll < 0) return kind;
  }
  return 'me';
}

export interface LoadFigures {
  connections: number;
  durationS: number;
  requests: number;
  requestsPerSecond: number;
  writes: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Socket errors and timeouts, and answers that were not 2xx. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCounts: Record<string, number>;
}

export interface LoadVerdict {
  ok: boolean;
  problems: string[];
}

/** The load property: every request answered, with a 2xx, in time. */
export function judgeLoad(figures: LoadFigures): LoadVerdict {
  const problems: string[] = [];
  if (figures.requests === 0) problems.push('no request was answered');
  if (figures.errors > 0) problems.push(`${figures.errors} connection errors (${figures.timeouts} timeouts)`);
  if (figures.non2xx > 0)
    problems.push(`${figures.non2xx} answers were not 2xx: ${JSON.stringify(figures.statusCounts)}`);
  return { ok: problems.length === 0, problems };
}

let counter = 0;

function sessionBody(): string {
  counter += 1;
  return JSON.stringify({
    kind: counter % 3 === 0 ? 'exercise' : 'stimulation',
    startedAt: new Date(Date.UTC(2025, 0, 1) + counter * 1000).toISOString(),
    minutes: 5 + (counter % 40),
    peakIntensityMa: counter % 3 === 0 ? null : 20 + (counter % 30),
    comfort: counter % 11,
    pain: counter % 4,
    completed: true,
    notes: `load ${counter}`,
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const { clinic } = options;
  const mix = { ...CLINIC_MIX, ...(options.mix ? { ...zeroMix(), ...options.mix } : {}) };
  let writes = 0;
  const statusCounts: Record<string, number> = {};
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationS,
        timeout: 10,
        requests: [
          {
            setupRequest: (request) => {
              const patient = clinic.patients[Math.floor(Math.random() * clinic.patients.length)] as {
                patientId: string;
                token: string;
              };
              const base = `/api/patients/${patient.patientId}`;
              const headers = {
                authorization: `Bearer ${patient.token}`,
                'content-type': 'application/json',
              };
              const kind = pick(mix);
              if (kind === 'log-session') {
                writes += 1;
                return { ...request, method: 'POST', path: `${base}/sessions`, headers, body: sessionBody() };
              }
              const path =
                kind === 'list-sessions'
                  ? `${base}/sessions?limit=20`
                  : kind === 'overview'
                    ? `${base}/overview`
                    : kind === 'record'
                      ? base
                      : '/api/me';
              return { ...request, method: 'GET', path, headers, body: undefined };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance.on('response', (_client, statusCode) => {
    statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
  });
  if (options.onTick) instance.on('tick', options.onTick);
  const result = await finished;
  return {
    connections: options.connections,
    durationS: options.durationS,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    writes,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCounts,
  };
}

/** One RSS sample of the server process. */
export interface MemorySample {
  atS: number;
  rssMb: number;
}

export interface MemoryVerdict {
  ok: boolean;
  /** Mean RSS over the first minute after warm-up and over the last minute (MB). */
  beforeMb: number;
  afterMb: number;
  growthMb: number;
  /** Least-squares slope after warm-up (MB per minute). */
  slopeMbPerMin: number;
  problems: string[];
}

/**
 * Memory is flat when, after a warm-up, the last minute's mean RSS is within `maxGrowthMb` of the
 * first minute's and the trend is under `maxSlopeMbPerMin`. A leak of a few kB per request shows
 * as tens of MB over 5 minutes at hundreds of requests per second.
 */
export function judgeMemory(
  samples: MemorySample[],
  { warmupS = 60, windowS = 60, maxGrowthMb = 40, maxSlopeMbPerMin = 8 } = {},
): MemoryVerdict {
  const settled = samples.filter((s) => s.atS >= warmupS);
  const problems: string[] = [];
  if (settled.length < 4) {
    return {
      ok: false,
      beforeMb: 0,
      afterMb: 0,
      growthMb: 0,
      slopeMbPerMin: 0,
      problems: ['too few samples'],
    };
  }
  const first = settled[0] as MemorySample;
  const last = settled[settled.length - 1] as MemorySample;
  const mean = (xs: MemorySample[]) => xs.reduce((sum, s) => sum + s.rssMb, 0) / xs.length;
  const beforeMb = mean(settled.filter((s) => s.atS < first.atS + windowS));
  const afterMb = mean(settled.filter((s) => s.atS > last.atS - windowS));
  const meanT = settled.reduce((sum, s) => sum + s.atS, 0) / settled.length;
  const meanR = mean(settled);
  let num = 0;
  let den = 0;
  for (const s of settled) {
    num += (s.atS - meanT) * (s.rssMb - meanR);
    den += (s.atS - meanT) ** 2;
  }
  const slopeMbPerMin = den > 0 ? (num / den) * 60 : 0;
  const growthMb = afterMb - beforeMb;
  if (growthMb > maxGrowthMb) problems.push(`RSS grew ${growthMb.toFixed(1)} MB (allowed ${maxGrowthMb})`);
  if (slopeMbPerMin > maxSlopeMbPerMin)
    problems.push(`RSS trends up ${slopeMbPerMin.toFixed(2)} MB/min (allowed ${maxSlopeMbPerMin})`);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    ok: problems.length === 0,
    beforeMb: round(beforeMb),
    afterMb: round(afterMb),
    growthMb: round(growthMb),
    slopeMbPerMin: Math.round(slopeMbPerMin * 100) / 100,
    problems,
  };
}

function zeroMix(): Record<RequestKind, number> {
  return { 'log-session': 0, 'list-sessions': 0, overview: 0, record: 0, me: 0 };
}
