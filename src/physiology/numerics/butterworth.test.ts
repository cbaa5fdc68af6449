import { describe, expect, it } from 'vitest';
import {
  type ButterworthLowPass,
  butterworthPowerResponse,
  designButterworthLowPass,
  filtfilt,
  filtfiltPadLength,
  MAX_BUTTERWORTH_ORDER,
} from './butterworth.ts';
import { seededGaussian } from './seeded-random.ts';

describe('designButterworthLowPass', () => {
  it('gives the textbook 2nd-order coefficients at a cut-off of 0.2 × Nyquist', () => {
    // butter(2, 0.2) in MATLAB/Octave/scipy: b = [0.0674552738890719, 0.134910547778144, 0.0674552738890719],
    // a = [1, −1.14298050253990, 0.412801598096189]; by hand: K = tan(0.1π) = 0.3249197,
    // b0 = K²/(1 + √2·K + K²), a1 = 2(K² − 1)·b0/K², a2 = (1 − √2·K + K²)·b0/K².
    const { sections } = designButterworthLowPass(2, 100, 1000);
    expect(sections).toHaveLength(1);
    const s = sections[0];
    expect(s?.b0).toBeCloseTo(0.0674552738890719, 14);
    expect(s?.b1).toBeCloseTo(0.134910547778144, 14);
    expect(s?.b2).toBeCloseTo(0.0674552738890719, 14);
    expect(s?.a1).toBeCloseTo(-1.1429805025399, 13);
    expect(s?.a2).toBeCloseTo(0.412801598096189, 14);
  });

  it('gives a 4th-order cascade whose sections have damping sin(π/8) and sin(3π/8)', () => {
    const filter = designButterworthLowPass(4, 100, 1000);
    expect(filter.sections).toHaveLength(2);
    const k = Math.tan(0.1 * Math.PI);
    // The denominator 1 + a1 + a2 of a section is 4K²/(1 + 2ζK + K²), so ζ can be read back.
    const zetas = filter.sections.map((s) => {
      const norm = s.b0 / (k * k);
      return (1 / norm - 1 - k * k) / (2 * k);
    });
    expect(zetas[0]).toBeCloseTo(Math.sin(Math.PI / 8), 12);
    expect(zetas[1]).toBeCloseTo(Math.sin((3 * Math.PI) / 8), 12);
  });

  it('has unit DC gain and −3 dB at the cut-off for every order', () => {
    for (let order = 1; order <= 8; order += 1) {
      const filter = designButterworthLowPass(order, 40, 1000);
      const dc = filter.sections.reduce((g, s) => (g * (s.b0 + s.b1 + s.b2)) / (1 + s.a1 + s.a2), 1);
      expect(dc, `order ${order}`).toBeCloseTo(1, 12);
      expect(butterworthPowerResponse(filter, 40)).toBeCloseTo(0.5, 12);
    }
  });

  it('refuses a cut-off at or above Nyquist, an order out of range, and a bad rate', () => {
    expect(() => designButterworthLowPass(4, 500, 1000)).toThrow(
      /below half the sample rate \(500 Hz\); got 500 Hz/,
    );
    expect(() => designButterworthLowPass(0, 10, 1000)).toThrow(/whole number from 1 to 8; got 0/);
    expect(() => designButterworthLowPass(2, 10, Number.NaN)).toThrow(
      /sample rate must be a positive number/,
    );
  });
});

/** Amplitude of a sinusoid of frequency f in x[from..to), by projection on sin and cos. */
function amplitude(x: Float64Array, f: number, fs: number, from: number, to: number): number {
  let s = 0;
  let c = 0;
  for (let i = from; i < to; i += 1) {
    s += (x[i] as number) * Math.sin((2 * Math.PI * f * i) / fs);
    c += (x[i] as number) * Math.cos((2 * Math.PI * f * i) / fs);
  }
  return (2 * Math.hypot(s, c)) / (to - from);
}

describe('filtfilt', () => {
  it('passes each sinusoid with gain |H(f)|² (the forward-backward response), at no phase shift', () => {
    const fs = 1000;
    for (const order of [2, 4]) {
      const filter = designButterworthLowPass(order, 50, fs);
      for (const f of [5, 25, 50, 80, 120]) {
        // Whole periods in the 4000-sample window so the projection is exact.
        const n = 4000;
        const x = Float64Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * f * i) / fs));
        const y = filtfilt(filter, x);
        const gain = amplitude(y, f, fs, 1000, 3000);
        expect(gain, `order ${order}, ${f} Hz`).toBeCloseTo(butterworthPowerResponse(filter, f), 4);
        // Zero phase: the output correlates with the sine, not the cosine.
        let cos = 0;
        for (let i = 1000; i < 3000; i += 1) cos += (y[i] as number) * Math.cos((2 * Math.PI * f * i) / fs);
        expect(Math.abs(cos / 1000), `order ${order}, ${f} Hz phase`).toBeLessThan(1e-4);
      }
    }
  });

  it('leaves a constant unchanged and a straight line unchanged away from its ends', () => {
    const filter = designButterworthLowPass(4, 20, 1000);
    const constant = filtfilt(filter, new Array(200).fill(7.25));
    for (const value of constant) expect(value).toBeCloseTo(7.25, 10);
    const ramp = filtfilt(
      filter,
      Array.from({ length: 1000 }, (_, i) => 3 + 0.01 * i),
    );
    // Away from the ends (where the start-up transient of each pass lives) a line passes unchanged:
    // the forward pass's lag and the backward pass's lead cancel.
    for (let i = 400; i < 600; i += 1) expect(ramp[i]).toBeCloseTo(3 + 0.01 * i, 9);
  });

  it('keeps a symmetric pulse symmetric about the same sample (zero lag)', () => {
    const filter = designButterworthLowPass(4, 30, 1000);
    const n = 1001;
    const pulse = Array.from({ length: n }, (_, i) => Math.max(0, 1 - Math.abs(i - 500) / 40));
    const y = filtfilt(filter, pulse);
    let peak = 0;
    for (let i = 1; i < n; i += 1) if ((y[i] as number) > (y[peak] as number)) peak = i;
    expect(peak).toBe(500);
    for (let k = 1; k < 300; k += 1) expect(y[500 + k]).toBeCloseTo(y[500 - k] as number, 10);
  });

  it('lowers white noise power by the integral of |H|⁴ (its share of the band)', () => {
    const fs = 1000;
    const filter = designButterworthLowPass(4, 50, fs);
    const noise = seededGaussian(7);
    const n = 200_000;
    const x = Float64Array.from({ length: n }, () => noise());
    const y = filtfilt(filter, x);
    let power = 0;
    for (const value of y) power += value * value;
    let expected = 0;
    const steps = 20_000;
    for (let j = 0; j < steps; j += 1) {
      const f = ((j + 0.5) / steps) * (fs / 2);
      expected += butterworthPowerResponse(filter, f) ** 2 / steps;
    }
    expect(power / n / expected).toBeGreaterThan(0.97);
    expect(power / n / expected).toBeLessThan(1.03);
  });

  it('gives the same doubles as running the sections one at a time over a reversed copy, for every order', () => {
    // The textbook forward-backward filter, written plainly: each section over the whole extended
    // signal in turn (transposed direct form II, started in its steady state), then the same over
    // the reversed result. filtfilt runs sections two at a time and backward by index.
    const reference = (filter: ButterworthLowPass, signal: Float64Array): number[] => {
      const n = signal.length;
      const pad = filtfiltPadLength(filter);
      let x = [
        ...Array.from({ length: pad }, (_, k) => 2 * (signal[0] as number) - (signal[pad - k] as number)),
        ...signal,
        ...Array.from(
          { length: pad },
          (_, k) => 2 * (signal[n - 1] as number) - (signal[n - 2 - k] as number),
        ),
      ];
      for (let pass = 0; pass < 2; pass += 1) {
        for (const { b0, b1, b2, a1, a2 } of filter.sections) {
          const y0 = ((b0 + b1 + b2) / (1 + a1 + a2)) * (x[0] as number);
          let z2 = b2 * (x[0] as number) - a2 * y0;
          let z1 = b1 * (x[0] as number) - a1 * y0 + z2;
          x = x.map((input) => {
            const output = b0 * input + z1;
            z1 = b1 * input - a1 * output + z2;
            z2 = b2 * input - a2 * output;
            return output;
          });
        }
        x.reverse();
      }
      return x.slice(pad, pad + n);
    };
    const noise = seededGaussian(11);
    const signal = Float64Array.from({ length: 3000 }, (_, i) => 20 * Math.sin(i / 150) + noise());
    for (let order = 1; order <= MAX_BUTTERWORTH_ORDER; order += 1) {
      const filter = designButterworthLowPass(order, 45, 1000);
      const expected = reference(filter, signal);
      const actual = filtfilt(filter, signal);
      expect(actual).toHaveLength(expected.length);
      const differing = expected.findIndex((value, i) => !Object.is(actual[i], value));
      expect(differing, `order ${order}`).toBe(-1);
    }
  });

  it('needs more samples than the edge extension', () => {
    const filter = designButterworthLowPass(4, 20, 1000);
    expect(filtfiltPadLength(filter)).toBe(15);
    expect(() => filtfilt(filter, new Array(15).fill(0))).toThrow(/more than 15 samples .* got 15/);
  });
});
