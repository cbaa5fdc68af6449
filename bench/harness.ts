/**
 * A benchmark runs a piece of work repeatedly and reports the median and spread of its wall time.
 * Targets live beside each benchmark so the JSON says whether it was met; nothing here asserts.
 */
export interface Benchmark {
  name: string;
  /** What one run does, in words. */
  description: string;
  /** Target median in milliseconds, from the issue that set it. */
  targetMs?: number;
  /** Runs of the work; more for fast work. */
  runs?: number;
  /** Prepares inputs outside the timed region, then returns the timed work. */
  setup(): (() => unknown) | Promise<() => unknown>;
  /** Extra figures derived from the median, e.g. time per simulated pulse. */
  derived?(medianMs: number): Record<string, unknown>;
  /**
   * Work to compare with: timed in turn with each run of the benchmark's own work, so that the
   * ratio of the two medians holds on a busy machine. The result adds its median and the ratio.
   */
  baseline?: { description: string; work: () => unknown };
  /** Target for the ratio of the median to the baseline's median, from the issue that set it. */
  targetRatioToBaseline?: number;
}

/**
 * A benchmark whose figures come from one measurement (a server under load, say) rather than from
 * timing a piece of work: `measure` runs once at setup, the timed work is a no-op, and the figures
 * are the result's extra fields.
 */
export function figuresBenchmark(
  name: string,
  description: string,
  measure: () => Promise<Record<string, unknown>>,
): Benchmark {
  let figures: Record<string, unknown> = {};
  return {
    name,
    description: `${description} The timed work is a no-op: the figures are in the extra fields.`,
    runs: 1,
    setup: async () => {
      figures = await measure();
      return () => figures;
    },
    derived: () => figures as Record<string, never>,
  };
}

export interface BenchmarkResult {
  name: string;
  description: string;
  runs: number;
  medianMs: number;
  p10Ms: number;
  p90Ms: number;
  targetMs?: number;
  /** target / median: above 1 means the target is met with that much room. */
  targetRatio?: number;
  /** The baseline's description, its median, and median / the baseline's median. */
  baseline?: string;
  baselineMedianMs?: number;
  ratioToBaseline?: number;
  targetRatioToBaseline?: number;
  metTarget?: boolean;
  [extra: string]: unknown;
}

function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] ?? 0;
  const b = sorted[high] ?? a;
  return a + (b - a) * (position - low);
}

function elapsedMs(work: () => unknown): { ms: number; result: unknown } {
  const start = process.hrtime.bigint();
  const result = work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

/** Least time spent warming each benchmark up, and most runs spent on it. */
const WARM_UP_MS = 500;
const MAX_WARM_UP_RUNS = 200;

export async function runBenchmark(benchmark: Benchmark): Promise<BenchmarkResult> {
  const work = await benchmark.setup();
  const baseline = benchmark.baseline?.work;
  const runs = benchmark.runs ?? 30;
  const warmup = Math.max(3, Math.ceil(runs / 5));
  let sink: unknown;
  // Warm: at least `warmup` runs and WARM_UP_MS of them, so that work of a few milliseconds is timed
  // after the JIT has compiled it (the first ten runs of the 120-s simulation take up to 15× longer).
  const warmUntil = process.hrtime.bigint() + BigInt(WARM_UP_MS * 1e6);
  for (let i = 0; i < warmup || (i < MAX_WARM_UP_RUNS && process.hrtime.bigint() < warmUntil); i += 1) {
    baseline?.();
    sink = work();
  }
  const times: number[] = [];
  const baselineTimes: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    if (baseline) baselineTimes.push(elapsedMs(baseline).ms);
    const run = elapsedMs(work);
    sink = run.result;
    times.push(run.ms);
  }
  if (sink === Symbol.for('never')) process.stdout.write('');
  times.sort((a, b) => a - b);
  const medianMs = quantile(times, 0.5);
  const result: BenchmarkResult = {
    name: benchmark.name,
    description: benchmark.description,
    runs,
    medianMs: round(medianMs),
    p10Ms: round(quantile(times, 0.1)),
    p90Ms: round(quantile(times, 0.9)),
    ...(benchmark.derived ? benchmark.derived(medianMs) : {}),
  };
  if (benchmark.targetMs !== undefined) {
    result.targetMs = benchmark.targetMs;
    result.targetRatio = round(benchmark.targetMs / medianMs);
    result.metTarget = medianMs <= benchmark.targetMs;
  }
  if (benchmark.baseline) {
    const baselineMedianMs = quantile(
      baselineTimes.sort((a, b) => a - b),
      0.5,
    );
    result.baseline = benchmark.baseline.description;
    result.baselineMedianMs = round(baselineMedianMs);
    result.ratioToBaseline = round(medianMs / baselineMedianMs);
    if (benchmark.targetRatioToBaseline !== undefined) {
      result.targetRatioToBaseline = benchmark.targetRatioToBaseline;
      result.metTarget =
        (result.metTarget ?? true) && medianMs / baselineMedianMs <= benchmark.targetRatioToBaseline;
    }
  }
  return result;
}

function round(value: number): number {
  return Number(value.toPrecision(4));
}
