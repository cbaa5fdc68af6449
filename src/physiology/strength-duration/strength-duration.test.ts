import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { seededGaussian } from '../numerics/seeded-random.ts';
import {
  CHRONAXIE_BANDS,
  classifyInnervation,
  fitStrengthDuration,
  type StrengthDurationPoint,
  THRESHOLD_DROP_TOLERANCE_FRACTION,
  THRESHOLD_DROP_TOLERANCE_MA,
  thresholdCurrentMa,
  thresholdDropToleranceMa,
} from './strength-duration.ts';

/** The conventional 10-step sweep (gaps.md §1.3; the ladder itself is UNCONFIRMED as a standard). */
const LADDER_MS = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300];

const weiss = (b: number, c: number, widths = LADDER_MS): StrengthDurationPoint[] =>
  widths.map((d) => ({ widthMs: d, thresholdMa: b * (1 + c / d) }));
const lapicque = (b: number, c: number, widths = LADDER_MS): StrengthDurationPoint[] =>
  widths.map((d) => ({ widthMs: d, thresholdMa: b / (1 - Math.exp((-d * Math.LN2) / c)) }));

/** Multiplicative noise, then the running maximum from the long end so the curve stays non-increasing. */
function noisy(points: StrengthDurationPoint[], cv: number, seed: number): StrengthDurationPoint[] {
  const noise = seededGaussian(seed);
  const out = points.map((p) => ({
    widthMs: p.widthMs,
    thresholdMa: p.thresholdMa * Math.exp(cv * noise()),
  }));
  for (let i = out.length - 2; i >= 0; i -= 1) {
    const here = out[i] as StrengthDurationPoint;
    here.thresholdMa = Math.max(here.thresholdMa, (out[i + 1] as StrengthDurationPoint).thresholdMa);
  }
  return out;
}

const relative = (a: number, b: number) => Math.abs(a / b - 1);

describe('fitStrengthDuration recovers known curves', () => {
  it('recovers Weiss b and c to 1e-6 from noiseless points and picks Weiss', () => {
    for (const [b, c] of [
      [6, 0.3],
      [12.5, 0.08],
      [3, 25],
    ] as const) {
      const fit = fitStrengthDuration(weiss(b, c));
      expect(fit.model).toBe('weiss');
      expect(relative(fit.fits.weiss.rheobaseMa, b)).toBeLessThan(1e-6);
      expect(relative(fit.fits.weiss.chronaxieMs, c)).toBeLessThan(1e-6);
      expect(fit.rheobaseMa).toBe(fit.fits.weiss.rheobaseMa);
      expect(fit.goodnessOfFit.rmsRelativeResidual).toBeLessThan(1e-9);
      expect(fit.goodnessOfFit.rSquaredLog).toBeGreaterThan(1 - 1e-12);
      expect(fit.fits.weiss.converged).toBe(true);
    }
  });

  it('recovers Lapicque b and chronaxie τ·ln 2 to 1e-6 from noiseless points and picks Lapicque', () => {
    const fit = fitStrengthDuration(lapicque(6, 0.3));
    expect(fit.model).toBe('lapicque');
    expect(relative(fit.rheobaseMa, 6)).toBeLessThan(1e-6);
    expect(relative(fit.chronaxieMs, 0.3)).toBeLessThan(1e-6);
    expect(relative(fit.fits.lapicque.timeConstantMs as number, 0.3 / Math.LN2)).toBeLessThan(1e-6);
    expect(fit.fits.weiss.timeConstantMs).toBeUndefined();
  });

  it('recovers Weiss b and c from a non-ladder sweep with repeated widths', () => {
    const points = [...weiss(4, 0.5, [0.05, 0.2, 0.5, 2, 8, 50]), { widthMs: 0.5, thresholdMa: 8 }];
    const fit = fitStrengthDuration(points);
    expect(relative(fit.fits.weiss.rheobaseMa, 4)).toBeLessThan(1e-6);
    expect(relative(fit.fits.weiss.chronaxieMs, 0.5)).toBeLessThan(1e-6);
  });

  it('gives the two laws different chronaxies on the same data, as the research notes say', () => {
    // A Weiss curve read through Lapicque: the exponential law rises faster below chronaxie.
    const fit = fitStrengthDuration(weiss(6, 0.3));
    expect(fit.fits.lapicque.chronaxieMs).toBeLessThan(0.3);
    expect(fit.fits.lapicque.goodnessOfFit.aic).toBeGreaterThan(fit.fits.weiss.goodnessOfFit.aic);
  });

  it('keeps the truth within 3 standard errors on noisy data (5 % CV)', () => {
    // Widths on the rising part, far enough apart that 5 % noise keeps the curve non-increasing.
    const widths = [0.03, 0.06, 0.1, 0.2, 0.4, 1, 4];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const noise = seededGaussian(seed);
      const points = weiss(6, 0.3, widths).map((p) => ({
        ...p,
        thresholdMa: p.thresholdMa * (1 + 0.05 * noise()),
      }));
      const fit = fitStrengthDuration(points).fits.weiss;
      expect(Math.abs(fit.rheobaseMa - 6)).toBeLessThan(3 * fit.rheobaseStandardErrorMa);
      expect(Math.abs(fit.chronaxieMs - 0.3)).toBeLessThan(3 * fit.chronaxieStandardErrorMs);
      expect(fit.goodnessOfFit.rmsRelativeResidual).toBeGreaterThan(0.01);
      expect(fit.goodnessOfFit.rmsRelativeResidual).toBeLessThan(0.1);
    }
  });

  it('reports per-point relative residuals in the order given', () => {
    const points = weiss(6, 0.3);
    (points[4] as StrengthDurationPoint).thresholdMa *= 1.2; // 1 ms point 20 % high
    const fit = fitStrengthDuration(points);
    const residuals = fit.fits.weiss.relativeResiduals;
    expect(residuals).toHaveLength(10);
    const worst = residuals.reduce((w, r, i) => (Math.abs(r) > Math.abs(residuals[w] as number) ? i : w), 0);
    expect(worst).toBe(4);
    expect(residuals[4]).toBeLessThan(-0.1);
  });
});

describe('innervation', () => {
  it('classifies a typical normal nerve curve (rheobase 6 mA, chronaxie 0.3 ms) as normal', () => {
    const fit = fitStrengthDuration(noisy(weiss(6, 0.3), 0.03, 11));
    expect(fit.innervation).toBe('normal');
    expect(fit.innervationBasis).toBe('chronaxie-band');
    expect(fit.chronaxieMs).toBeGreaterThan(0.2);
    expect(fit.chronaxieMs).toBeLessThan(0.45);
    expect(fit.kink.detected).toBe(false);
  });

  it('classifies a partial-denervation curve (chronaxie 4 ms) as partial by the UNCONFIRMED band', () => {
    const fit = fitStrengthDuration(noisy(weiss(5, 4), 0.03, 12));
    expect(fit.innervation).toBe('partial-denervation');
    expect(fit.innervationBasis).toBe('chronaxie-band');
  });

  it('classifies a complete-denervation curve (chronaxie 40 ms, no response below 1 ms) as complete', () => {
    const fit = fitStrengthDuration(noisy(weiss(3, 40, [1, 3, 10, 30, 100, 300]), 0.03, 13));
    expect(fit.innervation).toBe('complete-denervation');
  });

  it('detects the partial-denervation kink: nerve curve at short pulses, muscle curve at long', () => {
    // Lower envelope of innervated (8 mA, 0.3 ms) and denervated (4 mA, 20 ms) fibres; they cross where
    // 8 + 2.4/d = 4 + 80/d, i.e. d = 77.6/4 = 19.4 ms.
    const points = LADDER_MS.map((d) => ({
      widthMs: d,
      thresholdMa: Math.min(8 * (1 + 0.3 / d), 4 * (1 + 20 / d)),
    }));
    const fit = fitStrengthDuration(points);
    expect(fit.kink.detected).toBe(true);
    expect(fit.innervation).toBe('partial-denervation');
    expect(fit.innervationBasis).toBe('kink');
    expect(relative(fit.kink.breakWidthMs as number, 19.4)).toBeLessThan(1e-6);
    expect(relative(fit.kink.shortPulseSegment?.chronaxieMs as number, 0.3)).toBeLessThan(1e-6);
    expect(relative(fit.kink.longPulseSegment?.rheobaseMa as number, 4)).toBeLessThan(1e-6);
    expect(fit.kink.aiccImprovement).toBeGreaterThan(10);
    // The single curve alone would have said normal (chronaxie < 1 ms).
    expect(fit.chronaxieMs).toBeLessThan(1);
    // It survives 2 % measurement noise.
    for (const seed of [21, 22, 23])
      expect(fitStrengthDuration(noisy(points, 0.02, seed)).kink.detected).toBe(true);
  });

  it('does not call a kink on single curves, nor on a smooth curve shallower than 1/d', () => {
    const shallow = LADDER_MS.map((d) => ({ widthMs: d, thresholdMa: 6 * (1 + (0.3 / d) ** 0.8) }));
    for (const points of [weiss(6, 0.3), lapicque(6, 0.3), weiss(5, 3), lapicque(3, 30), shallow]) {
      for (const seed of [31, 32, 33, 34]) {
        const fit = fitStrengthDuration(noisy(points, 0.05, seed));
        expect(fit.kink.detected).toBe(false);
      }
    }
    expect(fitStrengthDuration(shallow).kink.reason).toMatch(
      /before the short-pulse segment reaches its plateau/,
    );
  });

  it('does not try a kink with fewer than 6 distinct widths', () => {
    const fit = fitStrengthDuration(weiss(6, 0.3, [0.1, 0.3, 1, 3, 10]));
    expect(fit.kink.detected).toBe(false);
    expect(fit.kink.reason).toMatch(/needs ≥ 6 distinct widths/);
  });

  it('puts the band edges at 1 ms and 10 ms and labels the denervation bands UNCONFIRMED', () => {
    expect(classifyInnervation(0.99)).toBe('normal');
    expect(classifyInnervation(1)).toBe('partial-denervation');
    expect(classifyInnervation(10)).toBe('partial-denervation');
    expect(classifyInnervation(10.01)).toBe('complete-denervation');
    expect(CHRONAXIE_BANDS.map((b) => [b.innervation, b.status])).toEqual([
      ['normal', 'implied by sources'],
      ['partial-denervation', 'UNCONFIRMED'],
      ['complete-denervation', 'UNCONFIRMED'],
    ]);
    const fit = fitStrengthDuration(weiss(6, 0.3));
    expect(fit.evidence.notes.join(' ')).toMatch(
      /1–10 ms = partial and > 10 ms = complete denervation are UNCONFIRMED/,
    );
    expect(fit.evidence.notes.join(' ')).toMatch(/Lapicque .* UNCONFIRMED/);
  });

  it('warns when the chronaxie interval spans a band edge, and when the laws disagree on the class', () => {
    const fit = fitStrengthDuration(noisy(weiss(5, 1.1), 0.08, 41));
    const notes = fit.evidence.notes.join(' ');
    expect(notes).toMatch(/spans the 1 ms band edge/);
    const disagree = fitStrengthDuration(weiss(5, 1.2));
    expect(disagree.fits.lapicque.chronaxieMs).toBeLessThan(1);
    expect(disagree.evidence.notes.join(' ')).toMatch(
      /lapicque chronaxie .* falls in a different band \(normal\)/,
    );
  });
});

describe('fitStrengthDuration input errors', () => {
  const expectInvalid = (points: StrengthDurationPoint[], message: RegExp) => {
    expect(() => fitStrengthDuration(points)).toThrow(InvalidInputError);
    expect(() => fitStrengthDuration(points)).toThrow(message);
  };
  it('rejects fewer than three distinct widths', () => {
    expectInvalid(
      [
        { widthMs: 1, thresholdMa: 10 },
        { widthMs: 1, thresholdMa: 11 },
        { widthMs: 10, thresholdMa: 6 },
      ],
      /needs thresholds at 3 or more distinct pulse widths; got 2 \(1, 10 ms\)/,
    );
    expectInvalid([], /got 0 \(none ms\)/);
  });
  it('rejects non-positive and non-finite values', () => {
    const good = weiss(6, 0.3, [0.1, 1, 10]);
    expectInvalid(
      [...good, { widthMs: 0, thresholdMa: 5 }],
      /point 4: pulse width must be a finite number > 0 ms; got 0/,
    );
    expectInvalid(
      [...good, { widthMs: 3, thresholdMa: -2 }],
      /point 4: threshold must be a finite number > 0 mA; got -2/,
    );
    expectInvalid(
      [...good, { widthMs: Number.NaN, thresholdMa: 5 }],
      /pulse width must be a finite number > 0 ms; got NaN/,
    );
    expectInvalid(
      [...good, { widthMs: 3, thresholdMa: Number.POSITIVE_INFINITY }],
      /threshold must be a finite number > 0 mA; got Infinity/,
    );
  });
  it('rejects thresholds that fall as pulses get shorter', () => {
    expectInvalid(
      [
        { widthMs: 0.1, thresholdMa: 20 },
        { widthMs: 0.3, thresholdMa: 9 },
        { widthMs: 1, thresholdMa: 10 },
        { widthMs: 10, thresholdMa: 6 },
      ],
      /threshold 9 mA at 0.3 ms is below threshold 10 mA at the longer width 1 ms by more than the measurement tolerance \(5 % or 0.5 mA, whichever is larger\): a strength–duration curve must not fall as pulses get shorter/,
    );
    // Just beyond the tolerance: 20 mA allows a drop of 1 mA (5 %), so 18.99 mA is a fall.
    expectInvalid(
      [
        { widthMs: 0.1, thresholdMa: 40 },
        { widthMs: 1, thresholdMa: 18.99 },
        { widthMs: 10, thresholdMa: 20 },
      ],
      /threshold 18.99 mA at 1 ms is below threshold 20 mA at the longer width 10 ms/,
    );
    // At low thresholds the 0.5 mA floor applies: 3 mA allows 0.5 mA, so 2.49 mA is a fall.
    expectInvalid(
      [
        { widthMs: 0.1, thresholdMa: 9 },
        { widthMs: 1, thresholdMa: 2.49 },
        { widthMs: 10, thresholdMa: 3 },
      ],
      /threshold 2.49 mA at 1 ms is below threshold 3 mA/,
    );
    // Thresholds that rise with width throughout.
    expectInvalid(
      [0.1, 1, 10].map((d) => ({ widthMs: d, thresholdMa: 5 + d })),
      /threshold 6 mA at 1 ms is below threshold 15 mA at the longer width 10 ms/,
    );
  });
  it('accepts plateau scatter within the measurement tolerance (5 % or 0.5 mA, whichever is larger)', () => {
    expect(THRESHOLD_DROP_TOLERANCE_FRACTION).toBe(0.05);
    expect(THRESHOLD_DROP_TOLERANCE_MA).toBe(0.5);
    expect(thresholdDropToleranceMa(6.1)).toBe(0.5);
    expect(thresholdDropToleranceMa(20)).toBe(1);
    // 6.0 mA at 100 ms below 6.1 mA at 300 ms: ordinary scatter on the rheobase plateau.
    const widths = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300];
    const points = weiss(6, 0.3, widths).map((p) =>
      p.widthMs === 100
        ? { widthMs: 100, thresholdMa: 6.0 }
        : p.widthMs === 300
          ? { widthMs: 300, thresholdMa: 6.1 }
          : p,
    );
    const fit = fitStrengthDuration(points);
    expect(fit.innervation).toBe('normal');
    expect(Math.abs(fit.rheobaseMa / 6 - 1)).toBeLessThan(0.02);
    expect(Math.abs(fit.chronaxieMs / 0.3 - 1)).toBeLessThan(0.05);
    // Exactly at the edges: 20 − 1 = 19 mA (5 %) and 3 − 0.5 = 2.5 mA (floor) still pass.
    for (const [shortMa, middleMa, longMa] of [
      [40, 19, 20],
      [9, 2.5, 3],
    ]) {
      expect(() =>
        fitStrengthDuration([
          { widthMs: 0.1, thresholdMa: shortMa },
          { widthMs: 1, thresholdMa: middleMa },
          { widthMs: 10, thresholdMa: longMa },
        ]),
      ).not.toThrow();
    }
  });
  it('rejects a non-list and too many points', () => {
    expect(() => fitStrengthDuration('0.1:5' as never)).toThrow(/must be a list of \{widthMs, thresholdMa\}/);
    expect(() =>
      fitStrengthDuration(
        weiss(
          6,
          0.3,
          Array.from({ length: 501 }, (_, i) => i + 1),
        ),
      ),
    ).toThrow(/at most 500 strength–duration points/);
  });
  it('rejects a negative chronaxie in classifyInnervation', () => {
    expect(() => classifyInnervation(-1)).toThrow(/chronaxie must be a finite number ≥ 0 ms; got -1/);
  });
});

describe('thresholdCurrentMa', () => {
  it('doubles the rheobase at the chronaxie, for both laws (the definition of chronaxie)', () => {
    expect(thresholdCurrentMa('weiss', 6, 0.3, 0.3)).toBeCloseTo(12, 12);
    expect(thresholdCurrentMa('lapicque', 6, 0.3, 0.3)).toBeCloseTo(12, 12);
  });

  it('gives each law in closed form away from the chronaxie', () => {
    expect(thresholdCurrentMa('weiss', 6, 0.3, 3)).toBeCloseTo(6.6, 12);
    expect(thresholdCurrentMa('weiss', 6, 0.3, 0.03)).toBeCloseTo(66, 12);
    expect(thresholdCurrentMa('lapicque', 6, 0.3, 3)).toBeCloseTo((6 * 1024) / 1023, 12);
    expect(thresholdCurrentMa('lapicque', 6, 0.3, 0.15)).toBeCloseTo(6 / (1 - Math.SQRT1_2), 12);
  });

  it('redraws the curve a fit recovered', () => {
    const widths = [0.05, 0.1, 0.3, 1, 3, 10, 30, 100];
    const fit = fitStrengthDuration(
      widths.map((widthMs) => ({ widthMs, thresholdMa: 4 * (1 + 2 / widthMs) })),
    );
    for (const w of widths) {
      expect(thresholdCurrentMa(fit.model, fit.rheobaseMa, fit.chronaxieMs, w)).toBeCloseTo(
        4 * (1 + 2 / w),
        6,
      );
    }
  });
});
