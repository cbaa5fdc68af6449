import { describe, expect, it } from 'vitest';
import {
  closedFormSize,
  simulateTurnover,
  simulateTurnoverWithSensitivities,
  steadyStateChangePct,
  type TurnoverCourse,
  type TurnoverRateDerivatives,
} from './muscle-turnover.ts';

const S0 = 0.0126;

/** Constant drive A = 1 − σ from t = 0 (carried by the nutrition factor, which has no onset lag). */
const constantRates = (sigma: number, kappa: number): TurnoverCourse => ({
  baselineSynthesisPerDay: S0,
  homeostasisExponent: 3,
  synthesisSuppression: 0,
  suppressionOnsetDays: 1.5,
  transientBreakdown: 0,
  transientBreakdownDays: 4,
  sustainedBreakdown: kappa,
  nutritionFactor: 1 - sigma,
  exerciseAnabolicDrive: 0,
  remobiliseAtDay: Number.POSITIVE_INFINITY,
  exerciseFromDay: Number.POSITIVE_INFINITY,
});

/** A course with every time-varying part switched on: onset, transient, remobilisation, training. */
const fullCourse: TurnoverCourse = {
  baselineSynthesisPerDay: S0,
  homeostasisExponent: 4.4,
  synthesisSuppression: 0.48,
  suppressionOnsetDays: 1.5,
  transientBreakdown: 0.37,
  transientBreakdownDays: 4,
  sustainedBreakdown: 0.5,
  nutritionFactor: 0.95,
  exerciseAnabolicDrive: 0.25,
  remobiliseAtDay: 21,
  exerciseFromDay: 35,
};

describe('simulateTurnover', () => {
  it('keeps a muscle at baseline when nothing changes', () => {
    const out = simulateTurnover(
      {
        ...fullCourse,
        synthesisSuppression: 0,
        transientBreakdown: 0,
        sustainedBreakdown: 0,
        nutritionFactor: 1,
        exerciseFromDay: Number.POSITIVE_INFINITY,
      },
      60,
      new Float64Array(61),
    );
    for (const value of out) expect(value).toBe(0);
  });

  it('matches the closed form under constant rates to 1e-7 percentage points', () => {
    for (const [sigma, kappa] of [
      [0.47, 0],
      [0.2, 1.5],
      [0.05, 0],
    ] as const) {
      const out = simulateTurnover(constantRates(sigma, kappa), 200, new Float64Array(201));
      for (const day of [1, 5, 14, 60, 200]) {
        const exact = closedFormSize(S0, 3, 1 - sigma, kappa, day);
        expect(Math.abs((out[day] as number) - exact)).toBeLessThan(1e-7);
      }
    }
  });

  it('closed form: a 47 % synthesis fall with γ = 3 costs 6.90 % in 14 days', () => {
    // u(14) = 0.53 + 0.47·e^{−3·0.0126·14}; m = u^{1/3}
    const u = 0.53 + 0.47 * Math.exp(-3 * S0 * 14);
    expect(closedFormSize(S0, 3, 0.53, 0, 14)).toBeCloseTo(100 * (u ** (1 / 3) - 1), 12);
    expect(closedFormSize(S0, 3, 0.53, 0, 14)).toBeCloseTo(-6.9034, 4);
  });

  it('settles at the steady state (A/(1+b))^(1/γ) under constant disuse', () => {
    const out = simulateTurnover(constantRates(0.47, 0), 3650, new Float64Array(3651));
    expect(out[3650] as number).toBeCloseTo(steadyStateChangePct(3, 0.53, 0), 8);
    expect(steadyStateChangePct(3, 0.53, 0)).toBeCloseTo(-19.07, 2);
  });

  it('converges: ¼-day steps within 1e-7 relative of 1/512-day steps over a time-varying course', () => {
    const days = 70;
    const coarse = simulateTurnover(fullCourse, days, new Float64Array(days + 1), 4);
    const fine = simulateTurnover(fullCourse, days, new Float64Array(days + 1), 512);
    let worst = 0;
    for (let day = 1; day <= days; day += 1) {
      const size = 1 + (fine[day] as number) / 100;
      worst = Math.max(worst, Math.abs((coarse[day] as number) - (fine[day] as number)) / 100 / size);
    }
    expect(worst).toBeLessThan(1e-7);
    // and the one-step-per-day solution is visibly worse, so the test can tell steps apart
    const daily = simulateTurnover(fullCourse, days, new Float64Array(days + 1), 1);
    expect(Math.abs((daily[10] as number) - (fine[10] as number))).toBeGreaterThan(1e-7);
  });

  it('loses while immobilised, regains after remobilisation and grows with training', () => {
    const out = simulateTurnover(fullCourse, 70, new Float64Array(71));
    expect(out[21] as number).toBeLessThan(out[10] as number);
    expect(out[35] as number).toBeGreaterThan(out[21] as number);
    expect((out[70] as number) - (out[35] as number)).toBeGreaterThan(
      (out[35] as number) - (out[21] as number),
    );
  });
});

describe('simulateTurnoverWithSensitivities', () => {
  // Two made-up parameters that move every rate: q1 moves σ, β and κ; q2 moves σ and ρ the other way.
  const first: TurnoverRateDerivatives = {
    synthesisSuppression: 0.21,
    transientBreakdown: 0.37,
    sustainedBreakdown: 0.5,
    exerciseAnabolicDrive: 0,
  };
  const second: TurnoverRateDerivatives = {
    synthesisSuppression: -0.08,
    transientBreakdown: -0.11,
    sustainedBreakdown: 0.02,
    exerciseAnabolicDrive: 0.25,
  };
  const moved = (d: TurnoverRateDerivatives, by: number): TurnoverCourse => ({
    ...fullCourse,
    synthesisSuppression: fullCourse.synthesisSuppression + by * d.synthesisSuppression,
    transientBreakdown: fullCourse.transientBreakdown + by * d.transientBreakdown,
    sustainedBreakdown: fullCourse.sustainedBreakdown + by * d.sustainedBreakdown,
    exerciseAnabolicDrive: fullCourse.exerciseAnabolicDrive + by * d.exerciseAnabolicDrive,
  });
  const days = 70;
  const out = new Float64Array(days + 1);
  const outFirst = new Float64Array(days + 1);
  const outSecond = new Float64Array(days + 1);
  simulateTurnoverWithSensitivities(fullCourse, first, second, days, out, outFirst, outSecond);

  it('gives the same path as simulateTurnover', () => {
    const plain = simulateTurnover(fullCourse, days, new Float64Array(days + 1));
    for (let day = 0; day <= days; day += 1) expect(out[day]).toBe(plain[day]);
  });

  it('its derivatives match central differences of simulateTurnover to 1e-7 relative', () => {
    const step = 1e-5;
    for (const [d, sensitivity] of [
      [first, outFirst],
      [second, outSecond],
    ] as const) {
      const up = simulateTurnover(moved(d, step), days, new Float64Array(days + 1));
      const down = simulateTurnover(moved(d, -step), days, new Float64Array(days + 1));
      let scale = 0;
      for (let day = 1; day <= days; day += 1) scale = Math.max(scale, Math.abs(sensitivity[day] as number));
      expect(scale).toBeGreaterThan(1); // the test is not vacuous: a unit of q moves the path by > 1 pp
      for (let day = 1; day <= days; day += 1) {
        const central = ((up[day] as number) - (down[day] as number)) / (2 * step);
        expect(Math.abs((sensitivity[day] as number) - central)).toBeLessThan(1e-7 * scale);
      }
    }
  });

  it('matches the closed form of ∂m/∂κ under constant rates', () => {
    // A = 1 − σ and breakdown 1 + κ held from t = 0: u = u∞ + (1 − u∞)e^{−λt}, u∞ = A/(1+κ), λ = γS0(1+κ).
    const sigma = 0.3;
    const kappa = 0.8;
    const gamma = 3;
    const d: TurnoverRateDerivatives = {
      synthesisSuppression: 0,
      transientBreakdown: 0,
      sustainedBreakdown: 1,
      exerciseAnabolicDrive: 0,
    };
    const o = new Float64Array(31);
    const o1 = new Float64Array(31);
    simulateTurnoverWithSensitivities(constantRates(sigma, kappa), d, d, 30, o, o1, new Float64Array(31));
    const t = 30;
    const steady = (1 - sigma) / (1 + kappa);
    const decay = Math.exp(-gamma * S0 * (1 + kappa) * t);
    const u = steady + (1 - steady) * decay;
    const du = (-steady / (1 + kappa)) * (1 - decay) - (1 - steady) * decay * gamma * S0 * t;
    const exact = (100 / gamma) * u ** (1 / gamma - 1) * du;
    expect(exact).toBeCloseTo(-15.367, 3);
    expect(Math.abs((o1[30] as number) - exact)).toBeLessThan(1e-7);
  });

  it('writes only the recorded days when asked', () => {
    const record = new Uint8Array(days + 1);
    record[14] = 1;
    const o = new Float64Array(days + 1).fill(-99);
    const o1 = new Float64Array(days + 1).fill(-99);
    simulateTurnoverWithSensitivities(
      fullCourse,
      first,
      second,
      days,
      o,
      o1,
      new Float64Array(days + 1),
      record,
    );
    expect(o[14]).toBe(out[14]);
    expect(o1[14]).toBe(outFirst[14]);
    expect(o[13]).toBe(-99);
    expect(o[15]).toBe(-99);
  });
});
