import { describe, expect, it } from 'vitest';
import { FORCE_MODELS, type ForceModel } from './model.ts';
import { buildProgrammeTrain } from './programme-train.ts';
import type { PulseTrain } from './pulse-train.ts';
import {
  hasSensitivity,
  SENSITIVITY_PARAMETERS,
  type SensitivityParameter,
  simulateForceSensitivities,
} from './sensitivities.ts';
import { simulateForce } from './simulate.ts';

/** A copy of `model` with one base or fatigue field replaced. */
function withValue(model: ForceModel, name: SensitivityParameter, value: number): ForceModel {
  const next: ForceModel = { ...model, base: { ...model.base } };
  if (model.fatigue) next.fatigue = { ...model.fatigue };
  const section = (name in model.base ? next.base : next.fatigue) as unknown as Record<string, number>;
  section[name] = value;
  return next;
}

function currentValue(model: ForceModel, name: SensitivityParameter): number {
  const section = (name in model.base ? model.base : model.fatigue) as unknown as Record<string, number>;
  return section[name] as number;
}

/**
 * ∂F/∂p by central differences of converged simulations (relative step 1e-4: the truncation error
 * is ~1e-8 of the derivative, the integration error ~1e-12/1e-4 = 1e-8 of F).
 */
function finiteDifference(
  model: ForceModel,
  train: PulseTrain,
  name: SensitivityParameter,
  timesS: number[],
  endS: number,
): number[] {
  const p = currentValue(model, name);
  const h = 1e-4 * Math.abs(p);
  const at = (value: number) =>
    simulateForce(withValue(model, name, value), train, {
      endS,
      sampleTimesS: timesS,
      relativeTolerance: 1e-12,
    }).sampledForceN;
  const plus = at(p + h);
  const minus = at(p - h);
  return plus.map((f, i) => (f - (minus[i] as number)) / (2 * h));
}

function largestRelativeDifference(
  model: ForceModel,
  train: PulseTrain,
  names: readonly SensitivityParameter[],
  endS: number,
  rateHz: number,
): number[] {
  const timesS = Array.from({ length: Math.round(endS * rateHz) }, (_, i) => (i + 1) / rateHz);
  const result = simulateForceSensitivities(model, train, names, {
    endS,
    sampleTimesS: timesS,
    relativeTolerance: 1e-10,
  });
  return names.map((name, j) => {
    const expected = finiteDifference(model, train, name, timesS, endS);
    let largest = 0;
    let difference = 0;
    expected.forEach((e, i) => {
      largest = Math.max(largest, Math.abs(e));
      difference = Math.max(difference, Math.abs((result.sensitivities[i * names.length + j] as number) - e));
    });
    return difference / largest;
  });
}

describe('simulateForceSensitivities', () => {
  it('gives the force of simulateForce at the samples', () => {
    const model = FORCE_MODELS['ding2003-fatigue'];
    const { train, endS } = buildProgrammeTrain({ frequencyHz: 30, onS: 1, offS: 1, repetitions: 3 }, model);
    const timesS = Array.from({ length: 600 }, (_, i) => (i + 1) / 100);
    const ours = simulateForceSensitivities(model, train, ['alphaAPerS2'], {
      endS,
      sampleTimesS: timesS,
      relativeTolerance: 1e-10,
    });
    const reference = simulateForce(model, train, { endS, sampleTimesS: timesS, relativeTolerance: 1e-12 });
    let peak = 0;
    ours.sampledForceN.forEach((f, i) => {
      peak = Math.max(peak, f);
      expect(Math.abs(f - (reference.sampledForceN[i] as number))).toBeLessThan(1e-6);
    });
    expect(peak).toBeGreaterThan(200);
  });

  it('matches central finite differences for all eight parameters of Ding 2003 with fatigue', () => {
    const model = FORCE_MODELS['ding2003-fatigue'];
    const { train } = buildProgrammeTrain({ frequencyHz: 30, onS: 1, offS: 1, repetitions: 5 }, model);
    const differences = largestRelativeDifference(model, train, SENSITIVITY_PARAMETERS, 10, 100);
    differences.forEach((d, j) => {
      expect(d, SENSITIVITY_PARAMETERS[j]).toBeLessThan(1e-6);
    });
  });

  it('matches them for A, τ1, τ2, Km of Ding 2007 (pulse widths) and Ben Hmed 2018 (intensities, Km in the calcium)', () => {
    const names = ['forceScalingNPerS', 'tau1S', 'tau2S', 'km'] as const;
    const widths = { timesS: [0, 0.025, 0.05, 0.075, 0.3, 0.325], widthsUs: [250, 250, 250, 250, 400, 400] };
    const intensities = {
      timesS: [0, 0.03, 0.06, 0.09, 0.5, 0.53],
      intensitiesMa: [40, 40, 40, 40, 90, 90],
    };
    for (const [model, train] of [
      [FORCE_MODELS.ding2007, widths],
      [FORCE_MODELS.hmed2018, intensities],
    ] as const) {
      for (const d of largestRelativeDifference(model, train, names, 1, 1000)) expect(d).toBeLessThan(1e-6);
    }
  });

  it('refuses fatigue parameters of a model without fatigue, and unknown names', () => {
    const options = { endS: 1, sampleTimesS: [0.5], relativeTolerance: 1e-8 };
    expect(() =>
      simulateForceSensitivities(FORCE_MODELS.ding2003, { timesS: [0] }, ['tauFatigueS'], options),
    ).toThrow(/has no fatigue part, so tauFatigueS has no sensitivity/);
    expect(() =>
      simulateForceSensitivities(
        FORCE_MODELS.ding2003,
        { timesS: [0] },
        ['cr' as SensitivityParameter],
        options,
      ),
    ).toThrow(/no sensitivity for 'cr'/);
    expect(hasSensitivity('km')).toBe(true);
    expect(hasSensitivity('pd0Us')).toBe(false);
  });
});
