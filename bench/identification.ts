import { FORCE_MODELS, type ForceModel } from '../src/physiology/force/model.ts';
import { buildProgrammeTrain } from '../src/physiology/force/programme-train.ts';
import type { PulseTrain } from '../src/physiology/force/pulse-train.ts';
import { identifyForceModel } from '../src/physiology/identification/identify.ts';
import { identifyFatigue } from '../src/physiology/identification/identify-fatigue.ts';
import { syntheticForceRecording } from '../src/physiology/identification/testdata/synthetic-recording.ts';
import {
  DING2003_PERSON,
  FATIGUE_BLOCK,
  FATIGUE_PERSON,
  PUBLISHED_FATIGUE_MODEL,
} from '../test/identification-people.ts';
import type { Benchmark } from './harness.ts';

/** cocofest's reported identification time (0.34 s on a 48-core workstation; research notes, issue 2). */
const COCOFEST_IDENTIFICATION_MS = 340;

/** The recording of the identification tests (identify.test.ts), with 2 N of noise. */
const record = (truth: ForceModel, train: PulseTrain, endS: number, rateHz: number, noiseN: number) =>
  syntheticForceRecording(truth, train, { endS, rateHz, noiseN, seed: 2024 });

const ding2003 = FORCE_MODELS.ding2003;

function ding2003Benchmark(name: string, description: string, onS: number, targetMs?: number): Benchmark {
  const train = buildProgrammeTrain({ frequencyHz: 30, onS, offS: 1 - onS, repetitions: 1 }, ding2003).train;
  const recording = record(DING2003_PERSON, train, 1, 1000, 2);
  const last = identifyForceModel(ding2003, train, recording);
  return {
    name,
    description,
    ...(targetMs !== undefined ? { targetMs } : {}),
    runs: 30,
    setup: () => () => identifyForceModel(ding2003, train, recording),
    derived: (medianMs) => ({
      samples: recording.timesS.length,
      iterations: last.iterations,
      converged: last.converged ? 1 : 0,
      largestRelativeStandardError: Number(
        Math.max(...last.parameters.map((p) => p.relativeStandardError)).toPrecision(3),
      ),
      speedupOverCocofest: Number((COCOFEST_IDENTIFICATION_MS / medianMs).toPrecision(3)),
    }),
  };
}

function fatigueBenchmark(): Benchmark {
  const recording = record(FATIGUE_PERSON, FATIGUE_BLOCK.train, FATIGUE_BLOCK.endS, 1000, 2);
  const last = identifyFatigue(PUBLISHED_FATIGUE_MODEL, FATIGUE_BLOCK.train, recording);
  return {
    name: 'identify fatigue 60-s block',
    description:
      'αA, ατ1, αKm, τfat of Ding 2003 (base held) from 60 s of 1 s on / 1 s off at 30 Hz, sampled at 1 kHz with 2 N noise',
    runs: 5,
    setup: () => () => identifyFatigue(PUBLISHED_FATIGUE_MODEL, FATIGUE_BLOCK.train, recording),
    derived: () => ({ samples: recording.timesS.length, iterations: last.iterations }),
  };
}

export const benchmarks: Benchmark[] = [
  ding2003Benchmark(
    'identify ding2003 1-s recording',
    'A, τ1, τ2, Km of Ding 2003 from a 1-s recording at 1 kHz (2 N noise): a 30 Hz train for 0.6 s, then relaxation; start at the published values, person 15–25 % away',
    0.6,
    50,
  ),
  ding2003Benchmark(
    'identify ding2003 1-s tetanus without relaxation',
    'As above, but the 30 Hz train fills the whole second, so the force never relaxes: τ1 and τ2 trade off (ρ ≈ −1) and LM walks the ridge. No target; shows why the recording should include relaxation',
    1,
  ),
  fatigueBenchmark(),
];
