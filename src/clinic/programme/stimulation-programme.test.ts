import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { lookupMuscle } from '../anatomy/electrode-sites.ts';
import { checkOutputSafety } from '../safety/output-safety.ts';
import { CONTRACTION_STEPS } from './evoked-force.ts';
import nmesGoals from './nmes-goals.json' with { type: 'json' };
import {
  buildStimulationProgramme,
  GOALS,
  NMES_CEILING_MA,
  type StimulationInput,
  weissThresholdMa,
} from './stimulation-programme.ts';

const calf = lookupMuscle('triceps-surae');
const quads = lookupMuscle('quadriceps');

/** A denervated-maintenance programme for the left leg: the muscle, its innervation and the measured curve vary. */
function denervatedLeft(
  muscle: StimulationInput['muscle'],
  innervation: StimulationInput['innervation'],
  curve: Pick<StimulationInput, 'rheobaseMa' | 'chronaxieMs'> = {},
) {
  return buildStimulationProgramme({
    goal: 'denervated-maintenance',
    muscle,
    side: 'left',
    innervation,
    ...curve,
  });
}

/** A programme for a normally innervated muscle; the rest of the input varies by test. */
function innervated(
  goal: StimulationInput['goal'],
  muscle: StimulationInput['muscle'],
  side: StimulationInput['side'],
  rest: Omit<Partial<StimulationInput>, 'goal' | 'muscle' | 'side' | 'innervation'> = {},
) {
  return buildStimulationProgramme({ goal, muscle, side, innervation: 'normal', ...rest });
}

function ok(outcome: ReturnType<typeof buildStimulationProgramme>) {
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome;
}

describe('nmes-goals.json', () => {
  it('holds every innervated goal, its levels week after week from week 1, each with a whole-second cycle', () => {
    expect(Object.keys(nmesGoals)).toEqual(GOALS.filter((g) => g !== 'denervated-maintenance'));
    for (const goal of Object.values(nmesGoals)) {
      goal.levels.forEach((level, i) => {
        expect(level.fromWeek).toBe(i === 0 ? 1 : (goal.levels[i - 1]?.toWeek ?? 0) + 1);
        expect(level.toWeek).toBeGreaterThanOrEqual(level.fromWeek);
        for (const s of Object.values(level.cycle)) expect(Number.isInteger(s)).toBe(true);
        expect(level.cycle.onS).toBeGreaterThan(level.cycle.rampUpS);
      });
      expect(goal.sessionsPerWeek).toBeGreaterThanOrEqual(goal.sessionsPerDay);
      for (const step of Object.values(goal.evokedForceChanges)) expect(CONTRACTION_STEPS).toContain(step);
      expect(goal.sources.length).toBeGreaterThan(0);
    }
  });
});

describe('buildStimulationProgramme: innervated muscle', () => {
  it('prevents disuse atrophy with the CefarCompex prevention levels at the Dirks 2014 dose', () => {
    const { programme } = ok(innervated('prevent-disuse-atrophy', quads, 'left'));
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
      ok(innervated('reverse-atrophy', calf, 'right', { chronaxieMs })).programme.pulseWidth;
    expect(at(0.32)).toMatchObject({ phaseWidthUs: 320, basis: 'chronaxie' });
    expect(at(0.1).phaseWidthUs).toBe(200);
    expect(at(0.9).phaseWidthUs).toBe(450);
  });

  it('strengthens with Nussbaum 2017: 50 Hz, 10 s on, 15 contractions, 3 sessions a week', () => {
    const { programme } = ok(innervated('strengthen', quads, 'right'));
    const work = programme.levels[0]?.blocks.find((b) => b.kind === 'work');
    expect(work).toMatchObject({ frequencyHz: 50, cycle: { onS: 10, offS: 50 }, minutes: 15 });
    expect(((work?.minutes ?? 0) * 60) / ((work?.cycle?.onS ?? 1) + (work?.cycle?.offS ?? 0))).toBe(15);
    expect(programme.levels[0]?.sessionsPerWeek).toBe(3);
  });

  it('starts with half-time introductory sessions until 3 are done', () => {
    const fresh = ok(innervated('strengthen', quads, 'right'));
    expect(fresh.programme.progressionRules[0]).toMatch(/First 3 sessions: half the work time/);
    const seasoned = ok(innervated('strengthen', quads, 'right', { tolerance: { sessionsCompleted: 6 } }));
    expect(seasoned.programme.progressionRules[0]).not.toMatch(/First 3 sessions/);
    const sore = ok(
      innervated('strengthen', quads, 'right', {
        tolerance: { sessionsCompleted: 6, lastPainScore: 7, highestToleratedMa: 120 },
      }),
    );
    expect(sore.programme.progressionRules[0]).toMatch(/First 3 sessions/);
    expect(sore.warnings.join(' ')).toMatch(/120 mA, above this programme's 100 mA ceiling/);
  });

  it('reverses atrophy starting at 1:4 on:off and shortening the rest by level (1:3, then 1:2)', () => {
    const { programme } = ok(innervated('reverse-atrophy', calf, 'left'));
    const work = programme.levels.map((l) => l.blocks.find((b) => b.kind === 'work'));
    expect(work.map((b) => [b?.frequencyHz, b?.cycle?.onS, b?.cycle?.offS, b?.minutes])).toEqual([
      [35, 6, 24, 25],
      [45, 6, 18, 25],
      [45, 6, 12, 25],
    ]);
    for (const b of work) expect((b?.cycle?.offS ?? 0) / (b?.cycle?.onS ?? 1)).toBeGreaterThanOrEqual(2);
    expect(work[0]?.cycle?.offS).toBeGreaterThanOrEqual(3 * (work[0]?.cycle?.onS ?? 0));
    expect(programme.levels.map((l) => [l.fromWeek, l.toWeek])).toEqual([
      [1, 2],
      [3, 4],
      [5, 8],
    ]);
  });

  it('names an evoked-force target per level: % of the measured MVC, else the contraction seen', () => {
    const measured = ok(innervated('strengthen', quads, 'right', { mvcN: 400 })).programme;
    expect(measured.levels[0]?.evokedForceTarget).toMatchObject({
      basis: 'dynamometry',
      minPercentMvc: 50,
      minForceN: 200,
      maxPercentMvc: 100,
    });
    expect(measured.intensityRule).toMatch(/at least 50 % of MVC \(200 N\)/);
    const seen = ok(innervated('prevent-disuse-atrophy', quads, 'right')).programme;
    expect(seen.levels.every((l) => l.evokedForceTarget?.basis === 'observed')).toBe(true);
    expect(seen.levels[0]?.evokedForceTarget).toMatchObject({ minStep: 'visible', maxStep: 'full-movement' });
    expect(seen.levels[0]?.evokedForceTarget?.titration).toMatch(/each session/);
  });

  it("applies a screening caution's cap to every ceiling and evoked-force target", () => {
    const cap = {
      keys: ['osteoporosisFragilityFracture'],
      ceilingFraction: 0.6,
      maxPercentMvc: 30,
      maxStep: 'visible' as const,
      notes: ['Osteoporosis: keep contractions moderate.'],
    };
    const { programme, warnings } = ok(innervated('strengthen', quads, 'right', { mvcN: 400, cap }));
    for (const level of programme.levels) {
      for (const b of level.blocks) expect(b.maxIntensityMa).toBe(60);
      expect(level.evokedForceTarget).toMatchObject({
        maxPercentMvc: 30,
        minPercentMvc: 30,
        maxStep: 'visible',
      });
    }
    expect(programme.intensityCap).toEqual({
      keys: ['osteoporosisFragilityFracture'],
      ceilingFraction: 0.6,
      maxPercentMvc: 30,
      notes: cap.notes,
    });
    expect(warnings.join(' ')).toMatch(
      /Screening caution \(osteoporosisFragilityFracture\): ceiling at 60 %/,
    );
  });

  it('emits only device-settable numbers: whole Hz, whole mA, 10 µs widths, whole seconds', () => {
    const { programme } = ok(innervated('prevent-disuse-atrophy', calf, 'left', { chronaxieMs: 0.3456 }));
    // 345.6 µs rounds to 350 µs; CefarCompex's 9.5 s contraction with 3 / 1.5 s ramps becomes 10 s with 3 / 2 s.
    expect(programme.pulseWidth.phaseWidthUs).toBe(350);
    expect(programme.levels[0]?.blocks[1]?.cycle).toEqual({ onS: 10, offS: 14, rampUpS: 3, rampDownS: 2 });
    expect(programme.levels[1]?.blocks[1]?.cycle).toEqual({ onS: 6, offS: 12, rampUpS: 2, rampDownS: 1 });
  });

  it('rejects prototype keys and unknown values for goal, side and innervation, naming what is allowed', () => {
    for (const bad of ['constructor', '__proto__', 'toString']) {
      expect(() =>
        buildStimulationProgramme({ goal: bad as never, muscle: quads, side: 'left', innervation: 'normal' }),
      ).toThrow(
        /goal must be one of prevent-disuse-atrophy, reverse-atrophy, strengthen, denervated-maintenance/,
      );
      expect(() =>
        buildStimulationProgramme({
          goal: 'strengthen',
          muscle: quads,
          side: bad as never,
          innervation: 'normal',
        }),
      ).toThrow(InvalidInputError);
    }
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
  it('refuses without a measured strength–duration curve instead of capping blind (was 70.7 mA at 60 ms)', () => {
    for (const sd of [{}, { chronaxieMs: 30 }, { rheobaseMa: 14 }]) {
      const outcome = denervatedLeft(quads, 'complete-denervation', sd);
      expect(outcome).toMatchObject({ ok: false, rule: 'strength-duration-needed' });
      if (!outcome.ok) expect(outcome.reason).toMatch(/rheobase and chronaxie/);
    }
  });

  it('derives phase width and ceiling from the curve and progresses twitch → burst → tetanic', () => {
    // Rheobase 14 mA, chronaxie 28 ms. Twitch: 28 ms phases; 2·28 + 500 ms pause → at most 1.8 Hz → 1 Hz;
    // threshold 14·(1 + 28/28) = 28 mA → ceiling 1.5 × 28 = 42 mA (energy would allow √(0.3/(500·0.056)) = 103.5).
    // Bursts and tetanic trains: 20 ms phases at 20 Hz; threshold 14·(1 + 28/20) = 33.6 mA → 1.5 × 33.6 = 50.4
    // → 50 mA, under the r.m.s. cap 50/√(2·0.02·20) = 55.9 mA.
    const { programme, warnings } = ok(
      denervatedLeft(quads, 'complete-denervation', { rheobaseMa: 14, chronaxieMs: 28 }),
    );
    expect(programme.kind).toBe('denervated-rectangular');
    expect(programme.pulseWidth).toMatchObject({ phaseWidthUs: 28_000, basis: 'chronaxie' });
    expect(programme.threshold).toEqual({
      rheobaseMa: 14,
      chronaxieMs: 28,
      phaseMs: 28,
      thresholdMa: 28,
      factor: 1.5,
    });
    const work = programme.levels.map((l) => {
      const b = l.blocks.find((x) => x.kind === 'work');
      return [
        l.phase,
        l.fromWeek,
        b?.phaseWidthUs,
        b?.frequencyHz,
        b?.maxIntensityMa,
        b?.cycle?.onS,
        b?.cycle?.offS,
      ];
    });
    expect(work).toEqual([
      ['twitch', 1, 28_000, 1, 42, 4, 2],
      ['twitch', 5, 28_000, 1, 42, 4, 2],
      ['burst', 13, 20_000, 20, 50, 2, 4],
      ['tetanic', 25, 20_000, 20, 50, 4, 4],
    ]);
    expect(programme.levels.map((l) => l.evokedForceTarget?.minStep)).toEqual([
      'visible',
      'visible',
      'visible',
      'partial-movement',
    ]);
    expect(programme.channels[0]?.electrodes[0]?.sizeCm2).toBe(200);
    expect(checkOutputSafety(programme).ok).toBe(true);
    expect(warnings.join(' ')).toMatch(/UNCONFIRMED/);
  });

  it('sets the phase to the chronaxie (energy minimum) and rounds the ceiling down to a whole mA', () => {
    const plan = (rheobaseMa: number) =>
      ok(denervatedLeft(calf, 'complete-denervation', { chronaxieMs: 30, rheobaseMa })).programme;
    expect(plan(20).pulseWidth).toMatchObject({ phaseWidthUs: 30_000, basis: 'chronaxie' });
    // Threshold 20·(1 + 30/30) = 40 mA → 1.5 × 40 = 60 mA.
    expect(plan(20).levels[0]?.blocks[1]?.maxIntensityMa).toBe(60);
    // Threshold 80 mA → 120 mA wanted, but √(0.3 / (500 · 0.06)) = 100 mA exactly: one whole mA inside the limit.
    expect(plan(40).levels[0]?.blocks[1]?.maxIntensityMa).toBe(99);
    expect(checkOutputSafety(plan(40)).ok).toBe(true);
  });

  it('uses triangular pulses for partial denervation, sparing innervated fibres, at twice the rectangular threshold', () => {
    const { programme, warnings } = ok(
      denervatedLeft(calf, 'partial-denervation', { chronaxieMs: 4, rheobaseMa: 12 }),
    );
    expect(programme.kind).toBe('denervated-triangular');
    expect(programme.waveform.pulseShape).toBe('triangular');
    expect(programme.pulseWidth.phaseWidthUs).toBe(100_000);
    expect(programme.levels[0]?.blocks[1]?.frequencyHz).toBe(1);
    // Rectangular threshold 12·(1 + 4/100) = 12.48 mA; a triangle carries half the charge → 24.96 mA;
    // 1.5 × 24.96 = 37.4 → 37 mA (the triangle's energy limit, √(0.3 / (500 · 0.2 / 3)) = 94.9 mA, is far off).
    expect(programme.levels[0]?.blocks[1]?.maxIntensityMa).toBe(37);
    expect(programme.levels.every((l) => l.phase === 'twitch')).toBe(true);
    expect(warnings.join(' ')).toMatch(/triangular single impulses only/);
  });

  it('stops at twitches and recommends a specialised device when bursts cannot reach threshold', () => {
    // Rheobase 20 mA, chronaxie 60 ms: bursts at 20 ms need 20·(1 + 60/20) = 80 mA, above the 55 mA r.m.s. cap at 20 Hz.
    const { programme, warnings } = ok(
      denervatedLeft(quads, 'complete-denervation', { chronaxieMs: 60, rheobaseMa: 20 }),
    );
    expect(programme.levels.map((l) => l.phase)).toEqual(['twitch', 'twitch']);
    expect(programme.levels[0]?.blocks[1]).toMatchObject({
      phaseWidthUs: 60_000,
      frequencyHz: 1,
      maxIntensityMa: 60,
    });
    expect(warnings.join(' ')).toMatch(
      /80\.0 mA, above the 55 mA .*specialised denervated-muscle stimulator/,
    );
    expect(programme.levels.at(-1)?.progressWhen).toMatch(/repeat the strength–duration test/);
  });

  it('refuses when the Weiss threshold exceeds what the limits allow', () => {
    // b = 60 mA, c = 40 ms, d = 40 ms → threshold 120 mA; the energy cap at 40 ms phases is √(0.3 / (500 · 0.08)) = 86.6 mA.
    expect(weissThresholdMa(60, 40, 40)).toBe(120);
    const outcome = denervatedLeft(quads, 'complete-denervation', { chronaxieMs: 40, rheobaseMa: 60 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.rule).toBe('threshold-above-limit');
      expect(outcome.reason).toMatch(/at least 120\.0 mA at 40 ms per phase.*above the 86\.6 mA/);
      expect(outcome.source).toMatch(/300 mJ|§51\.104/);
    }
  });

  it('says plainly that no programme can work and recommends referral to a specialised denervated-muscle device', () => {
    const outcome = denervatedLeft(quads, 'complete-denervation', { chronaxieMs: 40, rheobaseMa: 60 });
    if (outcome.ok) throw new Error('expected a refusal');
    expect(outcome.reason).toMatch(/no programme within these limits can contract this muscle/);
    expect(outcome.reason).toMatch(/86 mA on a device set in whole mA/);
    expect(outcome.recommendation).toMatch(/specialised denervated-muscle stimulator/);
  });

  it('refuses denervated-maintenance for innervated muscle', () => {
    expect(denervatedLeft(calf, 'normal')).toMatchObject({ ok: false, rule: 'innervation' });
  });
});
