import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publishedDerivatives } from './derivatives.ts';
import { FORCE_MODELS, type ModelId } from './model.ts';
import { buildProgrammeTrain } from './programme-train.ts';
import { simulateForce } from './simulate.ts';
import cocofestTrajectories from './testdata/cocofest-ivp-vectors.json' with { type: 'json' };

const vectors = cocofestTrajectories as Record<string, number[]>;

function maxRelativeError(actual: number[], expected: number[]): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i += 1) {
    if (expected[i] === 0) {
      expect(actual[i]).toBe(0);
      continue;
    }
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]));
  }
  return worst;
}

describe('agreement with cocofest trajectories (fixed-step RK4 with 0.05–0.4 % error of its own)', () => {
  // 34 pulses at linspace(0, 1, 34) s; force at each pulse time. Widths and intensities rise over
  // the 33 intervals (linspace over 33 values; the 34th pulse, at the final time, acts on nothing).
  const count = 34;
  const timesS = Array.from({ length: count }, (_, i) => i / (count - 1));
  const ramp = (from: number, to: number) =>
    timesS.map((_, i) => from + ((to - from) * Math.min(i, 32)) / 32);
  const train = { timesS, widthsUs: ramp(200, 600), intensitiesMa: ramp(20, 130) };
  const cases: [string, ModelId, number][] = [
    ['ding2003', 'ding2003', 1e-3],
    ['ding2003_with_fatigue', 'ding2003-fatigue', 1e-3],
    ['ding2007', 'ding2007', 2e-3],
    ['ding2007_with_fatigue', 'ding2007-fatigue', 2e-3],
    ['hmed2018', 'hmed2018', 1e-4],
    ['hmed2018_with_fatigue', 'hmed2018-fatigue', 1e-4],
  ];
  for (const [key, modelId, bound] of cases) {
    it(`${modelId} within ${bound * 100} %`, () => {
      const result = simulateForce(FORCE_MODELS[modelId], train, { endS: 1, sampleTimesS: timesS });
      const error = maxRelativeError(result.sampledForceN, vectors[key]);
      expect(error).toBeLessThanOrEqual(bound);
      expect(error).toBeLessThanOrEqual(0.005);
    });
  }

  it('single pulses and onset doublets at 10 Hz (Ding 2003 with fatigue)', () => {
    const model = FORCE_MODELS['ding2003-fatigue'];
    const onsets = Array.from({ length: 10 }, (_, i) => i / 10);
    const single = simulateForce(
      model,
      { timesS: onsets },
      {
        endS: 1,
        sampleTimesS: Array.from({ length: 11 }, (_, i) => i / 10),
      },
    );
    // cocofest samples this case every 0.1 s with 10 RK4 substeps: its own error is the larger.
    expect(maxRelativeError(single.sampledForceN, vectors.pulse_mode_single)).toBeLessThanOrEqual(0.005);
    const doubletTimes = onsets.flatMap((t) => [t, Math.round((t + 0.005) * 1000) / 1000]);
    const doublet = simulateForce(
      model,
      { timesS: doubletTimes },
      {
        endS: 1,
        sampleTimesS: vectors.pulse_mode_doublet.map((_, i) => Math.round(i * 5) / 1000),
      },
    );
    expect(maxRelativeError(doublet.sampledForceN, vectors.pulse_mode_doublet)).toBeLessThanOrEqual(1e-4);
  });
});

describe('convergence: default tolerance against a tight-tolerance solution', () => {
  const scenarios: [string, ModelId, Parameters<typeof buildProgrammeTrain>[0]][] = [
    [
      '120 s of 1 s trains at 30 Hz, 1 s rest',
      'ding2003-fatigue',
      { frequencyHz: 30, onS: 1, offS: 1, repetitions: 60 },
    ],
    [
      'ramped widths with onset doublets',
      'ding2007-fatigue',
      {
        frequencyHz: 40,
        onS: 4,
        offS: 6,
        repetitions: 6,
        pulseWidthUs: 350,
        rampUpS: 1,
        rampDownS: 0.5,
        doubletIntervalMs: 5,
      },
    ],
    [
      'ramped intensity',
      'hmed2018-fatigue',
      { frequencyHz: 35, onS: 5, offS: 10, repetitions: 4, intensityMa: 70, rampUpS: 1.5 },
    ],
    ['no fatigue, 100 Hz', 'ding2003', { frequencyHz: 100, onS: 2, offS: 2, repetitions: 3 }],
    [
      'unfused 10 Hz trains with fatigue',
      'ding2003-fatigue',
      { frequencyHz: 10, onS: 5, offS: 5, repetitions: 6 },
    ],
  ];
  for (const [label, modelId, description] of scenarios) {
    it(`${modelId}: ${label}`, () => {
      const model = FORCE_MODELS[modelId];
      const programme = buildProgrammeTrain(description, model);
      const options = { endS: programme.endS, contractionStartsS: programme.contractionStartsS };
      const normal = simulateForce(model, programme.train, options);
      const tight = simulateForce(model, programme.train, { ...options, relativeTolerance: 1e-13 });
      const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
      expect(relative(normal.peakForceN, tight.peakForceN)).toBeLessThanOrEqual(1e-6);
      expect(relative(normal.forceTimeIntegralNs, tight.forceTimeIntegralNs)).toBeLessThanOrEqual(1e-6);
      for (let i = 0; i < tight.contractions.length; i += 1) {
        expect(
          relative(normal.contractions[i].peakForceN, tight.contractions[i].peakForceN),
        ).toBeLessThanOrEqual(1e-6);
      }
      expect(tight.peakForceN).toBeGreaterThan(10);
    });
  }
});

describe('convergence over random programmes', () => {
  it('stays within 1e-6 of a 1e-13 solution for any model and programme in range', () => {
    const models: ModelId[] = [
      'ding2003-fatigue',
      'ding2007-fatigue',
      'hmed2018-fatigue',
      'ding2007',
      'hmed2018',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.integer({ min: 5, max: 100 }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 6, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 150, max: 600 }),
        fc.integer({ min: 25, max: 130 }),
        fc.boolean(),
        (modelId, frequencyHz, onS, offS, repetitions, pulseWidthUs, intensityMa, doublet) => {
          const model = FORCE_MODELS[modelId];
          const programme = buildProgrammeTrain(
            {
              frequencyHz,
              onS,
              offS,
              repetitions,
              pulseWidthUs,
              intensityMa,
              ...(modelId.startsWith('ding2003') ? {} : { rampUpS: onS / 4 }),
              ...(doublet && frequencyHz < 150 ? { doubletIntervalMs: 5 } : {}),
            },
            model,
          );
          const options = { endS: programme.endS, contractionStartsS: programme.contractionStartsS };
          const normal = simulateForce(model, programme.train, options);
          const tight = simulateForce(model, programme.train, { ...options, relativeTolerance: 1e-13 });
          const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-3);
          expect(relative(normal.peakForceN, tight.peakForceN)).toBeLessThanOrEqual(1e-6);
          expect(relative(normal.forceTimeIntegralNs, tight.forceTimeIntegralNs)).toBeLessThanOrEqual(1e-6);
        },
      ),
      { numRuns: 25, seed: 20261121 },
    );
  });
});

describe('simulateForce', () => {
  it('reports one contraction per train, fatigue over 60 trains, and a fatigue state that moved', () => {
    const model = FORCE_MODELS['ding2003-fatigue'];
    const programme = buildProgrammeTrain({ frequencyHz: 30, onS: 1, offS: 1, repetitions: 60 }, model);
    const result = simulateForce(model, programme.train, {
      endS: programme.endS,
      contractionStartsS: programme.contractionStartsS,
    });
    expect(result.contractions).toHaveLength(60);
    expect(result.contractions[59].startS).toBeCloseTo(118, 12);
    expect(result.fatigueIndex).toBeLessThan(1);
    expect(result.fatigueIndex).toBeCloseTo(
      result.contractions[59].peakForceN / result.contractions[0].peakForceN,
      14,
    );
    expect(result.finalState.A).toBeLessThan(3009);
    expect(result.finalState.tau1).toBeGreaterThan(0.050957);
    expect(result.finalState.Km).toBeGreaterThan(0.103);
    const sum = result.contractions.reduce((total, c) => total + c.forceTimeIntegralNs, 0);
    expect(sum).toBeCloseTo(result.forceTimeIntegralNs, 6);
  });

  it('values each contraction peak of the 120-s protocol to 5e-8 of a 1e-13 solution', () => {
    // The peak inside a step is valued by a step landing on it, not by the interpolant, whose error
    // in the long steps after each train's last pulse made the largest peak error 1.14e-7.
    const model = FORCE_MODELS['ding2003-fatigue'];
    const programme = buildProgrammeTrain({ frequencyHz: 30, onS: 1, offS: 1, repetitions: 60 }, model);
    const options = { endS: programme.endS, contractionStartsS: programme.contractionStartsS };
    const normal = simulateForce(model, programme.train, options);
    const tight = simulateForce(model, programme.train, { ...options, relativeTolerance: 1e-13 });
    let largest = 0;
    normal.contractions.forEach((contraction, i) => {
      const exact = tight.contractions[i].peakForceN;
      largest = Math.max(largest, Math.abs(contraction.peakForceN - exact) / exact);
    });
    expect(largest).toBeLessThan(5e-8);
    expect(largest).toBeGreaterThan(0);
  });

  it('carries fatigue as one drive and still lands on the published five equations', () => {
    // A fine fixed-step RK4 of [Cn, F, A, τ1, Km] in their published form, pulses on its grid.
    const model = FORCE_MODELS['ding2003-fatigue'];
    const train = { timesS: Array.from({ length: 15 }, (_, i) => i * 0.03) };
    const endS = 0.6;
    let y = [0, 0, 3009, 0.050957, 0.103];
    const stepsPerInterval = 600;
    const h = 0.03 / stepsPerInterval;
    for (let step = 0; step < 20 * stepsPerInterval; step += 1) {
      // Written as the pulse times are, so that a step starts exactly on its pulse.
      const t = Math.floor(step / stepsPerInterval) * 0.03 + (step % stepsPerInterval) * h;
      const rate = (at: number, state: number[]) =>
        publishedDerivatives(model, train, at, {
          cn: state[0],
          forceN: state[1],
          A: state[2],
          tau1: state[3],
          Km: state[4],
        });
      const k1 = rate(t, y);
      const k2 = rate(
        t + h / 2,
        y.map((v, i) => v + (h / 2) * k1[i]),
      );
      const k3 = rate(
        t + h / 2,
        y.map((v, i) => v + (h / 2) * k2[i]),
      );
      // The end of a step on a pulse belongs to the interval before it.
      const k4 = rate(
        t + h * (1 - 1e-9),
        y.map((v, i) => v + h * k3[i]),
      );
      y = y.map((v, i) => v + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
    }
    const result = simulateForce(model, train, { endS });
    const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    expect(relative(result.finalState.forceN, y[1])).toBeLessThanOrEqual(1e-7);
    expect(relative(result.finalState.A, y[2])).toBeLessThanOrEqual(1e-8);
    expect(relative(result.finalState.tau1, y[3])).toBeLessThanOrEqual(1e-8);
    expect(relative(result.finalState.Km, y[4])).toBeLessThanOrEqual(1e-8);
    // Fatigue moved all three by more than the tolerance.
    expect(relative(y[2], 3009)).toBeGreaterThan(1e-4);
    expect(relative(y[3], 0.050957)).toBeGreaterThan(1e-4);
  });

  it('without fatigue, identical trains give identical contractions and the rest state', () => {
    const model = FORCE_MODELS.ding2003;
    const programme = buildProgrammeTrain({ frequencyHz: 30, onS: 1, offS: 2, repetitions: 3 }, model);
    const result = simulateForce(model, programme.train, {
      endS: programme.endS,
      contractionStartsS: programme.contractionStartsS,
    });
    expect(result.fatigueIndex).toBeCloseTo(1, 7);
    expect(result.finalState).toMatchObject({ A: 3009, tau1: 0.050957, Km: 0.103 });
  });

  it('produces no force without pulses, or below the recruitment threshold', () => {
    expect(simulateForce(FORCE_MODELS.ding2003, { timesS: [] }, { endS: 2 }).peakForceN).toBe(0);
    const weak = simulateForce(FORCE_MODELS.hmed2018, {
      timesS: [0, 0.03, 0.06],
      intensitiesMa: [10, 12, 15],
    });
    expect(weak.peakForceN).toBe(0);
  });

  it('a twitch peaks after the pulse, its peak that of a tight solution and of the densest sampling', () => {
    const model = FORCE_MODELS.ding2003;
    const samples = Array.from({ length: 20001 }, (_, i) => i * 1e-5);
    const result = simulateForce(model, { timesS: [0] }, { endS: 0.2, sampleTimesS: samples });
    const tight = simulateForce(model, { timesS: [0] }, { endS: 0.2, relativeTolerance: 1e-13 });
    expect(Math.abs(result.peakForceN - tight.peakForceN)).toBeLessThan(1e-7 * tight.peakForceN);
    const sampledPeak = Math.max(...result.sampledForceN);
    expect(Math.abs(result.peakForceN - sampledPeak)).toBeLessThan(1e-7 * result.peakForceN);
    const peakIndex = result.sampledForceN.indexOf(sampledPeak);
    expect(samples[peakIndex]).toBeGreaterThan(0.02);
    expect(samples[peakIndex]).toBeLessThan(0.1);
  });

  it('refuses trains the model cannot use, saying what is needed', () => {
    expect(() => simulateForce(FORCE_MODELS.ding2007, { timesS: [0, 0.1] })).toThrow(/needs a width/);
    expect(() => simulateForce(FORCE_MODELS.hmed2018, { timesS: [0], intensitiesMa: [-1] })).toThrow(
      /intensity must be/,
    );
    expect(() => simulateForce(FORCE_MODELS.ding2003, { timesS: [0.1, 0.05] })).toThrow(/increase strictly/);
    expect(() => simulateForce(FORCE_MODELS.ding2003, { timesS: [0] }, { endS: -1 })).toThrow(/positive/);
    expect(() =>
      simulateForce(FORCE_MODELS.ding2003, { timesS: [0] }, { contractionStartsS: [0.5] }),
    ).toThrow(/begin with 0/);
  });
});
