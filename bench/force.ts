import { FORCE_MODELS } from '../src/physiology/force/model.ts';
import { buildProgrammeTrain, type ProgrammeDescription } from '../src/physiology/force/programme-train.ts';
import { simulateForce } from '../src/physiology/force/simulate.ts';
import type { Benchmark } from './harness.ts';

function simulation(
  name: string,
  description: string,
  programme: ProgrammeDescription,
  targetMs: number,
  runs: number,
): Benchmark {
  const model = FORCE_MODELS['ding2003-fatigue'];
  const { train, endS, contractionStartsS } = buildProgrammeTrain(programme, model);
  const pulses = train.timesS.length;
  return {
    name,
    description: `${description} (${pulses} pulses, ${endS} s simulated)`,
    targetMs,
    runs,
    setup: () => () => simulateForce(model, train, { endS, contractionStartsS }),
    derived: (medianMs) => ({
      pulses,
      simulatedS: endS,
      microsecondsPerPulse: Number(((medianMs * 1000) / pulses).toPrecision(4)),
      // A scipy solver of the same 120 s problem takes about 1.7 s (issue 2).
      ...(name === 'ding2003-fatigue 60 trains'
        ? { speedupOverScipy: Number((1700 / medianMs).toPrecision(4)) }
        : {}),
    }),
  };
}

export const benchmarks: Benchmark[] = [
  simulation(
    'ding2003-fatigue 60 trains',
    'Ding 2003 with fatigue, 60 trains of 1 s at 30 Hz with 1 s rest',
    { frequencyHz: 30, onS: 1, offS: 1, repetitions: 60 },
    5,
    40,
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
