/** Strength–duration curves: Weiss and Lapicque fits, rheobase, chronaxie and innervation. */
export * from './strength-duration.ts';
