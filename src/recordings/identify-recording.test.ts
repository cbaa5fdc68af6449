import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORCE_MODELS } from '../physiology/force/model.ts';
import { buildProgrammeTrain } from '../physiology/force/programme-train.ts';
import { parameterValue } from '../physiology/identification/identify.ts';
import { identifyFromRecording, MIN_FATIGUE_RECORDING_S } from './identify-recording.ts';
import { prepareRecording } from './prepare.ts';
import { readRecording } from './read.ts';
import { RECORDING_FIXTURE } from './testdata/fixture.ts';
import { syntheticRawRecording } from './testdata/synthetic.ts';

const { truth } = RECORDING_FIXTURE;
const FILES = [
  ['ding2003-person.csv', 'Trigger'],
  ['ding2003-person.sto', 'trigger'],
  ['ding2003-person-int.c3d', 'TRIGGER'],
  ['ding2003-person-float.c3d', 'TRIGGER'],
] as const;

/** Recovery tolerance: 3 % of each true value (the fits land within 1.6 %; see docs/recordings.md). */
const TOLERANCE = 0.03;

describe('identifyFromRecording on the committed sample files', () => {
  for (const [name, trigger] of FILES) {
    it(`recovers the person's A, τ1, τ2, Km from ${name} (pulses from the trigger channel)`, () => {
      const bytes = readFileSync(new URL(`../../examples/recordings/${name}`, import.meta.url));
      const prepared = prepareRecording(readRecording(bytes, { fileName: name }), {
        triggerChannel: trigger,
      });
      expect(prepared.pulseTimesS).toHaveLength(18);
      const { result, undetermined, fit } = identifyFromRecording(
        FORCE_MODELS.ding2003,
        { timesS: prepared.pulseTimesS as number[] },
        prepared,
      );
      expect(undetermined).toEqual([]);
      expect(result.converged).toBe(true);
      for (const p of result.parameters) {
        const expected = truth.base[p.name as keyof typeof truth.base];
        expect(Math.abs(p.value / expected - 1), `${name} ${p.symbol}`).toBeLessThan(TOLERANCE);
        expect(p.relativeStandardError).toBeLessThan(0.01);
      }
      // Filtered noise: SD 2 N through a 100 Hz low-pass at 1 kHz keeps √(90/500) of it, 0.85 N.
      expect(result.residual.rmsN).toBeGreaterThan(0.75);
      expect(result.residual.rmsN).toBeLessThan(0.95);
      expect(fit.timesS).toHaveLength(prepared.force.timesS.length);
      expect(fit.residualN[600]).toBeCloseTo(
        (fit.measuredN[600] as number) - (fit.fittedN[600] as number),
        12,
      );
      expect(result.notes.join(' ')).toMatch(/Standard errors are widened ×2.36 for the low-pass filter/);
    });
  }

  it('recovers the same person with the pulses from the programme and the onset entered', () => {
    const name = 'ding2003-person.sto';
    const bytes = readFileSync(new URL(`../../examples/recordings/${name}`, import.meta.url));
    const programme = buildProgrammeTrain(
      { frequencyHz: RECORDING_FIXTURE.frequencyHz, onS: RECORDING_FIXTURE.onS, offS: 0.6, repetitions: 1 },
      FORCE_MODELS.ding2003,
    );
    const prepared = prepareRecording(readRecording(bytes, { fileName: name }), {
      onsetS: RECORDING_FIXTURE.onsetS,
      pulseTimesS: programme.train.timesS,
    });
    const { result } = identifyFromRecording(FORCE_MODELS.ding2003, programme.train, prepared);
    for (const p of result.parameters) {
      const expected = truth.base[p.name as keyof typeof truth.base];
      expect(Math.abs(p.value / expected - 1), p.symbol).toBeLessThan(TOLERANCE);
    }
  });
});

/** A fatigue recording at 200 Hz from time 0, 2 N of noise: the benchmark's (bench/recordings.ts) at another rate. */
function fatigueRecording(durationS: number) {
  const model = FORCE_MODELS['ding2003-fatigue'];
  const { train } = buildProgrammeTrain(
    { frequencyHz: 30, onS: 1, offS: 1, repetitions: durationS / 2 },
    model,
  );
  const raw = syntheticRawRecording(model, train, {
    endS: durationS,
    rateHz: 200,
    firstSample: 0,
    noiseN: 2,
    seed: 11,
  });
  return { train, raw };
}

describe('identifyFromRecording: what the recording cannot determine', () => {
  it(`refuses the fatigue coefficients from a recording shorter than ${MIN_FATIGUE_RECORDING_S} s`, () => {
    const { raw, train } = fatigueRecording(20);
    const prepared = prepareRecording(raw, { pulseTimesS: train.timesS });
    expect(() =>
      identifyFromRecording(FORCE_MODELS['ding2003-fatigue'], train, prepared, { fatigue: true }),
    ).toThrow(
      /the recording lasts 20.0 s after the first pulse; the fatigue coefficients need at least 30 s of repeated trains/,
    );
  });

  it('identifies the fatigue coefficients from 30 s, all determined', () => {
    const { raw, train } = fatigueRecording(30);
    const prepared = prepareRecording(raw, { pulseTimesS: train.timesS });
    const model = FORCE_MODELS['ding2003-fatigue'];
    const { result, undetermined } = identifyFromRecording(model, train, prepared, { fatigue: true });
    expect(undetermined).toEqual([]);
    const fatigue = model.fatigue as NonNullable<typeof model.fatigue>;
    for (const p of result.parameters) {
      const expected = fatigue[p.name as keyof typeof fatigue];
      expect(Math.abs(p.value - expected), p.symbol).toBeLessThan(3 * p.standardError);
      expect(p.relativeStandardError, p.symbol).toBeLessThan(0.25);
    }
  });

  it('holds and reports without a value what a flat profile leaves undetermined (PD0, PDt at one pulse width)', () => {
    // Ding 2007 fitted to a recording at one pulse width: A·(1 − exp(−(pw − PD0)/PDt)) is one number.
    const model = FORCE_MODELS.ding2007;
    const programme = buildProgrammeTrain(
      { frequencyHz: 30, onS: 0.6, offS: 0.9, repetitions: 1, pulseWidthUs: 300 },
      model,
    );
    const raw = syntheticRawRecording(model, programme.train, {
      endS: 1.499,
      firstSample: 0,
      noiseN: 1,
      seed: 5,
    });
    const prepared = prepareRecording(raw, { pulseTimesS: programme.train.timesS });
    const { result, undetermined } = identifyFromRecording(model, programme.train, prepared);
    const refused = undetermined.map((u) => u.parameter);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((name) => ['forceScalingNPerS', 'pd0Us', 'pdtUs'].includes(name))).toBe(true);
    for (const name of refused) {
      expect(result.parameters.some((p) => p.name === name)).toBe(false);
      expect(parameterValue(result.model, name)).toBe(parameterValue(model, name));
    }
    expect(result.notes.join(' ')).toMatch(
      /Not determined by this recording, so held at the start model's values and not reported/,
    );
  });
});
