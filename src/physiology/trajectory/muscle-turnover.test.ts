import { describe, expect, it } from 'vitest';
import {
  closedFormSize,
  simulateTurnover,
  steadyStateChangePct,
  type TurnoverCourse,
} from './muscle-turnover.ts';

const S0 = 0.0126;

/** Constant drive A = 1 − σ from t = 0 (carried by the nutrition factor, which has no onset lag). */
const constantRates = (sigma: number, kappa: number, gamma = 3): TurnoverCourse => ({
  baselineSynthesisPerDay: S0,
  disuseHomeostasisExponent: gamma,
  recoveryHomeostasisExponent: 4,
  trainingHomeostasisExponent: 0.4,
  synthesisSuppression: 0,
  suppressionOnsetDays: 1.5,
  transientBreakdown: 0,
  transientBreakdownDays: 4,
  sustainedBreakdown: kappa,
  nutritionFactor: 1 - sigma,
  recoveryPlateau: 1,
  recoveryResidualShare: 0,
  trainingDrive: 0,
  remobiliseAtDay: Number.POSITIVE_INFINITY,
  trainingFromDay: Number.POSITIVE_INFINITY,
});

/** A course with every time-varying part switched on: onset, transient, remobilisation, training. */
const fullCourse: TurnoverCourse = {
  baselineSynthesisPerDay: S0,
  disuseHomeostasisExponent: 1.3,
  recoveryHomeostasisExponent: 4.4,
  trainingHomeostasisExponent: 0.4,
  synthesisSuppression: 0.48,
  suppressionOnsetDays: 1.5,
  transientBreakdown: 0.37,
  transientBreakdownDays: 4,
  sustainedBreakdown: 0.5,
  nutritionFactor: 0.95,
  recoveryPlateau: 0.98,
  recoveryResidualShare: 0.2,
  trainingDrive: 0.25,
  remobiliseAtDay: 21,
  trainingFromDay: 35,
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
        recoveryPlateau: 1,
        trainingFromDay: Number.POSITIVE_INFINITY,
      },
      60,
      new Float64Array(61),
    );
    for (const value of out) expect(Math.abs(value)).toBeLessThan(1e-12);
  });

  it('matches the closed form under constant rates to 1e-7 percentage points', () => {
    for (const [sigma, kappa, gamma] of [
      [0.47, 0, 3],
      [0.2, 1.5, 1.3],
      [0.05, 0, 0.5],
    ] as const) {
      const out = simulateTurnover(constantRates(sigma, kappa, gamma), 200, new Float64Array(201));
      for (const day of [1, 5, 14, 60, 200]) {
        const exact = closedFormSize(S0, gamma, 1 - sigma, kappa, day);
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

  it('grows by the closed form of its own factor under training alone', () => {
    // g^γt relaxes to 1 + ρ: the closed form with A = 1 + ρ and no breakdown rise.
    const course = { ...constantRates(0, 0), remobiliseAtDay: 0, trainingDrive: 0.3, trainingFromDay: 0 };
    const out = simulateTurnover(course, 120, new Float64Array(121));
    for (const day of [7, 35, 120]) {
      expect(Math.abs((out[day] as number) - closedFormSize(S0, 0.4, 1.3, 0, day))).toBeLessThan(1e-7);
    }
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
    expect(out[70] as number).toBeGreaterThan(out[35] as number);
  });

  it('is continuous at remobilisation although the homeostasis exponent changes there', () => {
    const out = simulateTurnover(fullCourse, 22, new Float64Array(23));
    const stayed = simulateTurnover(
      { ...fullCourse, remobiliseAtDay: Number.POSITIVE_INFINITY },
      22,
      new Float64Array(23),
    );
    // Identical up to the switch; the first day after it starts from the same size and regrows.
    expect(out[21]).toBe(stayed[21]);
    expect(out[22] as number).toBeGreaterThan(out[21] as number);
    expect((out[22] as number) - (out[21] as number)).toBeLessThan(
      -0.1 * (out[21] as number), // a day regains less than a tenth of the loss
    );
  });

  it('without training, regrowth stops short by the residual share of the loss at remobilisation', () => {
    const course = {
      ...fullCourse,
      trainingFromDay: Number.POSITIVE_INFINITY,
      nutritionFactor: 1,
      recoveryPlateau: 1,
    };
    const out = simulateTurnover(course, 3000, new Float64Array(3001));
    const lossAtRemobilisation = -(out[21] as number);
    expect(out[3000] as number).toBeCloseTo(-0.2 * lossAtRemobilisation, 6);
  });
});
