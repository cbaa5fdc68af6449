import { spawnSync } from 'node:child_process';
import { packageFile } from '../../src/cli/package-files.ts';
import type { ForceModel } from '../../src/physiology/force/model.ts';
import type { PulseTrain } from '../../src/physiology/force/pulse-train.ts';

/** Timed runs of the scipy reference (after one untimed run): its runs take about a second each. */
const SCIPY_RUNS = 5;

export type ScipyReference =
  | { medianMs: number; cpuMedianMs: number; runs: number; largestPeakDifference: number }
  | { unavailable: string };

/**
 * Times the same force simulation in scipy (ding2003_scipy.py beside this file, run by python3),
 * in this benchmark run so that both figures come from one machine under one load. Also returns the
 * largest relative difference between its contraction peaks and `ourPeaksN`, which shows the two
 * solve the same problem. Without python3 or scipy, says so instead.
 */
export function measureScipyReference(
  model: ForceModel,
  train: PulseTrain,
  endS: number,
  contractionStartsS: readonly number[],
  ourPeaksN: readonly number[],
): ScipyReference {
  if (!model.fatigue || model.pulseWidth || model.pulseAmplitude) {
    return { unavailable: 'the scipy reference solves Ding 2003 with fatigue only' };
  }
  const request = {
    parameters: { ...model.base, ...model.fatigue },
    pulsesS: [...train.timesS],
    endS,
    contractionStartsS: [...contractionStartsS],
    runs: SCIPY_RUNS,
  };
  const run = spawnSync('python3', [packageFile('bench/reference/ding2003_scipy.py')], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (run.error || run.status !== 0) {
    const why = run.error?.message ?? run.stderr.trim().split('\n').pop() ?? `exit ${run.status}`;
    return { unavailable: `python3 with scipy did not run: ${why}` };
  }
  const answer = JSON.parse(run.stdout) as {
    medianMs: number;
    cpuMedianMs: number;
    runs: number;
    peaksN: number[];
  };
  let largestPeakDifference = 0;
  answer.peaksN.forEach((peak, i) => {
    const ours = ourPeaksN[i] as number;
    largestPeakDifference = Math.max(largestPeakDifference, Math.abs(peak - ours) / Math.abs(ours));
  });
  return {
    medianMs: answer.medianMs,
    cpuMedianMs: answer.cpuMedianMs,
    runs: answer.runs,
    largestPeakDifference,
  };
}
