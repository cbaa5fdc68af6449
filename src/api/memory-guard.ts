import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { FastifyInstance } from 'fastify';
import { HttpProblem, problemType } from './problem.ts';

/**
 * Finding 3, memory: Node's --max-old-space-size bounds V8's heap but not PGlite's WebAssembly
 * memory, so the server watches the process itself. Above a ceiling, writes are refused with 503
 * "storage unavailable" (the same problem type as a full disk) before they allocate anything, reads
 * go on, and health says "degraded"; once memory is back below, everything is served again.
 *
 * Two ceilings: the process's resident memory (RSS: V8's heap, Buffers, and PGlite's WebAssembly
 * memory, all in this process) against a configured ceiling, and V8's used heap against a share of
 * V8's own heap limit, past which V8 collects ever more often and then aborts the process.
 */
export interface MemoryCeiling {
  /** Resident memory above which writes are refused (MYOTROPHY_MEMORY_CEILING_MB). */
  rssBytes: number;
  /** V8 heap in use above which writes are refused. */
  heapUsedBytes: number;
}

export interface MemorySample {
  rssBytes: number;
  heapUsedBytes: number;
  /** PGlite's WebAssembly memory, when the database is PGlite (counted in rssBytes too). */
  wasmBytes?: number;
}

export interface MemoryPressure {
  sample: MemorySample;
  ceiling: MemoryCeiling;
  /** Which ceiling is passed: resident memory, V8's heap, or both. */
  over: ('rss' | 'heap')[];
}

/**
 * Share of the memory the process may have (the machine's, or its cgroup's limit) allowed before
 * writes stop: Myotrophy's choice, leaving room for the operating system and the page cache.
 */
export const DEFAULT_RSS_CEILING_FRACTION = 0.9;
/**
 * Share of V8's heap_size_limit: the limit counts the young generation's semispaces as well as the
 * old space, and V8 spends ever longer collecting as the old space fills, so the ceiling sits well
 * below it (Myotrophy's choice; with --max-old-space-size=128, the limit is 176 MiB and the
 * ceiling 123 MiB).
 */
export const HEAP_CEILING_FRACTION = 0.7;
/** A client should wait this long before retrying a write refused for memory. */
export const MEMORY_RETRY_AFTER_S = 30;

const MIB = 1024 * 1024;

/** The memory the process may use: the machine's, or less when a cgroup limits it. */
function memoryAvailableBytes(): number {
  const machine = totalmem();
  // Node 20: undefined or 0 without a limit; some kernels report 2^64 for "no limit".
  const constrained = process.constrainedMemory?.() ?? 0;
  return constrained > 0 && constrained < machine ? constrained : machine;
}

/**
 * The ceiling from `rssCeilingMb` (MYOTROPHY_MEMORY_CEILING_MB), else 90 % of the memory the process
 * may use; the heap ceiling follows V8's limit (set by --max-old-space-size).
 */
export function memoryCeiling(rssCeilingMb?: number): MemoryCeiling {
  return {
    rssBytes:
      rssCeilingMb !== undefined
        ? rssCeilingMb * MIB
        : Math.floor(DEFAULT_RSS_CEILING_FRACTION * memoryAvailableBytes()),
    heapUsedBytes: Math.floor(HEAP_CEILING_FRACTION * getHeapStatistics().heap_size_limit),
  };
}

/** MYOTROPHY_MEMORY_CEILING_MB: a whole number of MiB of resident memory, at least 64; absent for the default. */
export function memoryCeilingMbFromSetting(setting: string | undefined): number | undefined {
  if (setting === undefined || setting.trim() === '') return undefined;
  const value = Number(setting.trim());
  if (!Number.isInteger(value) || value < 64) {
    throw new Error(
      `MYOTROPHY_MEMORY_CEILING_MB must be a whole number of MiB, at least 64 (got '${setting}'); unset, it is 90 % of this machine's memory`,
    );
  }
  return value;
}

export interface MemoryGuard {
  /** The ceilings passed now, with the figures; undefined when memory is below both. */
  pressure(): MemoryPressure | undefined;
}

/**
 * Reading the resident memory costs a read of /proc (about 35–50 µs on the 2-core development
 * machine), several percent of a core at the session-logging rate, so a sample serves the requests
 * of the next 100 ms.
 */
export const MEMORY_SAMPLE_INTERVAL_MS = 100;

export function createMemoryGuard(
  ceiling: MemoryCeiling,
  wasmBytes: () => number | undefined = () => undefined,
  sampleIntervalMs = MEMORY_SAMPLE_INTERVAL_MS,
): MemoryGuard {
  let last: { takenAtMs: number; pressure: MemoryPressure | undefined } | undefined;
  const measure = (): MemoryPressure | undefined => {
    const { rss, heapUsed } = process.memoryUsage();
    const wasm = wasmBytes();
    const sample: MemorySample = {
      rssBytes: rss,
      heapUsedBytes: heapUsed,
      ...(wasm !== undefined ? { wasmBytes: wasm } : {}),
    };
    const over: MemoryPressure['over'] = [];
    if (rss > ceiling.rssBytes) over.push('rss');
    if (heapUsed > ceiling.heapUsedBytes) over.push('heap');
    return over.length > 0 ? { sample, ceiling, over } : undefined;
  };
  return {
    pressure: () => {
      const nowMs = performance.now();
      if (!last || nowMs - last.takenAtMs >= sampleIntervalMs)
        last = { takenAtMs: nowMs, pressure: measure() };
      return last.pressure;
    },
  };
}

const mib = (bytes: number) => Math.round(bytes / MIB);

/** In words, for the 503 and for health: what is above which ceiling. */
export function memoryPressureDetail(pressure: MemoryPressure): string {
  const parts = pressure.over.map((which) =>
    which === 'rss'
      ? `${mib(pressure.sample.rssBytes)} MiB resident, ceiling ${mib(pressure.ceiling.rssBytes)} MiB`
      : `${mib(pressure.sample.heapUsedBytes)} MiB of JavaScript heap, ceiling ${mib(pressure.ceiling.heapUsedBytes)} MiB`,
  );
  return `the server is short of memory (${parts.join('; ')})`;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses every write while memory is above a ceiling, at `onRequest`: before the body is parsed,
 * the session looked up or the database touched, so a refused write allocates next to nothing.
 */
export function installMemoryGuard(app: FastifyInstance, guard: MemoryGuard): void {
  app.addHook('onRequest', async (request) => {
    if (READ_METHODS.has(request.method)) return;
    const pressure = guard.pressure();
    if (!pressure) return;
    throw new HttpProblem(
      503,
      `storage unavailable: ${memoryPressureDetail(pressure)}; nothing was written, try again later`,
      { type: problemType('storage-unavailable'), retryAfterS: MEMORY_RETRY_AFTER_S },
    );
  });
}
