import { FORCE_MODELS } from '../src/physiology/force/model.ts';
import { buildProgrammeTrain } from '../src/physiology/force/programme-train.ts';
import { medianInPlace } from '../src/physiology/numerics/median.ts';
import { seededGaussian } from '../src/physiology/numerics/seeded-random.ts';
import { identifyFromRecording } from '../src/recordings/identify-recording.ts';
import { prepareRecording } from '../src/recordings/prepare.ts';
import { readRecording } from '../src/recordings/read.ts';
import { syntheticRawRecording } from '../src/recordings/testdata/synthetic.ts';
import type { Benchmark } from './harness.ts';

/**
 * Recording import and identification from a recording. Targets from issue 16: import of a
 * 10-minute 2 kHz recording ≤ 100 ms; identification of a 120-s recording with the fatigue
 * parameters ≤ 50 ms median.
 */

/** A 10-minute recording at 2 kHz: force (a slow sine plus noise) and a trigger, as CSV text. */
function tenMinuteCsv(): Uint8Array {
  const rate = 2000;
  const noise = seededGaussian(1);
  const lines = ['time (s),force (N),trigger (V)'];
  for (let i = 0; i < 600 * rate; i += 1) {
    const t = i / rate;
    lines.push(`${t.toFixed(4)},${(100 + 50 * Math.sin(t) + noise()).toFixed(3)},${i % 100 === 0 ? 5 : 0}`);
  }
  return new TextEncoder().encode(lines.join('\n'));
}

/** The median of a list of figures, rounded to 4 significant digits. */
function medianOf(values: readonly number[]): number {
  return Number(medianInPlace(Float64Array.from(values)).toPrecision(4));
}

/**
 * The import with its CPU time (user + system, which the load on a shared machine inflates less
 * than wall time), each half's, and the page faults of each run: a new array of a million samples
 * costs 2 400 faults of its pages' first touch whenever the allocator has no memory free for it.
 */
function importBenchmark(): Benchmark {
  const runs = 15;
  const cpuMs: number[] = [];
  const readCpuMs: number[] = [];
  const pageFaults: number[] = [];
  return {
    name: 'recording import: 10-minute 2 kHz CSV (1.2 million rows, 3 columns)',
    description:
      'readRecording + prepareRecording (trigger edges, offset and drift, 100 Hz zero-phase low-pass) of a 10-minute, 2 kHz CSV held in memory.',
    targetMs: 100,
    runs,
    setup: () => {
      const bytes = tenMinuteCsv();
      return () => {
        const before = process.resourceUsage();
        const raw = readRecording(bytes, { fileName: 'long.csv' });
        const read = process.resourceUsage();
        const prepared = prepareRecording(raw, { triggerChannel: 'trigger' });
        const after = process.resourceUsage();
        const cpu = (from: NodeJS.ResourceUsage, to: NodeJS.ResourceUsage) =>
          (to.userCPUTime + to.systemCPUTime - from.userCPUTime - from.systemCPUTime) / 1000;
        cpuMs.push(cpu(before, after));
        readCpuMs.push(cpu(before, read));
        pageFaults.push(after.minorPageFault - before.minorPageFault);
        return prepared;
      };
    },
    // The timed runs are the last `runs` calls (the warm-up ones come first).
    derived: () => ({
      cpuMedianMs: medianOf(cpuMs.slice(-runs)),
      readCpuMedianMs: medianOf(readCpuMs.slice(-runs)),
      pageFaultsMedian: medianOf(pageFaults.slice(-runs)),
    }),
  };
}

/** Identification with its CPU time, the steadier figure on a shared machine (as the import's). */
function identificationBenchmark(): Benchmark {
  const runs = 15;
  const cpuMs: number[] = [];
  return {
    name: 'identification: 120-s fatigue recording at 100 Hz (αA, ατ1, αKm, τfat)',
    description:
      'identifyFromRecording with the fatigue option on a 120-s recording of 30 Hz trains, 1 s on / 1 s off, Ding 2003 fatigue set plus noise of SD 2 N, after prepareRecording.',
    targetMs: 50,
    runs,
    setup: () => {
      const model = FORCE_MODELS['ding2003-fatigue'];
      const { train } = buildProgrammeTrain({ frequencyHz: 30, onS: 1, offS: 1, repetitions: 60 }, model);
      // The recording of src/recordings/identify-recording.test.ts, at 100 Hz for 120 s.
      const raw = syntheticRawRecording(model, train, {
        endS: 120,
        rateHz: 100,
        firstSample: 0,
        noiseN: 2,
        seed: 2,
      });
      const prepared = prepareRecording(raw, { pulseTimesS: train.timesS });
      return () => {
        const before = process.cpuUsage();
        const identified = identifyFromRecording(model, train, prepared, { fatigue: true });
        const used = process.cpuUsage(before);
        cpuMs.push((used.user + used.system) / 1000);
        return identified;
      };
    },
    derived: () => ({ cpuMedianMs: medianOf(cpuMs.slice(-runs)) }),
  };
}

export const benchmarks: Benchmark[] = [importBenchmark(), identificationBenchmark()];
