import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StimulationProgramme } from '../programme/stimulation-types.ts';
import {
  checkOutputSafety,
  energyPerPulseMj,
  LIMIT_ROUNDING_TOLERANCE,
  MAX_ENERGY_PER_PULSE_MJ,
  MAX_RMS_CURRENT_MA,
  maxCompliantPeakMa,
  rmsCurrentMa,
} from './output-safety.ts';

function programme(overrides: {
  peakMa?: number;
  phaseWidthUs?: number;
  frequencyHz?: number;
  sizeCm2?: number;
  shape?: 'rectangular' | 'triangular';
  sites?: [string, 'left' | 'right', string, 'left' | 'right'];
}): StimulationProgramme {
  const [siteA, sideA, siteB, sideB] = overrides.sites ?? ['quadriceps', 'left', 'quadriceps', 'left'];
  const size = overrides.sizeCm2 ?? 50;
  return {
    kind: 'nmes',
    muscle: 'quadriceps',
    side: 'left',
    channels: [
      {
        electrodes: [
          { site: siteA, side: sideA, position: 'proximal', landmark: '', sizeCm2: size },
          { site: siteB, side: sideB, position: 'distal', landmark: '', sizeCm2: size },
        ],
      },
    ],
    waveform: {
      phases: 'biphasic',
      balance: 'symmetric',
      pulseShape: overrides.shape ?? 'rectangular',
      interphaseGapUs: 0,
    },
    pulseWidth: { phaseWidthUs: overrides.phaseWidthUs ?? 300, basis: 'default', rule: '' },
    levels: [
      {
        level: 1,
        fromWeek: 1,
        toWeek: 2,
        sessionsPerDay: 1,
        sessionsPerWeek: 5,
        progressWhen: '',
        blocks: [
          {
            kind: 'work',
            minutes: 20,
            frequencyHz: overrides.frequencyHz ?? 35,
            phaseWidthUs: overrides.phaseWidthUs ?? 300,
            cycle: { onS: 6, offS: 12, rampUpS: 1.5, rampDownS: 0.75 },
            maxIntensityMa: overrides.peakMa ?? 100,
            intensityTarget: '',
          },
        ],
      },
    ],
    intensityRule: '',
    progressionRules: [],
    sources: [],
  };
}

describe('output-safety formulas', () => {
  it('computes r.m.s. current, energy and charge for a symmetric biphasic pulse', () => {
    // 100 mA, 300 µs per phase, 35 Hz: I_rms = 100·√(2·300·35·10⁻⁶) = 100·√0.021.
    const report = checkOutputSafety(programme({}));
    expect(report.ok).toBe(true);
    expect(report.rmsCurrentMa).toBeCloseTo(100 * Math.sqrt(0.021), 10);
    expect(report.rmsCurrentMa).toBeCloseTo(14.4914, 4);
    // E = (0.1 A)²·500 Ω·600 µs = 3 mJ; Q = 100 mA·300 µs = 30 µC per phase.
    expect(report.energyPerPulseMj).toBeCloseTo(3, 10);
    expect(report.settings[0]?.chargePerPhaseUc).toBeCloseTo(30, 10);
    expect(report.currentDensityMaPerCm2).toBeCloseTo((100 * Math.sqrt(0.021)) / 50, 10);
  });

  it('reproduces the manual example: 50 mA r.m.s. over 25 cm² is 2 mA/cm²', () => {
    // A single rectangular phase at 100 % duty: I_rms = I_peak.
    expect(
      rmsCurrentMa({
        peakCurrentMa: 50,
        phaseWidthUs: 1e6,
        frequencyHz: 1,
        pulseShape: 'rectangular',
        phasesPerPulse: 1,
      }),
    ).toBe(50);
  });

  it('counts a triangular phase at a third of the mean square', () => {
    const biphasic80MaOf100Ms = (pulseShape: 'rectangular' | 'triangular') =>
      energyPerPulseMj({ peakCurrentMa: 80, phaseWidthUs: 100_000, pulseShape, phasesPerPulse: 2 });
    const rect = biphasic80MaOf100Ms('rectangular');
    const tri = biphasic80MaOf100Ms('triangular');
    expect(rect).toBeCloseTo(640, 10); // 0.08² · 500 · 0.2 s = 0.64 J
    expect(tri).toBeCloseTo(640 / 3, 10);
  });

  it('passes a setting exactly at the energy limit (100 mA, 30 ms phases = 300 mJ) and refuses 0.1 mA more', () => {
    expect(checkOutputSafety(programme({ peakMa: 100, phaseWidthUs: 30_000, frequencyHz: 1.5 })).ok).toBe(
      true,
    );
    expect(checkOutputSafety(programme({ peakMa: 100.1, phaseWidthUs: 30_000, frequencyHz: 1.5 })).ok).toBe(
      false,
    );
  });

  it('caps long denervation pulses by energy: 60 ms phases allow 70.7 mA', () => {
    const cap = maxCompliantPeakMa({
      phaseWidthUs: 60_000,
      frequencyHz: 1.6,
      pulseShape: 'rectangular',
      phasesPerPulse: 2,
    });
    expect(cap).toBe(70.7); // √(0.3 J / (500 Ω · 0.12 s)) = 70.71 mA
    expect(checkOutputSafety(programme({ peakMa: 70, phaseWidthUs: 60_000, frequencyHz: 1.6 })).ok).toBe(
      true,
    );
    const over = checkOutputSafety(programme({ peakMa: 71, phaseWidthUs: 60_000, frequencyHz: 1.6 }));
    expect(over.ok).toBe(false);
    expect(over.violations.map((v) => v.rule)).toEqual(['energy-per-pulse']);
    expect(over.violations[0]?.message).toMatch(/302\.5 mJ per pulse/);
  });
});

describe('checkOutputSafety', () => {
  it('refuses more than 50 mA r.m.s. with the reason', () => {
    // 400 mA at 300 µs, 35 Hz: 57.97 mA r.m.s.
    const report = checkOutputSafety(programme({ peakMa: 400 }));
    expect(report.ok).toBe(false);
    expect(report.violations[0]).toMatchObject({ rule: 'rms-current', where: 'level 1 work' });
    expect(report.violations[0]?.message).toMatch(/57\.97? mA|58\.0 mA/);
  });

  it('warns, without refusing, above 2 mA r.m.s./cm²', () => {
    const report = checkOutputSafety(programme({ peakMa: 100, sizeCm2: 4 }));
    expect(report.ok).toBe(true);
    expect(report.warnings[0]?.rule).toBe('current-density');
    expect(report.warnings[0]?.message).toMatch(/3\.62 mA r\.m\.s\.\/cm²/);
  });

  it('refuses monophasic and unbalanced waveforms', () => {
    const p = programme({});
    const mono = checkOutputSafety({
      ...p,
      waveform: { ...p.waveform, phases: 'monophasic', balance: 'unbalanced' },
    });
    expect(mono.violations.map((v) => v.rule)).toEqual(['charge-balance', 'charge-balance']);
  });

  it('marks an electrode site it does not know as unknown-site, naming the allowed sites', () => {
    const report = checkOutputSafety(programme({ sites: ['constructor', 'left', 'constructor', 'left'] }));
    expect(report.ok).toBe(false);
    expect(report.violations[0]?.rule).toBe('unknown-site');
    expect(report.violations[0]?.message).toMatch(
      /unknown electrode site 'constructor'; allowed: .*quadriceps/,
    );
  });

  it('refuses electrodes on the thorax, head or front of the neck, and transthoracic paths', () => {
    expect(
      checkOutputSafety(programme({ sites: ['chest', 'left', 'chest', 'left'] })).violations[0]?.rule,
    ).toBe('placement');
    expect(
      checkOutputSafety(programme({ sites: ['anterior-neck', 'right', 'anterior-neck', 'right'] })).ok,
    ).toBe(false);
    const across = checkOutputSafety(programme({ sites: ['deltoid', 'left', 'deltoid', 'right'] }));
    expect(across.violations[0]?.message).toMatch(/transthoracic/);
  });

  it('fails, never throws, on malformed programmes', () => {
    for (const bad of [
      null,
      42,
      'x',
      {},
      { levels: [] },
      { ...programme({}), levels: [{ blocks: [{ frequencyHz: 'a' }] }] },
    ]) {
      const report = checkOutputSafety(bad);
      expect(report.ok).toBe(false);
      expect(report.violations.some((v) => v.rule === 'malformed')).toBe(true);
    }
    const noCap = programme({});
    const block = noCap.levels[0]?.blocks[0] as unknown as Record<string, unknown>;
    delete block.maxIntensityMa;
    expect(checkOutputSafety(noCap).ok).toBe(false);
  });

  it('refuses pulses longer than their period', () => {
    const report = checkOutputSafety(programme({ peakMa: 10, phaseWidthUs: 20_000, frequencyHz: 30 }));
    expect(report.violations.map((v) => v.rule)).toContain('pulse-timing');
  });
});

describe('output safety over random edits (property)', () => {
  const edit = fc.record({
    peakMa: fc.double({ min: 0.1, max: 1000, noNaN: true }),
    phaseWidthUs: fc.double({ min: 10, max: 400_000, noNaN: true }),
    frequencyHz: fc.double({ min: 0.1, max: 200, noNaN: true }),
    sizeCm2: fc.double({ min: 0.5, max: 400, noNaN: true }),
    shape: fc.constantFrom('rectangular' as const, 'triangular' as const),
    sites: fc.tuple(
      fc.constantFrom('quadriceps', 'deltoid', 'chest', 'head', 'anterior-neck', 'biceps-brachii', 'abdomen'),
      fc.constantFrom('left' as const, 'right' as const),
      fc.constantFrom('quadriceps', 'deltoid', 'chest', 'biceps-brachii'),
      fc.constantFrom('left' as const, 'right' as const),
    ),
  });

  it('accepts an edited programme only when every limit holds, computed independently', () => {
    fc.assert(
      fc.property(edit, (e) => {
        const report = checkOutputSafety(programme(e));
        const k = e.shape === 'triangular' ? 1 / 3 : 1;
        const rms = e.peakMa * Math.sqrt(2 * k * e.phaseWidthUs * e.frequencyHz * 1e-6);
        const energyMj = (e.peakMa / 1000) ** 2 * 500 * 2 * k * e.phaseWidthUs * 1e-6 * 1000;
        const forbidden = ['chest', 'head', 'anterior-neck'];
        const placementOk =
          !forbidden.includes(e.sites[0]) &&
          !forbidden.includes(e.sites[2]) &&
          e.sites[0] === e.sites[2] &&
          e.sites[1] === e.sites[3];
        const fits = 2 * e.phaseWidthUs * e.frequencyHz * 1e-6 < 1;
        const tol = 1 + LIMIT_ROUNDING_TOLERANCE;
        const safe =
          rms <= MAX_RMS_CURRENT_MA * tol && energyMj <= MAX_ENERGY_PER_PULSE_MJ * tol && placementOk && fits;
        expect(report.ok).toBe(safe);
        expect(report.warnings.length > 0).toBe(rms / e.sizeCm2 > 2);
      }),
      { numRuns: 2000, seed: 20261121 },
    );
  });

  it('finds the largest compliant peak: it passes and 1 % more fails', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 250_000, noNaN: true }),
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        fc.constantFrom('rectangular' as const, 'triangular' as const),
        (phaseWidthUs, frequencyHz, shape) => {
          fc.pre(2 * phaseWidthUs * frequencyHz * 1e-6 < 1);
          const cap = maxCompliantPeakMa({ phaseWidthUs, frequencyHz, pulseShape: shape, phasesPerPulse: 2 });
          expect(checkOutputSafety(programme({ peakMa: cap, phaseWidthUs, frequencyHz, shape })).ok).toBe(
            true,
          );
          expect(
            checkOutputSafety(programme({ peakMa: cap * 1.01 + 0.2, phaseWidthUs, frequencyHz, shape })).ok,
          ).toBe(false);
        },
      ),
      { numRuns: 1000, seed: 7 },
    );
  });
});
