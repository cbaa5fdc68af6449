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

  it('gives the sums a and b of Cn = exp(−s)·(s·a + b) that the force integrator evaluates itself', () => {
    const calcium = new CalciumTransient(FORCE_MODELS.ding2003);
    expect([calcium.latestPulseS, calcium.pulseSumA, calcium.pulseSumB]).toEqual([Number.NaN, 0, 0]);
    for (const t of [0, 1 / 30, 2 / 30]) calcium.addPulse(t);
    expect(calcium.latestPulseS).toBe(2 / 30);
    for (const t of [2 / 30, 0.07, 0.1, 0.5]) {
      const s = (t - 2 / 30) * calcium.perTauCalcium;
      const cn = Math.exp(-s) * (s * calcium.pulseSumA + calcium.pulseSumB);
      expect(Math.abs(cn / calcium.at(t) - 1)).toBeLessThan(1e-14);
    }
    expect(calcium.pulseSumB).toBeGreaterThan(0); // the earlier pulses' share, still rising
  });
});
