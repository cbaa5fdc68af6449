import { describe, expect, it } from 'vitest';
import { lookupMuscle } from '../anatomy/electrode-sites.ts';
import { checkOutputSafety } from '../safety/output-safety.ts';
import { buildStimulationProgramme, NMES_CEILING_MA, weissThresholdMa } from './stimulation-programme.ts';

const calf = lookupMuscle('triceps-surae');
const quads = lookupMuscle('quadriceps');

function ok(outcome: ReturnType<typeof buildStimulationProgramme>) {
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome;
}

describe('buildStimulationProgramme: innervated muscle', () => {
  it('prevents disuse atrophy with the CefarCompex prevention levels at the Dirks 2014 dose', () => {
    const { programme } = ok(
      buildStimulationProgramme({
        goal: 'prevent-disuse-atrophy',
        muscle: quads,
        side: 'left',
        innervation: 'normal',
      }),
    );
    expect(programme.kind).toBe('nmes');
    expect(programme.waveform).toEqual({
      phases: 'biphasic',
      balance: 'symmetric',
      interphaseGapUs: 100,
      pulseShape: 'rectangular',
    });
    expect(programme.pulseWidth).toMatchObject({ phaseWidthUs: 300, basis: 'default' });
    const [l1, l2] = programme.levels;
    expect(l1?.blocks.map((b) => [b.kind, b.frequencyHz, b.minutes])).toEqual([
      ['warm-up', 5, 3],
      ['work', 30, 34],
      ['cool-down', 3, 3],
    ]);
    expect(l1?.blocks.reduce((sum, b) => sum + b.minutes, 0)).toBe(40);
    expect(l1?.sessionsPerDay).toBe(2);
    expect(l2?.blocks[1]).toMatchObject({ frequencyHz: 40, cycle: { onS: 6, offS: 12 } });
    expect(programme.channels[0]?.electrodes.map((e) => [e.site, e.side, e.sizeCm2])).toEqual([
      ['quadriceps', 'left', 50],
      ['quadriceps', 'left', 50],
    ]);
    expect(l1?.blocks[1]?.maxIntensityMa).toBe(NMES_CEILING_MA);
  });

  it('sets the phase width from chronaxie, within 200–450 µs', () => {
    const at = (chronaxieMs: number) =>
      ok(
        buildStimulationProgramme({
          goal: 'reverse-atrophy',
          muscle: calf,
          side: 'right',
          innervation: 'normal',
          chronaxieMs,
        }),
      ).programme.pulseWidth;
    expect(at(0.32)).toMatchObject({ phaseWidthUs: 320, basis: 'chronaxie' });
    expect(at(0.1).phaseWidthUs).toBe(200);
    expect(at(0.9).phaseWidthUs).toBe(450);
  });

  it('strengthens with Nussbaum 2017: 50 Hz, 10 s on, 15 contractions, 3 sessions a week', () => {
    const { programme } = ok(
      buildStimulationProgramme({ goal: 'strengthen', muscle: quads, side: 'right', innervation: 'normal' }),
    );
    const work = programme.levels[0]?.blocks.find((b) => b.kind === 'work');
    expect(work).toMatchObject({ frequencyHz: 50, cycle: { onS: 10, offS: 50 }, minutes: 15 });
    expect(((work?.minutes ?? 0) * 60) / ((work?.cycle?.onS ?? 1) + (work?.cycle?.offS ?? 0))).toBe(15);
    expect(programme.levels[0]?.sessionsPerWeek).toBe(3);
  });

  it('starts with half-time introductory sessions until 3 are done', () => {
    const fresh = ok(
      buildStimulationProgramme({ goal: 'strengthen', muscle: quads, side: 'right', innervation: 'normal' }),
    );
    expect(fresh.programme.progressionRules[0]).toMatch(/First 3 sessions: half the work time/);
    const seasoned = ok(
      buildStimulationProgramme({
        goal: 'strengthen',
        muscle: quads,
        side: 'right',
        innervation: 'normal',
        tolerance: { sessionsCompleted: 6 },
      }),
    );
    expect(seasoned.programme.progressionRules[0]).not.toMatch(/First 3 sessions/);
    const sore = ok(
      buildStimulationProgramme({
        goal: 'strengthen',
        muscle: quads,
        side: 'right',
        innervation: 'normal',
        tolerance: { sessionsCompleted: 6, lastPainScore: 7, highestToleratedMa: 120 },
      }),
    );
    expect(sore.programme.progressionRules[0]).toMatch(/First 3 sessions/);
    expect(sore.warnings.join(' ')).toMatch(/120 mA, above this programme's 100 mA ceiling/);
  });

  it('refuses short-pulse goals for completely denervated muscle', () => {
    const outcome = buildStimulationProgramme({
      goal: 'reverse-atrophy',
      muscle: calf,
      side: 'left',
      innervation: 'complete-denervation',
    });
    expect(outcome).toMatchObject({ ok: false, rule: 'innervation' });
  });
});

describe('buildStimulationProgramme: denervated muscle', () => {
  it('uses long rectangular biphasic pulses (RISE) capped by the energy limit', () => {
    const { programme } = ok(
      buildStimulationProgramme({
        goal: 'denervated-maintenance',
        muscle: quads,
        side: 'left',
        innervation: 'complete-denervation',
      }),
    );
    expect(programme.kind).toBe('denervated-rectangular');
    expect(programme.pulseWidth.phaseWidthUs).toBe(60_000);
    const work = programme.levels[0]?.blocks[1];
    // 120 ms impulse + 500 ms pause → 1/0.62 s = 1.613 Hz; energy cap √(0.3 / (500 · 0.12)) = 70.7 mA.
    expect(work?.frequencyHz).toBe(1.613);
    expect(work?.maxIntensityMa).toBe(70.7);
    expect(work?.cycle).toEqual({ onS: 4, offS: 2, rampUpS: 0, rampDownS: 0 });
    expect(programme.channels[0]?.electrodes[0]?.sizeCm2).toBe(200);
    expect(checkOutputSafety(programme).ok).toBe(true);
  });

  it('sets the phase to the chronaxie (energy minimum) and caps accordingly', () => {
    const { programme } = ok(
      buildStimulationProgramme({
        goal: 'denervated-maintenance',
        muscle: calf,
        side: 'left',
        innervation: 'complete-denervation',
        chronaxieMs: 30,
      }),
    );
    expect(programme.pulseWidth).toMatchObject({ phaseWidthUs: 30_000, basis: 'chronaxie' });
    // √(0.3 / (500 · 0.06)) = 100 mA exactly: the planner stays one 0.1 mA step inside the limit.
    expect(programme.levels[0]?.blocks[1]?.maxIntensityMa).toBe(99.9);
    expect(checkOutputSafety(programme).ok).toBe(true);
  });

  it('uses triangular pulses for partial denervation, sparing innervated fibres', () => {
    const { programme } = ok(
      buildStimulationProgramme({
        goal: 'denervated-maintenance',
        muscle: calf,
        side: 'left',
        innervation: 'partial-denervation',
        chronaxieMs: 4,
      }),
    );
    expect(programme.kind).toBe('denervated-triangular');
    expect(programme.waveform.pulseShape).toBe('triangular');
    expect(programme.pulseWidth.phaseWidthUs).toBe(100_000);
    expect(programme.levels[0]?.blocks[1]?.frequencyHz).toBe(1);
    // Triangle: E = I²·R·(2 · 0.1 s)/3 ≤ 0.3 J → I ≤ 94.87 mA.
    expect(programme.levels[0]?.blocks[1]?.maxIntensityMa).toBe(94.8);
  });

  it('refuses when the Weiss threshold exceeds what the limits allow', () => {
    // b = 60 mA, c = 40 ms, d = 40 ms → threshold 120 mA; the energy cap at 40 ms phases is √(0.3 / (500 · 0.08)) = 86.6 mA.
    expect(weissThresholdMa(60, 40, 40)).toBe(120);
    const outcome = buildStimulationProgramme({
      goal: 'denervated-maintenance',
      muscle: quads,
      side: 'left',
      innervation: 'complete-denervation',
      chronaxieMs: 40,
      rheobaseMa: 60,
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.rule).toBe('threshold-above-limit');
      expect(outcome.reason).toMatch(/at least 120\.0 mA at 40 ms per phase.*above the 86\.6 mA/);
      expect(outcome.source).toMatch(/300 mJ|§51\.104/);
    }
  });

  it('refuses denervated-maintenance for innervated muscle', () => {
    expect(
      buildStimulationProgramme({
        goal: 'denervated-maintenance',
        muscle: calf,
        side: 'left',
        innervation: 'normal',
      }),
    ).toMatchObject({ ok: false, rule: 'innervation' });
  });
});
