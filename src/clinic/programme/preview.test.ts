import { describe, expect, it } from 'vitest';
import { planProgramme, requireDraft } from './plan.ts';
import { calfAfterCast, draftFor } from './plan-fixtures.ts';
import { describeFatigueIndex, previewProgramme } from './preview.ts';

describe('previewProgramme', () => {
  it('simulates the level-1 work block of a calf programme and forecasts with and without it', () => {
    const preview = previewProgramme(requireDraft(planProgramme(calfAfterCast)));
    const session = preview.session;
    // 25 min of 6 s on / 24 s off (the 1:4 start for deconditioned muscle) → 50 contractions;
    // pulses at k/35 s < 6 s → 210 per contraction.
    expect(session?.contractions).toBe(50);
    expect(session?.pulses).toBe(50 * 210);
    expect(session?.peakForceN).toBeGreaterThan(0);
    expect(session?.fatigueIndex).toBeCloseTo(
      (session?.lastContractionPeakN ?? 0) / (session?.firstContractionPeakN ?? 1),
      12,
    );
    expect(session?.fatigueWords).toBe(describeFatigueIndex(session?.fatigueIndex ?? Number.NaN));
    expect(session?.fatigueWords).toMatch(
      /^force at the end is \d+ % of the start \((potentiation|fatigue|no change)\)$/,
    );
    const trajectory = preview.trajectory;
    expect(trajectory?.scenario).toBe('none');
    expect(trajectory?.muscle).toBe('calf');
    expect(trajectory?.days).toBe(56);
    expect(trajectory?.withProgramme).toHaveLength(57);
    expect(trajectory?.changePctAtEnd.withProgramme).toBeGreaterThan(
      trajectory?.changePctAtEnd.withoutProgramme ?? 0,
    );
    // The lower-leg ladder's loaded stages cover most of the 8 weeks: credited as moderate load.
    expect(trajectory?.assumptions[1]).toMatch(/sets of up to 15 repetitions to near failure/);
  }, 20_000);

  it('forecasts prevention during a cast: the programme keeps more muscle than no treatment', () => {
    const draft = draftFor('prevent-disuse-atrophy', 'quadriceps', 'right', {
      diagnosis: { causeId: 'cast' },
    });
    const preview = previewProgramme(draft, { days: 14 });
    expect(preview.trajectory?.scenario).toBe('cast');
    const end = preview.trajectory?.changePctAtEnd;
    expect(end?.withoutProgramme).toBeLessThan(-3);
    expect(end?.withProgramme).toBeGreaterThan(end?.withoutProgramme ?? 0);
    expect(preview.trajectory?.assumptions[0]).toMatch(/NMES 2 × 40 min a day/);
    // No exercise is credited in a cast: stimulation at best holds the muscle (Dirks 2014: no loss).
    expect(preview.trajectory?.assumptions[1]).toMatch(/no resistance exercise is credited/);
    expect(end?.withProgramme).toBeLessThan(1.5);
  }, 20_000);

  it('says a denervated programme is not modelled rather than guessing', () => {
    const draft = draftFor('denervated-maintenance', 'tibialis-anterior', 'left', {
      strengthDuration: { innervation: 'complete-denervation', chronaxieMs: 28, rheobaseMa: 14 },
    });
    const preview = previewProgramme(draft);
    expect(preview.session).toBeNull();
    expect(preview.sessionNotModelled).toMatch(/denervated/);
    expect(preview.trajectory).toBeNull();
  });

  it('puts the fatigue index into words: potentiation above 100 %, fatigue below', () => {
    expect(describeFatigueIndex(1.14)).toBe('force at the end is 114 % of the start (potentiation)');
    expect(describeFatigueIndex(0.62)).toBe('force at the end is 62 % of the start (fatigue)');
    expect(describeFatigueIndex(1.004)).toBe('force at the end is 100 % of the start (no change)');
    expect(describeFatigueIndex(Number.NaN)).toBe('force at the end could not be compared with the start');
  });

  it('says when the trajectory model has no calibration for the muscle', () => {
    const preview = previewProgramme(draftFor('strengthen', 'deltoid', 'left'));
    expect(preview.session?.contractions).toBe(15);
    expect(preview.trajectory).toBeNull();
    expect(preview.trajectoryNotModelled).toMatch(/no calibration for the deltoid/);
  });
});
