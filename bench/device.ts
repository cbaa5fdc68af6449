import { loadavg } from 'node:os';
import { type PerformanceEntry, PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { type Clock, DEFAULT_SPIN_MS, realClock, SPIN_TAIL_MS, spinningClock } from '../src/device/clock.ts';
import { clearedShortProgramme } from '../src/device/demo-session.ts';
import { createVirtualStimulator, type Protocol } from '../src/device/emulator/virtual-stimulator.ts';
import { encodeSm2 } from '../src/device/sciencemode2/codec.ts';
import { encodeSm4 } from '../src/device/sciencemode4/codec.ts';
import { SessionController } from '../src/device/session/controller.ts';
import { linkedTransports } from '../src/device/transport.ts';
import type { Benchmark } from './harness.ts';

/**
 * The stimulator driver. Targets from issue 21: encoding one update ≤ 5 µs (median); a 40 Hz update
 * loop against the virtual stimulator with jitter p99 ≤ 1 ms. Encoding includes every range check
 * and the output-limit checks. Each timed run encodes ENCODES_PER_RUN updates, so the target for a
 * run is 5 µs × ENCODES_PER_RUN.
 */
const TARGET_ENCODE_US = 5;
const TARGET_JITTER_P99_MS = 1;
const ENCODES_PER_RUN = 1000;
const LOOP_PERIOD_MS = 25;
const LOOP_SECONDS = 10;

const sm4Update = {
  command: 'mlUpdate' as const,
  packetNumber: 12,
  channels: [1, 2].map((channel) => ({
    channel,
    rampPulses: 0,
    periodMs: 25,
    points: [
      { durationUs: 300, currentMa: 40 },
      { durationUs: 100, currentMa: 0 },
      { durationUs: 300, currentMa: -40 },
    ],
  })),
};
const sm2Update = {
  command: 'startChannelListMode' as const,
  packetNumber: 12,
  channels: [
    { mode: 'single' as const, pulseWidthUs: 300, currentMa: 40 },
    { mode: 'single' as const, pulseWidthUs: 300, currentMa: 40 },
  ],
};

function encodeBenchmark(protocol: Protocol): Benchmark {
  const encode = protocol === 'sciencemode4' ? () => encodeSm4(sm4Update) : () => encodeSm2(sm2Update);
  return {
    name: `device: encode one ${protocol} update (× ${ENCODES_PER_RUN})`,
    description: `${ENCODES_PER_RUN} encodings of a two-channel ${protocol === 'sciencemode4' ? 'Ml_update (3 points each)' : 'StartChannelListMode'} with range and output-limit checks`,
    runs: 200,
    targetMs: (TARGET_ENCODE_US * ENCODES_PER_RUN) / 1000,
    setup: () => () => {
      let last: Uint8Array | null = null;
      for (let i = 0; i < ENCODES_PER_RUN; i += 1) last = encode();
      return last;
    },
    derived: (medianMs) => ({
      medianUsPerEncode: Number(((medianMs * 1000) / ENCODES_PER_RUN).toPrecision(4)),
      targetUsPerEncode: TARGET_ENCODE_US,
    }),
  };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** A garbage collection seen during the loop: when it began (performance.now(), ms), how long it paused (ms), minor or major. */
interface GcPause {
  startMs: number;
  durationMs: number;
  kind: 'minor' | 'major' | 'other';
}

function gcKind(entry: PerformanceEntry): GcPause['kind'] {
  const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
  if (kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) return 'minor';
  if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) return 'major';
  return 'other';
}

/** A tick more than this late or early (ms) counts as late when the GC pauses are set against the jitter. */
const LATE_TICK_MS = 0.5;

async function loopJitter(protocol: Protocol, clock: Clock): Promise<Record<string, unknown>> {
  const [host, device] = linkedTransports();
  const emulator = createVirtualStimulator(protocol, device, realClock);
  // Preallocated, so the measurement adds no array growth of its own to the loop's heap.
  const capacity = Math.ceil((LOOP_SECONDS * 1000) / LOOP_PERIOD_MS) + 100;
  const tickAt = new Float64Array(capacity);
  const heapAt = new Float64Array(capacity);
  let ticks = 0;
  const gcPauses: GcPause[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      gcPauses.push({ startMs: e.startTime, durationMs: e.duration, kind: gcKind(e) });
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const controller = new SessionController({
    cleared: clearedShortProgramme(),
    protocol,
    transport: host,
    clock,
    intensityMa: 30,
    updatePeriodMs: LOOP_PERIOD_MS,
    onTick: (now) => {
      if (ticks >= capacity) return;
      tickAt[ticks] = now;
      heapAt[ticks] = process.memoryUsage().heapUsed;
      ticks += 1;
    },
  });
  const playing = controller.play();
  emulator.start();
  await new Promise((r) => setTimeout(r, LOOP_SECONDS * 1000));
  controller.emergencyStop();
  const summary = await playing;
  emulator.shutdown();
  // The observer reports asynchronously: one turn of the event loop delivers the last entries.
  await new Promise((r) => setImmediate(r));
  gcObserver.disconnect();
  const at = Array.from(tickAt.subarray(0, ticks));
  const intervals = at.slice(2).map((t, i) => ({ from: at[i + 1] as number, to: t }));
  const jitterOf = (i: { from: number; to: number }) => Math.abs(i.to - i.from - LOOP_PERIOD_MS);
  const jitter = intervals.map(jitterOf).sort((a, b) => a - b);
  const p99 = quantile(jitter, 0.99);
  const loopStart = at[0] ?? 0;
  const loopEnd = at.at(-1) ?? 0;
  const inLoop = gcPauses.filter((g) => g.startMs >= loopStart && g.startMs <= loopEnd);
  const late = intervals.filter((i) => jitterOf(i) > LATE_TICK_MS);
  const lateWithGc = late.filter((i) =>
    inLoop.some((g) => g.startMs < i.to && g.startMs + g.durationMs > i.from),
  );
  // Heap growth between ticks with no collection between them: what one update period allocates
  // (the controller, the link, the codec and the in-process emulator, plus one reading of the heap).
  const growth = Array.from(heapAt.subarray(0, ticks))
    .slice(1)
    .map((h, i) => h - (heapAt[i] as number))
    .filter((d) => d >= 0)
    .sort((a, b) => a - b);
  return {
    ticks,
    jitterP50Ms: Number(quantile(jitter, 0.5).toFixed(3)),
    jitterP99Ms: Number(p99.toFixed(3)),
    jitterMaxMs: Number((jitter.at(-1) ?? 0).toFixed(3)),
    targetJitterP99Ms: TARGET_JITTER_P99_MS,
    metJitterTarget: p99 <= TARGET_JITTER_P99_MS,
    faults: summary.faults.length,
    gcPausesDuringLoop: inLoop.length,
    gcMinorPauses: inLoop.filter((g) => g.kind === 'minor').length,
    gcMajorPauses: inLoop.filter((g) => g.kind === 'major').length,
    gcPauseTotalMs: Number(inLoop.reduce((t, g) => t + g.durationMs, 0).toFixed(3)),
    gcPauseMaxMs: Number(Math.max(0, ...inLoop.map((g) => g.durationMs)).toFixed(3)),
    ticksLateOverHalfMs: late.length,
    ticksLateOverHalfMsWithGcPause: lateWithGc.length,
    heapGrowthPerTickBytesP50: quantile(growth, 0.5),
    heapGrowthPerTickBytesP90: quantile(growth, 0.9),
    // Timer jitter depends on what else the machine runs: the 1-minute load average at the end.
    loadAverage1Min: Number((loadavg()[0] ?? 0).toFixed(2)),
    pulsesDelivered: emulator.pulses().reduce((n, t) => n + t.count, 0),
  };
}

/**
 * The loop on the spinning clock (a coarse timer DEFAULT_SPIN_MS early, the thread blocked to
 * SPIN_TAIL_MS before the deadline, then a busy wait; what `myotrophy stimulate` uses) and, for
 * comparison, on plain timers. Besides the jitter, each reports the garbage collections seen during
 * the loop (how many, their pauses, how many late ticks had one in their interval) and the heap one
 * update period allocates, which need no quiet machine to read.
 */
function loopBenchmark(protocol: Protocol, timers: 'spinning' | 'plain'): Benchmark {
  let figures: Record<string, unknown> = {};
  const clock = timers === 'spinning' ? spinningClock(realClock) : realClock;
  const how =
    timers === 'spinning'
      ? `timers that wake ${DEFAULT_SPIN_MS} ms early, block the thread and spin the last ${SPIN_TAIL_MS} ms to the deadline`
      : 'plain timers (setTimeout)';
  return {
    name: `device: ${1000 / LOOP_PERIOD_MS} Hz update loop against the virtual ${protocol} stimulator, ${timers} timers`,
    description: `The session controller plays the short test programme for ${LOOP_SECONDS} s with a ${LOOP_PERIOD_MS} ms update period against the in-process emulator, on ${how}; jitter = |interval between update ticks − ${LOOP_PERIOD_MS} ms|. The timed work is a no-op: the figures are in the extra fields.`,
    runs: 1,
    setup: async () => {
      figures = await loopJitter(protocol, clock);
      return () => figures;
    },
    derived: () => figures as Record<string, never>,
  };
}

export const benchmarks: Benchmark[] = [
  encodeBenchmark('sciencemode4'),
  encodeBenchmark('sciencemode2'),
  loopBenchmark('sciencemode4', 'spinning'),
  loopBenchmark('sciencemode2', 'spinning'),
  loopBenchmark('sciencemode4', 'plain'),
];
