import {
  fitStrengthDuration,
  type StrengthDurationPoint,
} from '../src/physiology/strength-duration/strength-duration.ts';
import type { Benchmark } from './harness.ts';

/** A 10-point clinical sweep (0.01–300 ms) of a normal nerve curve, rheobase 6 mA, chronaxie 0.3 ms, with ±3 % scatter. */
function sweep(): StrengthDurationPoint[] {
  const widths = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300];
  const scatter = [0.02, -0.03, 0.01, 0.03, -0.01, 0.02, 0.004, 0.002, -0.001, -0.003];
  return widths.map((d, i) => ({
    widthMs: d,
    thresholdMa: 6 * (1 + 0.3 / d) * (1 + (scatter[i] as number)),
  }));
}

export const benchmarks: Benchmark[] = [
  {
    name: 'sd-fit 10 points',
    description:
      'One strength–duration fit of a 10-point curve: Weiss and Lapicque fits with standard errors, and the kink search (two-segment fits).',
    targetMs: 1,
    runs: 200,
    setup() {
      const points = sweep();
      return () => fitStrengthDuration(points);
    },
  },
];
