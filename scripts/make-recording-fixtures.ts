/**
 * Writes the synthetic force recordings in examples/recordings/ (CSV and OpenSim .sto; the C3D files
 * are written from the .sto by examples/recordings/write_c3d.py). Run: npx tsx scripts/make-recording-fixtures.ts
 *
 * The person: Ding 2003 with A ×1.2, τ1 ×0.85, τ2 ×1.25, Km ×0.8 (RECORDING_TRUTH below). The
 * recording: 0.3 s of rest, a 30 Hz train for 0.6 s (18 pulses), then rest to 1.5 s, sampled at
 * 1 kHz, with the transducer's offset (15 N), linear drift (4 N/s) and white noise (SD 2 N, seed 16),
 * and a trigger channel at 5 V for 2 ms at each pulse.
 */
import { writeFileSync } from 'node:fs';
import { simulateForce } from '../src/physiology/force/simulate.ts';
import { seededGaussian } from '../src/physiology/numerics/seeded-random.ts';
import { RECORDING_FIXTURE } from '../src/recordings/testdata/fixture.ts';

const {
  truth,
  pulseTimesS,
  onsetS,
  rateHz,
  durationS,
  offsetN,
  driftNPerS,
  noiseN,
  triggerV,
  triggerWidthS,
} = RECORDING_FIXTURE;
const n = Math.round(durationS * rateHz);
const timesS = Array.from({ length: n }, (_, i) => i / rateHz);
const after = timesS.filter((t) => t >= onsetS).map((t) => t - onsetS);
const simulated = simulateForce(
  truth,
  { timesS: pulseTimesS.map((t) => t - onsetS) },
  { endS: durationS - onsetS, sampleTimesS: after, relativeTolerance: 1e-12 },
).sampledForceN;
const noise = seededGaussian(16);
const force = timesS.map((t, i) => {
  const model = t >= onsetS ? (simulated[i - (n - after.length)] as number) : 0;
  return model + offsetN + driftNPerS * t + noiseN * noise();
});
const trigger = timesS.map((t) =>
  pulseTimesS.some((p) => t >= p - 1e-9 && t < p + triggerWidthS - 1e-9) ? triggerV : 0,
);

const dir = 'examples/recordings';
// A European dynamometer export: preamble, semicolons, decimal commas, time in ms, force in kgf.
const kgf = 9.80665;
const csv = [
  'Isometric dynamometer export (synthetic, see scripts/make-recording-fixtures.ts)',
  'Subject;synthetic Ding 2003 person',
  'Muscle;quadriceps',
  '',
  'Zeit (ms);Kraft (kgf);Trigger (V)',
  ...timesS.map((t, i) =>
    [(t * 1000).toFixed(1), ((force[i] as number) / kgf).toFixed(5), (trigger[i] as number).toFixed(1)]
      .join(';')
      .replace(/\./g, ','),
  ),
].join('\r\n');
writeFileSync(`${dir}/ding2003-person.csv`, `${csv}\r\n`);

const sto = [
  'ding2003-person',
  'version=1',
  `nRows=${n}`,
  'nColumns=3',
  'inDegrees=no',
  'endheader',
  'time\tforce\ttrigger',
  ...timesS.map(
    (t, i) => `${t.toFixed(4)}\t${(force[i] as number).toFixed(4)}\t${(trigger[i] as number).toFixed(1)}`,
  ),
].join('\n');
writeFileSync(`${dir}/ding2003-person.sto`, `${sto}\n`);
console.log(`wrote ${n} samples, ${pulseTimesS.length} pulses`);
