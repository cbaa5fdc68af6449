import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { FORCE_MODELS, type ForceModel, validateForceModel } from '../force/model.ts';
import { buildProgrammeTrain } from '../force/programme-train.ts';
import type { PulseTrain } from '../force/pulse-train.ts';
import { simulateForce } from '../force/simulate.ts';
import {
  defaultIdentifiedParameters,
  type IdentifiableParameter,
  type IdentificationResult,
  identifyForceModel,
  parameterValue,
  recordsRelaxation,
  withParameters,
} from './identify.ts';
import { syntheticForceRecording } from './testdata/synthetic-recording.ts';

/** A person whose parameters differ from the published ones by 10–30 %. */
const FACTORS = [1.2, 0.85, 1.25, 0.8, 1.15, 0.9, 1.1, 0.88];
function person(model: ForceModel, names = defaultIdentifiedParameters(model)): ForceModel {
  return withParameters(
    model,
    names,
    names.map((name, j) => parameterValue(model, name) * (FACTORS[j] as number)),
  );
}

/** The truth's force at 1 kHz from 1 ms to endS, plus Gaussian noise of `noiseN`. */
const record = (truth: ForceModel, train: PulseTrain, endS: number, noiseN: number, seed = 1) =>
  syntheticForceRecording(truth, train, { endS, noiseN, seed });

/** Each identified parameter is within `sigmas` standard errors and `relative` of the truth. */
function expectRecovered(result: IdentificationResult, truth: ForceModel, sigmas: number, relative: number) {
  for (const p of result.parameters) {
    const expected = parameterValue(truth, p.name);
    const error = p.value - expected;
    expect(Math.abs(error), `${p.symbol}: ${p.value} vs ${expected} ± ${p.standardError}`).toBeLessThan(
      sigmas * p.standardError,
    );
    expect(Math.abs(error / expected), `${p.symbol} relative`).toBeLessThan(relative);
  }
}

const correlation = (result: IdentificationResult, a: IdentifiableParameter, b: IdentifiableParameter) => {
  const i = result.parameters.findIndex((p) => p.name === a);
  const j = result.parameters.findIndex((p) => p.name === b);
  return result.correlations[i]?.[j] as number;
};

const ding2003 = FORCE_MODELS.ding2003;
/** A 1-s recording: a 30 Hz train for 0.6 s, then 0.4 s of relaxation. */
const relaxingTrain = buildProgrammeTrain(
  { frequencyHz: 30, onS: 0.6, offS: 0.4, repetitions: 1 },
  ding2003,
).train;

describe('identifyForceModel: Ding 2003', () => {
  const truth = person(ding2003);

  it('recovers A, τ1, τ2, Km to 1e-6 from a noiseless recording', () => {
    const result = identifyForceModel(ding2003, relaxingTrain, record(truth, relaxingTrain, 1, 0));
    expect(result.converged).toBe(true);
    for (const p of result.parameters) {
      expect(Math.abs(p.value / parameterValue(truth, p.name) - 1), p.symbol).toBeLessThan(1e-6);
    }
    expect(result.residual.rmsN).toBeLessThan(1e-4);
    expect(result.poorlyDetermined).toEqual([]);
  });

  it('recovers them within 3 standard errors and 2 % from recordings with 2 N noise (five seeds)', () => {
    const scaledErrors: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = identifyForceModel(ding2003, relaxingTrain, record(truth, relaxingTrain, 1, 2, seed));
      expect(result.converged).toBe(true);
      expectRecovered(result, truth, 3, 0.02);
      // The residual is the noise: its RMS estimates the noise level.
      expect(result.residual.rmsN).toBeGreaterThan(1.9);
      expect(result.residual.rmsN).toBeLessThan(2.1);
      for (const p of result.parameters)
        scaledErrors.push((p.value - parameterValue(truth, p.name)) / p.standardError);
    }
    // The standard errors are honest: the scaled errors have a spread of about 1.
    const rms = Math.sqrt(scaledErrors.reduce((s, z) => s + z * z, 0) / scaledErrors.length);
    expect(rms).toBeGreaterThan(0.4);
    expect(rms).toBeLessThan(1.8);
  });

  it('gives the same answer, to far less than a standard error, with or without the loose-tolerance search', () => {
    const recording = record(truth, relaxingTrain, 1, 2, 7);
    const staged = identifyForceModel(ding2003, relaxingTrain, recording);
    const tight = identifyForceModel(ding2003, relaxingTrain, recording, { searchRelativeTolerance: 1e-9 });
    staged.parameters.forEach((p, j) => {
      const q = tight.parameters[j] as (typeof tight.parameters)[number];
      expect(Math.abs(p.value - q.value) / p.standardError, p.symbol).toBeLessThan(0.01);
      expect(Math.abs(p.standardError / q.standardError - 1)).toBeLessThan(1e-3);
    });
  });

  it('returns a complete model that validates and reproduces the recording', () => {
    const recording = record(truth, relaxingTrain, 1, 2, 3);
    const result = identifyForceModel(ding2003, relaxingTrain, recording);
    const model = validateForceModel(JSON.parse(JSON.stringify(result.model)));
    expect(model.id).toBe('ding2003-identified');
    expect(model.base.tauCalciumS).toBe(ding2003.base.tauCalciumS);
    const replay = simulateForce(model, relaxingTrain, {
      endS: 1,
      sampleTimesS: recording.timesS,
    }).sampledForceN;
    let ssr = 0;
    replay.forEach((f, i) => {
      ssr += (f - (recording.forceN[i] as number)) ** 2;
    });
    expect(Math.abs(Math.sqrt(ssr / replay.length) / result.residual.rmsN - 1)).toBeLessThan(1e-9);
    const peak = Math.max(...recording.forceN);
    expect(result.residual.relativeToPeak).toBeCloseTo(result.residual.rmsN / peak, 12);
    expect(result.parameters.map((p) => [p.symbol, p.unit])).toEqual([
      ['A', 'N/s'],
      ['τ1', 's'],
      ['τ2', 's'],
      ['Km', '1'],
    ]);
  });

  it('shows that τ1 and τ2 trade off when the recording stops before the force relaxes', () => {
    const train = buildProgrammeTrain({ frequencyHz: 30, onS: 1, offS: 0, repetitions: 1 }, ding2003).train;
    const recording = record(truth, train, 1, 2, 1);
    expect(recordsRelaxation(train, recording.timesS)).toBe(false);
    expect(recordsRelaxation(relaxingTrain, recording.timesS)).toBe(true);
    const result = identifyForceModel(ding2003, train, recording);
    expect(correlation(result, 'tau1S', 'tau2S')).toBeLessThan(-0.99);
    const flagged = result.poorlyDetermined.map((p) => p.parameter);
    expect(flagged).toContain('tau1S');
    expect(flagged).toContain('tau2S');
    expect(result.notes.join(' ')).toMatch(/never shows the force relaxing.*τ1 and τ2 trade off/);
    // With relaxation recorded the pair separates.
    const relaxed = identifyForceModel(ding2003, relaxingTrain, record(truth, relaxingTrain, 1, 2, 1));
    expect(Math.abs(correlation(relaxed, 'tau1S', 'tau2S'))).toBeLessThan(0.95);
  });
});

describe('identifyForceModel: pulse-width and intensity models', () => {
  /** Four 0.5-s, 30 Hz trains, one per level, each followed by 0.5 s of rest. */
  function steppedTrain(levels: number[], key: 'widthsUs' | 'intensitiesMa'): PulseTrain {
    const timesS: number[] = [];
    const values: number[] = [];
    levels.forEach((level, k) => {
      for (let j = 0; j < 15; j += 1) {
        timesS.push(k + j / 30);
        values.push(level);
      }
    });
    return { timesS, [key]: values };
  }

  it('recovers Ding 2007 A, τ1, τ2, Km, PD0, PDt from trains at four widths', () => {
    const ding2007 = FORCE_MODELS.ding2007;
    const truth = person(ding2007);
    const train = steppedTrain([150, 250, 400, 600], 'widthsUs');
    const exact = identifyForceModel(ding2007, train, record(truth, train, 4, 0));
    for (const p of exact.parameters) {
      // τ2 is barely observable here (below), so it amplifies the integrator's own error ~200-fold.
      const bound = p.name === 'tau2S' ? 1e-5 : 1e-6;
      expect(Math.abs(p.value / parameterValue(truth, p.name) - 1), p.symbol).toBeLessThan(bound);
    }
    const noisy = identifyForceModel(ding2007, train, record(truth, train, 4, 2, 11));
    expect(noisy.converged).toBe(true);
    // τ2 of Ding 2007 is 1 ms against τ1 of 60 ms: the recording barely sees it.
    const tau2 = noisy.parameters.find((p) => p.name === 'tau2S');
    expect(tau2?.relativeStandardError).toBeGreaterThan(0.1);
    expectRecovered(
      { ...noisy, parameters: noisy.parameters.filter((p) => p.name !== 'tau2S') },
      truth,
      3,
      0.05,
    );
    expect(Math.abs((tau2?.value as number) - parameterValue(truth, 'tau2S'))).toBeLessThan(
      3 * (tau2?.standardError as number),
    );
  });

  it.each([
    {
      what: 'A, PD0 and PDt from a single width',
      model: FORCE_MODELS.ding2007,
      setting: { pulseWidthUs: 300 },
      unseparated: ['forceScalingNPerS', 'pd0Us', 'pdtUs'],
      note: /fewer than 3 distinct pulse widths.*A, PD0 and PDt cannot be separated/,
    },
    {
      what: 'ar, bs, Is, cr at a single intensity',
      model: FORCE_MODELS.hmed2018,
      setting: { intensityMa: 80 },
      unseparated: ['ar', 'bsPerMa', 'isMa', 'cr'],
      note: /fewer than 4 distinct intensities/,
    },
  ] as const)('cannot separate $what, and says so', ({ model, setting, unseparated, note }) => {
    const train = buildProgrammeTrain(
      { frequencyHz: 30, onS: 0.6, offS: 0.4, repetitions: 1, ...setting },
      model,
    ).train;
    const result = identifyForceModel(model, train, record(person(model), train, 1, 2));
    const flagged = result.poorlyDetermined.map((p) => p.parameter);
    for (const name of unseparated) expect(flagged).toContain(name);
    expect(result.notes.join(' ')).toMatch(note);
  });

  it('recovers Ben Hmed 2018 bs, Is, cr from eight intensities, shows ar and Km trading off, and recovers ar with Km held', () => {
    const hmed = FORCE_MODELS.hmed2018;
    const truth = person(hmed);
    const train = steppedTrain([25, 35, 45, 55, 65, 80, 100, 130], 'intensitiesMa');
    const recording = record(truth, train, 8, 2, 5);
    const all = identifyForceModel(hmed, train, recording);
    // λ scales Cn and x = λC/(Km + λC): only Km/λ is seen, apart from R0 = Km + 1.04.
    expect(correlation(all, 'ar', 'km')).toBeGreaterThan(0.99);
    const flagged = all.poorlyDetermined.map((p) => p.parameter);
    expect(flagged).toContain('ar');
    expect(flagged).toContain('km');
    expectRecovered(
      { ...all, parameters: all.parameters.filter((p) => p.name !== 'ar' && p.name !== 'km') },
      truth,
      3,
      0.02,
    );
    // The ratio Km/ar, what the recording does see, comes back even though each alone does not.
    const fitted = (name: IdentifiableParameter) =>
      all.parameters.find((p) => p.name === name)?.value as number;
    expect(
      Math.abs(fitted('km') / fitted('ar') / (parameterValue(truth, 'km') / parameterValue(truth, 'ar')) - 1),
    ).toBeLessThan(0.01);

    // Holding Km at the person's value, ar is determined.
    const kmKnown = withParameters(hmed, ['km'], [parameterValue(truth, 'km')]);
    const held = identifyForceModel(kmKnown, train, recording, {
      parameters: defaultIdentifiedParameters(hmed).filter((name) => name !== 'km'),
    });
    expect(held.poorlyDetermined).toEqual([]);
    expectRecovered(held, truth, 3, 0.02);
  });
});

describe('identifyForceModel: bad input', () => {
  const recording = record(ding2003, relaxingTrain, 1, 0);
  const expectInvalid = (run: () => unknown, message: RegExp) => {
    expect(run).toThrow(InvalidInputError);
    expect(run).toThrow(message);
  };

  it('rejects too few samples, times that do not increase, negative times and mismatched lengths', () => {
    expectInvalid(
      () => identifyForceModel(ding2003, relaxingTrain, { timesS: [0.1, 0.2], forceN: [1, 2] }),
      /the recording has 2 samples; fitting 4 parameters needs at least 20/,
    );
    const times = [...recording.timesS];
    times[10] = times[9] as number;
    expectInvalid(
      () => identifyForceModel(ding2003, relaxingTrain, { timesS: times, forceN: recording.forceN }),
      /recording sample 11: times must increase strictly; 0.01 s follows 0.01 s/,
    );
    expectInvalid(
      () =>
        identifyForceModel(ding2003, relaxingTrain, {
          timesS: recording.timesS.map((t) => t - 0.5),
          forceN: recording.forceN,
        }),
      /recording sample 1: time must be a number of seconds ≥ 0/,
    );
    expectInvalid(
      () =>
        identifyForceModel(ding2003, relaxingTrain, {
          timesS: recording.timesS,
          forceN: recording.forceN.slice(1),
        }),
      /one force per time; got 1000 times and 999 forces/,
    );
    const forces = [...recording.forceN];
    forces[3] = Number.NaN;
    expectInvalid(
      () => identifyForceModel(ding2003, relaxingTrain, { timesS: recording.timesS, forceN: forces }),
      /recording sample 4: force must be a finite number of newtons; got NaN/,
    );
  });

  it('rejects a recording that does not overlap the pulses, or holds no force', () => {
    const late = { timesS: recording.timesS.map((t) => t + 5), forceN: recording.forceN };
    expectInvalid(
      () => identifyForceModel(ding2003, relaxingTrain, late),
      /the recording \(5.001 to 6 s\) does not overlap the pulse train \(0 to 0.5666\d* s\)/,
    );
    const beforeTrain = { timesS: recording.timesS, forceN: recording.forceN };
    const laterTrain = { timesS: relaxingTrain.timesS.map((t) => t + 10) };
    expectInvalid(
      () => identifyForceModel(ding2003, laterTrain, beforeTrain),
      /does not overlap the pulse train/,
    );
    expectInvalid(
      () =>
        identifyForceModel(ding2003, relaxingTrain, {
          timesS: recording.timesS,
          forceN: recording.forceN.map(() => 0),
        }),
      /the recorded force is zero throughout/,
    );
  });

  it('rejects parameters the model lacks, duplicates, and a start outside the identifiable range', () => {
    expectInvalid(
      () => identifyForceModel(ding2003, relaxingTrain, recording, { parameters: ['pd0Us'] }),
      /model ding2003 has no pulseWidth part, so PD0 cannot be fitted/,
    );
    expectInvalid(
      () => identifyForceModel(ding2003, relaxingTrain, recording, { parameters: ['km', 'km'] }),
      /a parameter is listed twice/,
    );
    const odd = withParameters(ding2003, ['tau1S'], [5]);
    expectInvalid(
      () => identifyForceModel(odd, relaxingTrain, recording),
      /the starting τ1 \(5 s\) is outside the range that can be identified, 0.001 to 2 s/,
    );
  });
});
