import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalciumTransient } from './calcium.ts';
import { publishedDerivatives } from './derivatives.ts';
import { FORCE_MODELS, facilitationCeiling, pulseAmplitudeCalciumGain } from './model.ts';

const hmed = FORCE_MODELS.hmed2018;

/** Cn by the closed form, summed pulse by pulse. */
function directSum(times: number[], intensities: number[], t: number): number {
  const tauC = hmed.base.tauCalciumS;
  const r0 = facilitationCeiling(hmed.base);
  let cn = 0;
  for (let i = 0; i < times.length && times[i] <= t; i += 1) {
    const r = i === 0 ? 1 : 1 + (r0 - 1) * Math.exp(-(times[i] - times[i - 1]) / tauC);
    const gain = pulseAmplitudeCalciumGain(
      hmed.pulseAmplitude ?? { ar: 0, bsPerMa: 0, isMa: 0, cr: 0 },
      intensities[i],
    );
    const s = (t - times[i]) / tauC;
    cn += gain * r * s * Math.exp(-s);
  }
  return cn;
}

const trains = fc
  .array(
    fc.record({
      gapS: fc.double({ min: 0.002, max: 0.5, noNaN: true }),
      intensityMa: fc.double({ min: 10, max: 120, noNaN: true }),
    }),
    {
      minLength: 1,
      maxLength: 60,
    },
  )
  .map((pulses) => {
    const times: number[] = [];
    let t = 0;
    for (const p of pulses) {
      times.push(t);
      t += p.gapS;
    }
    return { times, intensities: pulses.map((p) => p.intensityMa), endS: t };
  });

describe('CalciumTransient', () => {
  it('equals the pulse-by-pulse closed form for any train', () => {
    fc.assert(
      fc.property(
        trains,
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ times, intensities, endS }, fraction) => {
          const calcium = new CalciumTransient(hmed);
          const t = fraction * endS;
          for (let i = 0; i < times.length && times[i] <= t; i += 1)
            calcium.addPulse(times[i], intensities[i]);
          const expected = directSum(times, intensities, t);
          expect(Math.abs(calcium.at(t) - expected)).toBeLessThanOrEqual(
            1e-12 * Math.max(1, Math.abs(expected)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('solves the published dCn/dt: a fine RK4 of the ODE lands on the closed form', () => {
    const times = [0, 0.025, 0.05, 0.06, 0.2, 0.21, 0.215];
    const intensities = [40, 60, 80, 100, 30, 90, 120];
    const state = { forceN: 0, A: 3009, tau1: 0.050957, Km: 0.103 };
    // Only pulses already delivered force the ODE, so a step ending on a pulse sees its left limit.
    const dcn = (t: number, cn: number, delivered: number) =>
      publishedDerivatives(hmed, { timesS: times.slice(0, delivered), intensitiesMa: intensities }, t, {
        ...state,
        cn,
      })[0];
    const calcium = new CalciumTransient(hmed);
    let cn = 0;
    let t = 0;
    const h = 1e-5;
    const check = [0.01, 0.055, 0.1, 0.212, 0.3];
    let pulse = 0;
    calcium.addPulse(times[0], intensities[0]);
    pulse = 1;
    for (const target of check) {
      while (t < target - 1e-12) {
        // Integrate pulse interval by pulse interval so the forcing is smooth within each RK4 step.
        const nextPulse = pulse < times.length ? times[pulse] : Number.POSITIVE_INFINITY;
        const end = Math.min(t + h, target, nextPulse);
        const step = end - t;
        const k1 = dcn(t, cn, pulse);
        const k2 = dcn(t + step / 2, cn + (step / 2) * k1, pulse);
        const k3 = dcn(t + step / 2, cn + (step / 2) * k2, pulse);
        const k4 = dcn(t + step, cn + step * k3, pulse);
        cn += (step / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
        t = end; // lands exactly on pulses, so no step straddles one
        while (pulse < times.length && times[pulse] <= t) {
          calcium.addPulse(times[pulse], intensities[pulse]);
          pulse += 1;
        }
      }
      expect(cn).toBeCloseTo(calcium.at(target), 9);
    }
  });

  it('is zero before the first pulse', () => {
    expect(new CalciumTransient(FORCE_MODELS.ding2003).at(1)).toBe(0);
  });

  it('gives the stage values of a step in one call, equal to Cn at each stage time', () => {
    const calcium = new CalciumTransient(FORCE_MODELS.ding2003);
    const stages = new Float64Array(5);
    calcium.atStages(0.1, 0.01, 0.11, stages);
    expect([...stages]).toEqual([0, 0, 0, 0, 0]);
    for (const t of [0, 1 / 30, 2 / 30]) calcium.addPulse(t);
    const start = 0.07;
    const step = 0.004;
    calcium.atStages(start, step, start + step, stages);
    const expected = [1 / 5, 3 / 10, 4 / 5, 8 / 9, 1].map((c) => calcium.at(start + c * step));
    expected.forEach((value, i) => {
      expect(stages[i]).toBeCloseTo(value, 13);
    });
    expect(stages[4]).toBeGreaterThan(0.1);
  });

  it('keeps the stage values exact over consecutive steps, a step cut short and a new pulse', () => {
    // Each step's exp(−s) at its start is the previous step's end value; a step cut short to land
    // on a breakpoint and a new pulse each start afresh.
    const calcium = new CalciumTransient(FORCE_MODELS.ding2003);
    const stages = new Float64Array(5);
    const check = (start: number, step: number, end: number) => {
      calcium.atStages(start, step, end, stages);
      [1 / 5, 3 / 10, 4 / 5, 8 / 9].forEach((c, i) => {
        expect(Math.abs(stages[i] / calcium.at(start + c * step) - 1)).toBeLessThan(1e-13);
      });
      expect(Math.abs(stages[4] / calcium.at(end) - 1)).toBeLessThan(1e-13);
    };
    calcium.addPulse(0);
    let t = 0;
    for (const step of [0.0007, 0.003, 0.004, 0.0052, 0.0071, 0.0067]) {
      check(t, step, t + step);
      t += step;
    }
    check(t, 1 / 30 - t, 1 / 30); // the last step of the interval, landing on the next pulse
    calcium.addPulse(1 / 30);
    check(1 / 30, 0.0007, 1 / 30 + 0.0007);
    check(1 / 30 + 0.0007, 0.02, 1 / 30 + 0.0207);
    // δ/90 just under and over 1/32, where exp(−δ/90) changes from a polynomial to Math.exp.
    check(0.2, 0.056, 0.256);
    check(0.256, 0.057, 0.313);
    check(2, 0.5, 2.5); // long after the pulse: exp(−s) near 1e-44
  });
});
