import { describe, expect, it } from 'vitest';
import { FORCE_MODELS } from './model.ts';
import { buildProgrammeTrain } from './programme-train.ts';

describe('buildProgrammeTrain', () => {
  it('places pulses at t0 + k/f while inside the on time, trains every on + off', () => {
    const { train, contractionStartsS, endS } = buildProgrammeTrain(
      { frequencyHz: 30, onS: 1, offS: 1, repetitions: 60 },
      FORCE_MODELS['ding2003-fatigue'],
    );
    expect(train.timesS).toHaveLength(1800);
    expect(contractionStartsS).toHaveLength(60);
    expect(endS).toBe(120);
    expect(train.timesS[29]).toBeCloseTo(29 / 30, 15);
    expect(train.timesS[30]).toBe(2);
    expect(train.timesS[1799]).toBeCloseTo(118 + 29 / 30, 12);
  });

  it('leaves out a pulse that falls on the end of the on time (1e-9 tolerance)', () => {
    // 0.1 s at 10 Hz: 0.1·10 = 1 pulse only, though 1/10 accumulates rounding error.
    const { train } = buildProgrammeTrain(
      { frequencyHz: 10, onS: 0.3, offS: 0, repetitions: 1 },
      FORCE_MODELS.ding2003,
    );
    expect(train.timesS).toEqual([0, 0.1, 0.2]);
  });

  it('ramps the width of a width model, from above zero to full and back', () => {
    const { train } = buildProgrammeTrain(
      { frequencyHz: 10, onS: 2, offS: 1, repetitions: 1, pulseWidthUs: 300, rampUpS: 0.5, rampDownS: 0.5 },
      FORCE_MODELS.ding2007,
    );
    const widths = train.widthsUs ?? [];
    expect(widths.slice(0, 6).map((w) => Math.round(w))).toEqual([60, 120, 180, 240, 300, 300]);
    expect(Math.round(widths[19])).toBe(60); // τ = 1.9 s, 0.1 s before the end of a 0.5 s ramp-down
  });

  it('ramps the intensity of an amplitude model and adds onset doublets', () => {
    const { train } = buildProgrammeTrain(
      {
        frequencyHz: 20,
        onS: 1,
        offS: 1,
        repetitions: 2,
        intensityMa: 80,
        rampUpS: 0.2,
        doubletIntervalMs: 5,
      },
      FORCE_MODELS.hmed2018,
    );
    expect(train.timesS.slice(0, 3)).toEqual([0, 0.005, 0.05]);
    expect(train.timesS).toHaveLength(42);
    expect(train.intensitiesMa?.[0]).toBeCloseTo(80 * 0.25, 12);
    expect(train.intensitiesMa?.[1]).toBeCloseTo(80 * (0.055 / 0.2), 12);
    expect(train.timesS[21]).toBe(2);
  });

  it('stops at an explicit end', () => {
    const { train, contractionStartsS } = buildProgrammeTrain(
      { frequencyHz: 30, onS: 1, offS: 1, repetitions: 10, endS: 3.5 },
      FORCE_MODELS.ding2003,
    );
    expect(contractionStartsS).toEqual([0, 2]);
    expect(train.timesS).toHaveLength(60);
  });

  it('refuses what cannot be built, saying what is allowed', () => {
    const ding = FORCE_MODELS.ding2003;
    expect(() => buildProgrammeTrain({ frequencyHz: 0, onS: 1, offS: 1, repetitions: 1 }, ding)).toThrow(
      /frequency \(Hz\) must be a number from 0.1 to 1000/,
    );
    expect(() => buildProgrammeTrain({ frequencyHz: 30, onS: 1, offS: 1, repetitions: 1.5 }, ding)).toThrow(
      /whole number/,
    );
    expect(() =>
      buildProgrammeTrain({ frequencyHz: 30, onS: 1, offS: 1, repetitions: 1, rampUpS: 0.5 }, ding),
    ).toThrow(/cannot change its force/);
    expect(() =>
      buildProgrammeTrain({ frequencyHz: 30, onS: 1, offS: 1, repetitions: 1 }, FORCE_MODELS.ding2007),
    ).toThrow(/pulse width in µs/);
    expect(() =>
      buildProgrammeTrain(
        { frequencyHz: 30, onS: 1, offS: 1, repetitions: 1, intensityMa: 50, rampUpS: 0.7, rampDownS: 0.7 },
        FORCE_MODELS.hmed2018,
      ),
    ).toThrow(/must fit within the on time/);
    expect(() =>
      buildProgrammeTrain({ frequencyHz: 100, onS: 1, offS: 1, repetitions: 1, doubletIntervalMs: 12 }, ding),
    ).toThrow(/shorter than the pulse period/);
    expect(() =>
      buildProgrammeTrain({ frequencyHz: 1000, onS: 3600, offS: 0, repetitions: 100 }, ding),
    ).toThrow(/at most 2000000/);
  });
});
