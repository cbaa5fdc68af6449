import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { DING_2003_FATIGUE, FORCE_MODELS, type ForceModel } from '../force/model.ts';
import { buildProgrammeTrain } from '../force/programme-train.ts';
import type { PulseTrain } from '../force/pulse-train.ts';
import { FATIGUE_PARAMETERS, type IdentificationResult, withParameters } from './identify.ts';
import { identifyFatigue } from './identify-fatigue.ts';
import { syntheticForceRecording } from './testdata/synthetic-recording.ts';

const published = FORCE_MODELS['ding2003-fatigue'];
const f = DING_2003_FATIGUE;
/** A person fatiguing differently from the published set by 15–25 %. */
const truth: ForceModel = withParameters(published, FATIGUE_PARAMETERS, [
  f.alphaAPerS2 * 1.2,
  f.alphaTau1PerN * 0.8,
  f.alphaKmPerSN * 1.25,
  f.tauFatigueS * 0.85,
]);
const truthValue = (name: string) => (truth.fatigue as unknown as Record<string, number>)[name] as number;

/** 30 trains of 1 s on / 1 s off at 30 Hz: a 60-s fatiguing block. */
const block = buildProgrammeTrain({ frequencyHz: 30, onS: 1, offS: 1, repetitions: 30 }, published);
/** The block, then 2 minutes of rest with a 1-s test train every 15 s, to watch the recovery. */
const withRecovery: PulseTrain = {
  timesS: [
    ...block.train.timesS,
    ...Array.from(
      { length: 8 * 30 },
      (_, i) => block.endS + 15 * (Math.floor(i / 30) + 1) - 1 + (i % 30) / 30,
    ),
  ],
};

const record = (train: PulseTrain, endS: number, noiseN: number, seed: number, rateHz = 1000) =>
  syntheticForceRecording(truth, train, { endS, rateHz, noiseN, seed });

const rho = (result: IdentificationResult, a: string, b: string) => {
  const i = result.parameters.findIndex((p) => p.name === a);
  const j = result.parameters.findIndex((p) => p.name === b);
  return result.correlations[i]?.[j] as number;
};

function expectRecovered(result: IdentificationResult, relative: number) {
  for (const p of result.parameters) {
    const expected = truthValue(p.name);
    expect(
      Math.abs(p.value - expected),
      `${p.symbol}: ${p.value} vs ${expected} ± ${p.standardError}`,
    ).toBeLessThan(3 * p.standardError);
    expect(Math.abs(p.value / expected - 1), `${p.symbol} relative`).toBeLessThan(relative);
  }
}

describe('identifyFatigue', () => {
  it('recovers αA, ατ1, αKm, τfat exactly from a noiseless 60-s block of 1 s on / 1 s off', () => {
    const result = identifyFatigue(published, block.train, record(block.train, block.endS, 0, 1, 200));
    expect(result.converged).toBe(true);
    for (const p of result.parameters) {
      expect(Math.abs(p.value / truthValue(p.name) - 1), p.symbol).toBeLessThan(1e-6);
    }
    // The base is held.
    expect(result.model.base).toEqual(published.base);
    expect(result.model.id).toBe('ding2003-fatigue-fatigue-identified');
  });

  it('from the block alone with 2 N noise: within 3 SE and 2 %, but αA and τfat trade off (no recovery seen)', () => {
    const result = identifyFatigue(published, block.train, record(block.train, block.endS, 2, 3));
    expect(result.converged).toBe(true);
    expectRecovered(result, 0.02);
    expect(rho(result, 'alphaAPerS2', 'tauFatigueS')).toBeGreaterThan(0.95);
    expect(result.poorlyDetermined.map((p) => p.parameter)).toEqual(['alphaAPerS2', 'tauFatigueS']);
    expect(result.notes.join(' ')).toMatch(/recovery is not observed, so τfat trades off with the α's/);
  });

  it('with 2 minutes of recovery test trains after the block: all four separate', () => {
    const endS = block.endS + 121;
    const blockOnly = identifyFatigue(published, block.train, record(block.train, block.endS, 2, 3));
    const result = identifyFatigue(published, withRecovery, record(withRecovery, endS, 2, 3));
    expect(result.converged).toBe(true);
    expectRecovered(result, 0.02);
    expect(Math.abs(rho(result, 'alphaAPerS2', 'tauFatigueS'))).toBeLessThan(0.5);
    expect(result.poorlyDetermined).toEqual([]);
    expect(result.notes.join(' ')).not.toMatch(/recovery is not observed/);
    // Watching the recovery shrinks τfat's standard error several-fold.
    const se = (r: IdentificationResult) =>
      r.parameters.find((p) => p.name === 'tauFatigueS')?.standardError as number;
    expect(se(blockOnly) / se(result)).toBeGreaterThan(3);
  });

  it('held base parameters that are wrong bias the α beyond their standard errors; refitting the base jointly recovers all eight', () => {
    // A person whose base also differs from the published one by 15–25 %.
    const person = withParameters(
      truth,
      ['forceScalingNPerS', 'tau1S', 'tau2S', 'km'],
      [3009 * 1.2, 0.050957 * 0.85, 0.06 * 1.25, 0.103 * 0.8],
    );
    const recording = syntheticForceRecording(person, block.train, {
      endS: 60,
      rateHz: 200,
      noiseN: 2,
      seed: 21,
    });
    const held = identifyFatigue(published, block.train, recording);
    const alphaA = held.parameters.find((p) => p.name === 'alphaAPerS2');
    expect(Math.abs((alphaA?.value as number) - truthValue('alphaAPerS2'))).toBeGreaterThan(
      3 * (alphaA?.standardError as number),
    );
    expect(held.residual.rmsN).toBeGreaterThan(3);
    expect(held.notes[0]).toMatch(/Errors in the held values are not in the standard errors/);

    const joint = identifyFatigue(published, block.train, recording, { refitBase: true });
    expect(joint.converged).toBe(true);
    expect(joint.parameters.map((p) => p.symbol)).toEqual([
      'A',
      'τ1',
      'τ2',
      'Km',
      'αA',
      'ατ1',
      'αKm',
      'τfat',
    ]);
    expect(joint.residual.rmsN).toBeLessThan(2.1);
    for (const p of joint.parameters) {
      const expected =
        p.name === 'forceScalingNPerS' || p.name === 'tau1S' || p.name === 'tau2S' || p.name === 'km'
          ? (person.base as unknown as Record<string, number>)[p.name]
          : truthValue(p.name);
      expect(Math.abs(p.value - (expected as number)), p.symbol).toBeLessThan(3 * p.standardError);
      expect(Math.abs(p.value / (expected as number) - 1), p.symbol).toBeLessThan(0.03);
    }
    expect(joint.notes[0]).toMatch(/fitted jointly with the fatigue coefficients/);
  });

  it('starts from the published coefficients for a model without fatigue, and says so', () => {
    const recording = record(block.train, 20, 1, 9, 200);
    const result = identifyFatigue(FORCE_MODELS.ding2003, block.train, recording);
    expect(result.parameters.map((p) => p.initial)).toEqual([
      f.alphaAPerS2,
      f.alphaTau1PerN,
      f.alphaKmPerSN,
      f.tauFatigueS,
    ]);
    expect(result.notes.join(' ')).toMatch(
      /had no fatigue part: the fit started from the published Ding 2003/,
    );
    expect(result.notes.join(' ')).toMatch(/lasts 20 s/);
    expect(result.model.fatigue).toBeDefined();
    expect(result.model.id).toBe('ding2003-fatigue-identified');
  });

  it('fits only fatigue coefficients', () => {
    const recording = record(block.train, 10, 1, 9, 200);
    expect(() => identifyFatigue(published, block.train, recording, { parameters: ['km'] })).toThrow(
      InvalidInputError,
    );
    expect(() => identifyFatigue(published, block.train, recording, { parameters: ['km'] })).toThrow(
      /fatigue identification fits only alphaAPerS2, alphaTau1PerN, alphaKmPerSN, tauFatigueS; got km/,
    );
  });
});
