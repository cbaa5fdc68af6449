/**
 * Seeded pseudo-random numbers (mulberry32), for synthetic recordings in tests and benchmarks and
 * for the demo's synthetic patients: the same seed gives the same numbers on every machine.
 * Never for anything that must be unpredictable.
 */

/** Uniform numbers in [0, 1). */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Standard normal numbers by the Box–Muller transform (1 − u keeps the logarithm finite). */
export function seededGaussian(seed: number): () => number {
  const uniform = seededUniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
