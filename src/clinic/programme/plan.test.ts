import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORBIDDEN_REGIONS, MUSCLE_IDS, regionOfSite } from '../anatomy/electrode-sites.ts';
import {
  checkOutputSafety,
  LIMIT_ROUNDING_TOLERANCE,
  MAX_ENERGY_PER_PULSE_MJ,
  MAX_RMS_CURRENT_MA,
} from '../safety/output-safety.ts';
import { programmeBlockers } from '../safety/programme-gate.ts';
import { SCREENING_KEYS, type ScreeningAnswers } from '../screening/contraindications.ts';
import { type PlanInput, ProgrammeRefusedError, planProgramme, requireDraft } from './plan.ts';
import { allNo, anyPlanTarget, calfAfterCast, draftFor, leftLegAfterCast, noFlags } from './plan-fixtures.ts';
import { GOALS } from './stimulation-programme.ts';

/** The calf example's neighbour, the tibialis anterior, kept going while it is completely denervated. */
const denervatedShin: PlanInput = {
  ...leftLegAfterCast('tibialis-anterior', calfAfterCast.patient),
  goal: 'denervated-maintenance',
};

describe('planProgramme', () => {
  it('plans a draft for a left calf after a cast: M62.562, NMES, heel-raise ladder, protein, safety', () => {
    const draft = requireDraft(planProgramme(calfAfterCast));
    expect(draft.status).toBe('draft');
    expect(draft.approval).toEqual({ required: true, by: 'clinician', blockers: [] });
    expect(draft.diagnosis.codes.map((c) => c.code)).toEqual(['M62.562', 'Z74.09']);
    expect(draft.diagnosis.cause).toMatchObject({ id: 'cast', group: 'disuse' });
    expect(draft.stimulation.kind).toBe('nmes');
    expect(draft.stimulation.levels[1]?.blocks[1]?.frequencyHz).toBe(45);
    expect(draft.exercise.stages.flatMap((s) => s.exercises.map((e) => e.name))).toEqual(
      expect.arrayContaining([
        'Ankle pumps (active range of motion)',
        'Seated heel raises',
        'Standing double-leg heel raises',
        'Single-leg heel raises',
        'Elastic-band dorsiflexion',
      ]),
    );
    // 70-year-old, exercising: ≥ 1.2 g/kg/day (PROT-AGE) → 72 g/day at 60 kg.
    expect(draft.protein).toMatchObject({ minGPerKgPerDay: 1.2, maxGPerKgPerDay: null, minGPerDay: 72 });
    expect(draft.safety.ok).toBe(true);
    expect(draft.safety.rmsCurrentMa).toBeCloseTo(100 * Math.sqrt(2 * 300 * 45e-6), 10);
    expect(draft.innervation).toEqual({ status: 'normal', basis: 'assumed' });
  });

  it('refuses a demand pacemaker, naming it and its source', () => {
    const outcome = planProgramme({ ...calfAfterCast, screening: { ...allNo, demandPacemaker: true } });
    expect(outcome.status).toBe('refused');
    if (outcome.status === 'refused') {
      expect(outcome.reasons).toHaveLength(1);
      expect(outcome.reasons[0]).toMatchObject({ rule: 'contraindication', key: 'demandPacemaker' });
      expect(outcome.reasons[0]?.source).toMatch(/FDA/);
    }
    expect(() => requireDraft(outcome)).toThrow(ProgrammeRefusedError);
    expect(() => requireDraft(outcome)).toThrow(/contraindication 'demandPacemaker'.*source: FDA/);
  });

  it('refuses a lumbar programme in pregnancy but plans the calf with a precaution', () => {
    const lumbar = planProgramme({
      ...calfAfterCast,
      muscle: 'lumbar-paraspinals',
      screening: { ...allNo, pregnant: true },
    });
    expect(lumbar.status).toBe('refused');
    const calf = requireDraft(planProgramme({ ...calfAfterCast, screening: { ...allNo, pregnant: true } }));
    expect(calf.warnings.join(' ')).toMatch(/Precaution \(pregnant\)/);
  });

  it('refers instead of planning when a red flag is present', () => {
    const outcome = planProgramme({
      ...calfAfterCast,
      redFlags: { ...noFlags, symmetricWeaknessProgressingOverDays: true },
    });
    expect(outcome).toMatchObject({
      status: 'refused',
      reasons: [{ rule: 'red-flag', key: 'symmetricWeaknessProgressingOverDays' }],
    });
  });

  it('lists approval blockers when screening is missing or incomplete, or the cause needs a specialist', () => {
    const bare = draftFor('strengthen', 'quadriceps', 'right');
    expect(bare.approval.blockers).toEqual([
      'contraindication screening not recorded',
      'red-flag screen not recorded',
    ]);
    expect(bare.warnings[0]).toMatch(/Age not given/);
    const als = requireDraft(planProgramme({ ...calfAfterCast, diagnosis: { causeId: 'als' } }));
    expect(als.approval.blockers.join(' ')).toMatch(/specialist/);
    expect(als.diagnosis.codes.map((c) => c.code)).toEqual(['G12.21']);
  });

  it('reads innervation from chronaxie and plans denervated muscle with long pulses', () => {
    const draft = requireDraft(
      planProgramme({ ...denervatedShin, strengthDuration: { chronaxieMs: 25, rheobaseMa: 14 } }),
    );
    expect(draft.innervation).toEqual({
      status: 'complete-denervation',
      basis: 'chronaxie',
      chronaxieMs: 25,
      rheobaseMa: 14,
    });
    expect(draft.stimulation.kind).toBe('denervated-rectangular');
    expect(draft.stimulation.pulseWidth.phaseWidthUs).toBe(25_000);
    expect(draft.exercise.stages[0]?.exercises[0]?.name).toMatch(/Passive range of motion/);
    expect(draft.safety.energyPerPulseMj).toBeLessThanOrEqual(300);
  });

  it('uses triangular pulses when innervated neighbours must be spared', () => {
    const draft = requireDraft(
      planProgramme({
        ...denervatedShin,
        strengthDuration: { innervation: 'complete-denervation', chronaxieMs: 25, rheobaseMa: 14 },
        spareInnervatedNeighbours: true,
      }),
    );
    expect(draft.stimulation.waveform.pulseShape).toBe('triangular');
  });

  it('refuses a denervated programme with no strength–duration curve, and names the referral when none can work', () => {
    const blind = planProgramme({
      ...calfAfterCast,
      goal: 'denervated-maintenance',
      strengthDuration: { innervation: 'complete-denervation' },
    });
    expect(blind).toMatchObject({ status: 'refused', reasons: [{ rule: 'strength-duration-needed' }] });
    const hopeless = planProgramme({
      ...calfAfterCast,
      goal: 'denervated-maintenance',
      muscle: 'quadriceps',
      strengthDuration: { chronaxieMs: 40, rheobaseMa: 60 },
    });
    expect(hopeless).toMatchObject({ status: 'refused', reasons: [{ rule: 'threshold-above-limit' }] });
    if (hopeless.status === 'refused') {
      expect(hopeless.reasons[0]?.recommendation).toMatch(/specialised denervated-muscle stimulator/);
    }
  });

  it('applies a screening caution: osteoporosis caps every ceiling at 60 % and the evoked force at 30 % MVC', () => {
    const draft = requireDraft(
      planProgramme({
        ...calfAfterCast,
        screening: { ...allNo, osteoporosisFragilityFracture: true },
        dynamometryMvcN: 300,
      }),
    );
    const ceilings = draft.stimulation.levels.flatMap((l) => l.blocks.map((b) => b.maxIntensityMa));
    expect(new Set(ceilings)).toEqual(new Set([60]));
    for (const l of draft.stimulation.levels) {
      expect(l.evokedForceTarget).toMatchObject({ basis: 'dynamometry', maxPercentMvc: 30, minForceN: 90 });
    }
    expect(draft.stimulation.intensityCap?.keys).toEqual(['osteoporosisFragilityFracture']);
    expect(draft.warnings.join(' ')).toMatch(/Precaution \(osteoporosisFragilityFracture\)/);
  });

  it('keeps ankle moves out of a calf programme while a below-knee cast is on, and brings them back after', () => {
    const names = (input: PlanInput) =>
      requireDraft(planProgramme(input)).exercise.stages.map((st) => st.exercises.map((e) => e.name));
    const inCast = names({
      ...calfAfterCast,
      immobilisations: [{ device: 'below-knee-cast', removalDate: '2025-03-24' }],
      startDate: '2025-03-10',
    });
    // Weeks 1–2 start before the cast comes off: no ankle moves; weeks 3–4 start on 2025-03-24: ankle moves back.
    expect(inCast[0]).not.toContain('Ankle pumps (active range of motion)');
    expect(inCast[0]).not.toContain('Seated heel raises');
    expect(inCast[0]).toEqual(expect.arrayContaining(['Straight-leg raise']));
    expect(inCast[1]).toContain('Standing double-leg heel raises');
  });

  it('rejects malformed input with InvalidInputError naming what is allowed', () => {
    expect(() => planProgramme({ ...calfAfterCast, goal: 'bulk-up' as never })).toThrow(
      /goal must be one of prevent-disuse-atrophy/,
    );
    expect(() => planProgramme({ ...calfAfterCast, muscle: 'calf' })).toThrow(/unknown muscle 'calf'/);
    expect(() => planProgramme({ ...calfAfterCast, side: 'both' as never })).toThrow(
      /side must be one of left, right/,
    );
    expect(() => planProgramme({ ...calfAfterCast, goal: 'denervated-maintenance' })).toThrow(
      /needs a strength–duration result/,
    );
    expect(() => planProgramme({ ...calfAfterCast, screening: { smoker: true } as never })).toThrow(
      /unknown screening key/,
    );
  });
});

describe('planProgramme never produces an unsafe programme (property)', () => {
  const answers = fc.record(
    Object.fromEntries(SCREENING_KEYS.map((k) => [k, fc.boolean()])) as Record<string, fc.Arbitrary<boolean>>,
    { requiredKeys: [] },
  );
  const input = fc.record(
    {
      goal: fc.constantFrom(...GOALS),
      muscle: fc.constantFrom(...MUSCLE_IDS),
      side: fc.constantFrom('left' as const, 'right' as const),
      ageYears: fc.integer({ min: 18, max: 100 }),
      chronaxieMs: fc.option(fc.double({ min: 0.01, max: 300, noNaN: true }), { nil: undefined }),
      rheobaseMa: fc.option(fc.double({ min: 0.1, max: 250, noNaN: true }), { nil: undefined }),
      innervation: fc.option(
        fc.constantFrom('normal' as const, 'partial-denervation' as const, 'complete-denervation' as const),
        {
          nil: undefined,
        },
      ),
      spare: fc.boolean(),
      screening: fc.option(answers, { nil: undefined }),
      sessionsCompleted: fc.integer({ min: 0, max: 50 }),
      highestToleratedMa: fc.option(fc.double({ min: 0, max: 250, noNaN: true }), { nil: undefined }),
    },
    { requiredKeys: [] },
  );

  it('every draft passes every output limit, computed independently, and honours every contraindication', () => {
    let drafts = 0;
    let refusals = 0;
    fc.assert(
      fc.property(input, (r) => {
        const plan: PlanInput = {
          goal: r.goal ?? 'strengthen',
          muscle: r.muscle ?? 'quadriceps',
          side: r.side ?? 'left',
          patient: { ageYears: r.ageYears ?? 50 },
          strengthDuration: {
            ...(r.chronaxieMs !== undefined ? { chronaxieMs: r.chronaxieMs } : {}),
            ...(r.rheobaseMa !== undefined ? { rheobaseMa: r.rheobaseMa } : {}),
            ...(r.innervation !== undefined ? { innervation: r.innervation } : {}),
          },
          spareInnervatedNeighbours: r.spare ?? false,
          tolerance: {
            sessionsCompleted: r.sessionsCompleted ?? 0,
            ...(r.highestToleratedMa !== undefined ? { highestToleratedMa: r.highestToleratedMa } : {}),
          },
          ...(r.screening !== undefined ? { screening: r.screening as ScreeningAnswers } : {}),
        };
        let outcome: ReturnType<typeof planProgramme>;
        try {
          outcome = planProgramme(plan);
        } catch (error) {
          // Only the documented bad-input case may throw.
          expect(String(error)).toMatch(/needs a strength–duration result/);
          return;
        }
        if (outcome.status === 'refused') {
          refusals += 1;
          expect(outcome.reasons.length).toBeGreaterThan(0);
          for (const reason of outcome.reasons) expect(reason.source.length).toBeGreaterThan(5);
          return;
        }
        drafts += 1;
        expect(outcome.status).toBe('draft');
        expect(outcome.screening?.contraindications ?? []).toEqual([]);
        expect(checkOutputSafety(outcome.stimulation).ok).toBe(true);
        const { waveform } = outcome.stimulation;
        expect(waveform.phases).toBe('biphasic');
        expect(['symmetric', 'asymmetric-balanced']).toContain(waveform.balance);
        const k = waveform.pulseShape === 'triangular' ? 1 / 3 : 1;
        for (const channel of outcome.stimulation.channels) {
          for (const e of channel.electrodes) expect(FORBIDDEN_REGIONS).not.toContain(regionOfSite(e.site));
        }
        for (const level of outcome.stimulation.levels) {
          for (const b of level.blocks) {
            const rms = b.maxIntensityMa * Math.sqrt(2 * k * b.phaseWidthUs * b.frequencyHz * 1e-6);
            const energyMj = (b.maxIntensityMa / 1000) ** 2 * 500 * 2 * k * b.phaseWidthUs * 1e-6 * 1000;
            expect(rms).toBeLessThanOrEqual(MAX_RMS_CURRENT_MA);
            expect(energyMj).toBeLessThanOrEqual(MAX_ENERGY_PER_PULSE_MJ);
            expect(b.maxIntensityMa).toBeGreaterThan(0);
            if (b.cycle) expect(b.cycle.rampUpS + b.cycle.rampDownS).toBeLessThanOrEqual(b.cycle.onS);
          }
        }
      }),
      { numRuns: 1500, seed: 42 },
    );
    // Both branches were exercised.
    expect(drafts).toBeGreaterThan(100);
    expect(refusals).toBeGreaterThan(100);
  });

  it('never lands a draft on a limit for round chronaxie values (exhaustive grid)', () => {
    const chronaxies = [
      ...Array.from({ length: 100 }, (_, i) => (i + 1) / 100),
      ...Array.from({ length: 300 }, (_, i) => i + 1),
    ];
    let drafts = 0;
    for (const chronaxieMs of chronaxies) {
      for (const goal of GOALS) {
        for (const spare of [false, true]) {
          let outcome: ReturnType<typeof planProgramme>;
          try {
            outcome = planProgramme({
              goal,
              muscle: 'quadriceps',
              side: 'left',
              strengthDuration: { chronaxieMs, rheobaseMa: 10 },
              spareInnervatedNeighbours: spare,
            });
          } catch {
            continue;
          }
          if (outcome.status === 'refused') {
            expect(outcome.reasons.map((r) => r.rule)).not.toContain('output-safety');
            continue;
          }
          drafts += 1;
          expect(outcome.safety.ok).toBe(true);
        }
      }
    }
    expect(drafts).toBeGreaterThan(1000);
  });

  it('every draft has device-settable values and passes the gate’s output-limit part (property)', () => {
    const anyInput = fc.record({
      target: anyPlanTarget,
      chronaxieMs: fc.option(fc.double({ min: 0.01, max: 300, noNaN: true }), { nil: undefined }),
      rheobaseMa: fc.option(fc.double({ min: 0.1, max: 250, noNaN: true }), { nil: undefined }),
      spare: fc.boolean(),
      yes: fc.subarray([...SCREENING_KEYS], { maxLength: 2 }),
      mvc: fc.option(fc.double({ min: 1, max: 10_000, noNaN: true }), { nil: undefined }),
    });
    let drafts = 0;
    fc.assert(
      fc.property(anyInput, (r) => {
        const outcome = planProgramme({
          ...r.target,
          strengthDuration: {
            ...(r.chronaxieMs !== undefined ? { chronaxieMs: r.chronaxieMs } : {}),
            ...(r.rheobaseMa !== undefined ? { rheobaseMa: r.rheobaseMa } : {}),
            ...(r.target.goal === 'denervated-maintenance' && r.chronaxieMs === undefined
              ? { innervation: 'complete-denervation' as const }
              : {}),
          },
          spareInnervatedNeighbours: r.spare,
          screening: { ...allNo, ...Object.fromEntries(r.yes.map((k) => [k, true])) },
          ...(r.mvc !== undefined ? { dynamometryMvcN: r.mvc } : {}),
        });
        if (outcome.status !== 'draft') return;
        drafts += 1;
        expect(programmeBlockers(outcome.stimulation)).toEqual([]);
        for (const level of outcome.stimulation.levels) {
          for (const b of level.blocks) {
            expect(Number.isInteger(b.frequencyHz)).toBe(true);
            expect(Number.isInteger(b.maxIntensityMa)).toBe(true);
            expect(Number.isInteger(b.phaseWidthUs / 10)).toBe(true);
            expect(Number.isInteger(b.minutes)).toBe(true);
            for (const v of Object.values(b.cycle ?? {})) expect(Number.isInteger(v)).toBe(true);
          }
          // A caution's cap is carried by every level.
          const cap = outcome.screening?.cap;
          if (cap) expect(level.evokedForceTarget?.maxPercentMvc).toBeLessThanOrEqual(cap.maxPercentMvc);
        }
      }),
      { numRuns: 1500, seed: 6 },
    );
    expect(drafts).toBeGreaterThan(400);
  });

  it('random edits of a planned programme are accepted only when they stay within the limits', () => {
    const base = requireDraft(planProgramme(calfAfterCast)).stimulation;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: base.levels.length - 1 }),
        fc.integer({ min: 0, max: 2 }),
        fc.double({ min: 0.1, max: 2000, noNaN: true }),
        fc.double({ min: 1, max: 500_000, noNaN: true }),
        fc.double({ min: 0.1, max: 300, noNaN: true }),
        (l, b, peak, width, freq) => {
          const edited = structuredClone(base);
          const block = edited.levels[l]?.blocks[b];
          if (!block) return;
          block.maxIntensityMa = peak;
          block.phaseWidthUs = width;
          block.frequencyHz = freq;
          const report = checkOutputSafety(edited);
          const rms = peak * Math.sqrt(2 * width * freq * 1e-6);
          const energyMj = (peak / 1000) ** 2 * 500 * 2 * width * 1e-6 * 1000;
          const fits = (2 * width + edited.waveform.interphaseGapUs) * freq * 1e-6 < 1;
          const tol = 1 + LIMIT_ROUNDING_TOLERANCE;
          expect(report.ok).toBe(
            rms <= MAX_RMS_CURRENT_MA * tol && energyMj <= MAX_ENERGY_PER_PULSE_MJ * tol && fits,
          );
        },
      ),
      { numRuns: 2000, seed: 99 },
    );
  });
});
