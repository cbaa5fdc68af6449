import type { Benchmark } from './harness.ts';

/**
 * The benchmark suite, one module per part of Myotrophy. Each module exports `benchmarks`.
 * Loaded lazily so `myotrophy bench --only NAME` pays only for what it runs.
 */
export const benchmarkModules: Record<string, () => Promise<Benchmark[]>> = {
  force: async () => (await import('./force.ts')).benchmarks,
  cli: async () => (await import('./cli.ts')).benchmarks,
  'strength-duration': async () => (await import('./strength-duration.ts')).benchmarks,
  trajectory: async () => (await import('./trajectory.ts')).benchmarks,
  identification: async () => (await import('./identification.ts')).benchmarks,
  recordings: async () => (await import('./recordings.ts')).benchmarks,
  clinic: async () => (await import('./clinic.ts')).benchmarks,
  server: async () => (await import('./server.ts')).benchmarks,
  flood: async () => (await import('./flood.ts')).benchmarks,
  scaling: async () => (await import('./scaling.ts')).benchmarks,
  storage: async () => (await import('./storage.ts')).benchmarks,
  records: async () => (await import('./records.ts')).benchmarks,
  export: async () => (await import('./export.ts')).benchmarks,
  device: async () => (await import('./device.ts')).benchmarks,
  web: async () => (await import('./web.ts')).benchmarks,
};
