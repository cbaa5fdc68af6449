import { FORCE_MODELS } from '../src/physiology/force/model.ts';
import { buildProgrammeTrain, type ProgrammeDescription } from '../src/physiology/force/programme-train.ts';
import { simulateForce } from '../src/physiology/force/simulate.ts';
import { medianInPlace } from '../src/physiology/numerics/median.ts';
import type { Benchmark } from './harness.ts';
import { measureScipyReference } from './reference/scipy-reference.ts';

function simulation(
  name: string,
  description: string,
  programme: ProgrammeDescription,
  targetMs: number,
  runs: number,
  scipyTargetRatio?: number,
): Benchmark {
  const model = FORCE_MODELS['ding2003-fatigue'];
  const { train, endS, contractionStartsS } = buildProgrammeTrain(programme, model);
  const pulses = train.timesS.length;
  // The CPU time of each run as well as the harness's wall time: on this shared machine the wall
  // times of ours and scipy's, measured minutes apart, follow the load (a ratio of 86× to 655× in
  // three runs of the same code), their CPU times much less.
  const cpuMs: number[] = [];
  const simulate = () => {
    const before = process.cpuUsage();
    const result = simulateForce(model, train, { endS, contractionStartsS });
    const used = process.cpuUsage(before);
    cpuMs.push((used.user + used.system) / 1000);
    return result;
  };
  // With a scipy target, scipy's time for the same problem is measured in this run (python3 with
  // scipy; without them the figure is absent and the JSON says why).
  let scipy: ReturnType<typeof measureScipyReference> | undefined;
  return {
    name,
    description: `${description} (${pulses} pulses, ${endS} s simulated)`,
    targetMs,
    runs,
    setup: () => {
      if (scipyTargetRatio !== undefined) {
        const ours = simulate().contractions.map((c) => c.peakForceN);
        scipy = measureScipyReference(model, train, endS, contractionStartsS, ours);
      }
      return simulate;
    },
    derived: (medianMs) => {
      // The timed runs are the last `runs` calls (the warm-up ones come first).
      const cpuMedianMs = medianInPlace(Float64Array.from(cpuMs.slice(-runs)));
      return {
        pulses,
        simulatedS: endS,
        microsecondsPerPulse: Number(((medianMs * 1000) / pulses).toPrecision(4)),
        cpuMedianMs: Number(cpuMedianMs.toPrecision(4)),
        ...(scipy && 'medianMs' in scipy
          ? {
              scipyMedianMs: Number(scipy.medianMs.toPrecision(4)),
              scipyCpuMedianMs: Number(scipy.cpuMedianMs.toPrecision(4)),
              scipyRuns: scipy.runs,
              scipyLargestPeakDifference: Number(scipy.largestPeakDifference.toPrecision(3)),
              speedupOverScipy: Number((scipy.medianMs / medianMs).toPrecision(4)),
              cpuSpeedupOverScipy: Number((scipy.cpuMedianMs / cpuMedianMs).toPrecision(4)),
              targetSpeedupOverScipy: scipyTargetRatio as number,
              metSpeedupOverScipy: scipy.medianMs / medianMs >= (scipyTargetRatio as number),
            }
          : {}),
        ...(scipy && 'unavailable' in scipy ? { scipyUnavailable: scipy.unavailable } : {}),
      };
    },
  };
}

export const benchmarks: Benchmark[] = [
  simulation(
    'ding2003-fatigue 60 trains',
    'Ding 2003 with fatigue, 60 trains of 1 s at 30 Hz with 1 s rest',
    { frequencyHz: 30, onS: 1, offS: 1, repetitions: 60 },
    5,
    40,
    // Issue 16: warm, at least 1000× the scipy reference measured in the same run.
    1000,
  ),
  simulation(
    'ding2003-fatigue 30-minute session',
    'Ding 2003 with fatigue, a 30-minute session at 35 Hz, 5 s on / 10 s off',
    { frequencyHz: 35, onS: 5, offS: 10, repetitions: 120 },
    50,
    15,
  ),
  simulation(
    'ding2003-fatigue 10-minute session',
    'Ding 2003 with fatigue, 10 minutes at 35 Hz, 5 s on / 10 s off: with the 30-minute run, cost against length',
    { frequencyHz: 35, onS: 5, offS: 10, repetitions: 40 },
    50 / 3,
    20,
  ),
];
