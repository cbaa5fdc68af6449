import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  createMemoryGuard,
  memoryCeiling,
  memoryCeilingMbFromSetting,
  memoryPressureDetail,
} from './memory-guard.ts';
import { databaseProblem } from './problem.ts';

const MIB = 1024 * 1024;
const HUGE = Number.MAX_SAFE_INTEGER;

describe('memory ceiling', () => {
  it('takes the configured resident ceiling in MiB, and 70 % of V8’s heap limit for the heap', () => {
    const ceiling = memoryCeiling(512);
    expect(ceiling.rssBytes).toBe(512 * MIB);
    expect(ceiling.heapUsedBytes).toBe(Math.floor(0.7 * getHeapStatistics().heap_size_limit));
  });

  it('defaults to 90 % of the memory the process may use', () => {
    const { rssBytes } = memoryCeiling();
    expect(rssBytes).toBeLessThanOrEqual(Math.floor(0.9 * totalmem()));
    const constrained = process.constrainedMemory?.() ?? 0;
    if (!(constrained > 0 && constrained < totalmem())) expect(rssBytes).toBe(Math.floor(0.9 * totalmem()));
  });

  it('reads MYOTROPHY_MEMORY_CEILING_MB, refusing what is not a whole number of MiB ≥ 64', () => {
    expect(memoryCeilingMbFromSetting(undefined)).toBeUndefined();
    expect(memoryCeilingMbFromSetting(' ')).toBeUndefined();
    expect(memoryCeilingMbFromSetting('1536')).toBe(1536);
    for (const bad of ['12', '1.5', '2GB', '-100']) {
      expect(() => memoryCeilingMbFromSetting(bad)).toThrow(
        `MYOTROPHY_MEMORY_CEILING_MB must be a whole number of MiB, at least 64 (got '${bad}')`,
      );
    }
  });
});

describe('memory guard', () => {
  it('reports which ceiling the process’s real memory passes, with the figures', () => {
    const overResident = createMemoryGuard({ rssBytes: MIB, heapUsedBytes: HUGE }, () => 40 * MIB, 0);
    const pressure = overResident.pressure();
    expect(pressure?.over).toEqual(['rss']);
    expect(pressure?.sample.rssBytes).toBeGreaterThan(MIB);
    expect(pressure?.sample.wasmBytes).toBe(40 * MIB);
    expect(createMemoryGuard({ rssBytes: HUGE, heapUsedBytes: MIB }, undefined, 0).pressure()?.over).toEqual([
      'heap',
    ]);
    expect(
      createMemoryGuard({ rssBytes: HUGE, heapUsedBytes: HUGE }, undefined, 0).pressure(),
    ).toBeUndefined();
  });

  it('serves one sample for the requests of the next interval, then measures again', async () => {
    const ceiling = { rssBytes: HUGE, heapUsedBytes: HUGE };
    const wasm = [10 * MIB, 20 * MIB, 30 * MIB];
    const guard = createMemoryGuard(ceiling, () => wasm.shift(), 20);
    const lowCeilingGuard = createMemoryGuard({ rssBytes: MIB, heapUsedBytes: HUGE }, () => wasm.shift(), 20);
    expect(guard.pressure()).toBeUndefined();
    expect(lowCeilingGuard.pressure()?.sample.wasmBytes).toBe(20 * MIB);
    expect(lowCeilingGuard.pressure()?.sample.wasmBytes).toBe(20 * MIB);
    await new Promise((resolve) => setTimeout(resolve, 25));
    expect(lowCeilingGuard.pressure()?.sample.wasmBytes).toBe(30 * MIB);
  });

  it('says in words what is above which ceiling', () => {
    expect(
      memoryPressureDetail({
        sample: { rssBytes: 700 * MIB, heapUsedBytes: 130 * MIB },
        ceiling: { rssBytes: 600 * MIB, heapUsedBytes: 123 * MIB },
        over: ['rss', 'heap'],
      }),
    ).toBe(
      'the server is short of memory (700 MiB resident, ceiling 600 MiB; 130 MiB of JavaScript heap, ceiling 123 MiB)',
    );
  });
});

describe('out-of-memory errors are answered 503, never 500', () => {
  const storageUnavailable = {
    status: 503,
    type: 'urn:myotrophy:problem:storage-unavailable',
    retryAfterS: 30,
    storageFailure: 'out-of-memory',
  };

  it('maps PGlite’s WebAssembly aborts and failed allocations like SQLSTATE 53200', () => {
    const abort = new Error('Aborted(Cannot enlarge memory arrays to size 2147549184 bytes (OOM).)');
    abort.name = 'RuntimeError';
    expect(databaseProblem(abort)).toMatchObject(storageUnavailable);
    expect(
      databaseProblem(new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded')),
    ).toMatchObject(storageUnavailable);
    expect(databaseProblem(new RangeError('Array buffer allocation failed'))).toMatchObject(
      storageUnavailable,
    );
    expect(databaseProblem({ code: '53200', severity: 'ERROR' })).toMatchObject(storageUnavailable);
    expect(databaseProblem({ code: '53100', severity: 'ERROR' })).toMatchObject({
      status: 503,
      storageFailure: 'disk-full',
    });
  });

  it('leaves other range errors alone', () => {
    expect(databaseProblem(new RangeError('Invalid time value'))).toBeUndefined();
    expect(databaseProblem(new Error('out of memory'))).toBeUndefined();
  });
});
