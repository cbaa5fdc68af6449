import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { planProgramme, requireDraft } from '../programme/plan.ts';
import type { StimulationBlock, StimulationProgramme } from '../programme/stimulation-types.ts';
import { SCREENING_KEYS, type ScreeningAnswers } from '../screening/contraindications.ts';
import {
  BLOCKER_CODES,
  type BlockerCode,
  GATE_PURPOSES,
  type GateInput,
  gateExerciseProgramme,
  gateProgramme,
  isClearedProgramme,
  requireClearedProgramme,
  SCREENING_MAX_AGE_DAYS,
} from './programme-gate.ts';

const allNo: ScreeningAnswers = Object.fromEntries(SCREENING_KEYS.map((k) => [k, false]));
const NOW = '2025-03-10T12:00:00Z';

const CALF = { goal: 'reverse-atrophy', muscle: 'triceps-surae', side: 'left', screening: allNo } as const;
const calfDraft = requireDraft(planProgramme(CALF));
const calf = calfDraft.stimulation;

/** A screening of the calf on 8 March: every answer "no" but those changed here. */
function calfScreening(changes: Partial<ScreeningAnswers> = {}): NonNullable<GateInput['screening']> {
  return { screenedAt: '2025-03-08', answers: { ...allNo, ...changes }, electrodeSites: ['triceps-surae'] };
}

function input(overrides: Partial<GateInput> = {}): GateInput {
  return {
    purpose: 'approve',
    programme: calf,
    screening: calfScreening(),
    openRedFlags: [],
    conditions: [{ code: 'M62.562', recordedAt: '2025-03-05T09:30:00Z' }],
    now: NOW,
    ...overrides,
  };
}

function codes(i: GateInput): BlockerCode[] {
  const decision = gateProgramme(i);
  return decision.allowed ? [] : decision.blockers.map((b) => b.code);
}

/** The calf programme with its first level's work block set to these values. */
function withFirstWorkBlock(settings: Partial<StimulationBlock>): StimulationProgramme {
  return edited((p) => {
    Object.assign(p.levels[0]?.blocks[1] ?? {}, settings);
  });
}

function edited(change: (p: StimulationProgramme) => void): StimulationProgramme {
  const copy = structuredClone(calf);
  change(copy);
  return copy;
}

describe('gateProgramme: a screened, coded, flag-free programme within the limits', () => {
  it('is allowed for every purpose and comes back as a frozen ClearedProgramme', () => {
    for (const purpose of GATE_PURPOSES) {
      const decision = gateProgramme(input({ purpose }));
      expect(decision.allowed).toBe(true);
      if (!decision.allowed) continue;
      expect(decision.blockers).toEqual([]);
      expect(decision.cleared.purpose).toBe(purpose);
      expect(decision.cleared.clearedAt).toBe('2025-03-10T12:00:00.000Z');
      expect(decision.cleared.programme).toEqual(calf);
      expect(decision.cleared.programme).not.toBe(calf);
      expect(Object.isFrozen(decision.cleared)).toBe(true);
      expect(Object.isFrozen(decision.cleared.programme.levels[0]?.blocks[1])).toBe(true);
      expect(isClearedProgramme(decision.cleared)).toBe(true);
    }
  });

  it('only the gate can make a ClearedProgramme; the driver refuses a look-alike or the wrong purpose', () => {
    const decision = gateProgramme(input({ purpose: 'send-to-device' }));
    if (!decision.allowed) throw new Error('expected clearance');
    expect(requireClearedProgramme(decision.cleared)).toBe(decision.cleared);
    const lookalike = { ...decision.cleared };
    expect(isClearedProgramme(lookalike)).toBe(false);
    expect(() => requireClearedProgramme(lookalike)).toThrow(/not cleared by the safety gate/);
    expect(() => requireClearedProgramme(calf)).toThrow(InvalidInputError);
    const approved = gateProgramme(input({ purpose: 'approve' }));
    if (!approved.allowed) throw new Error('expected clearance');
    expect(() => requireClearedProgramme(approved.cleared)).toThrow(
      /cleared to approve, not to send-to-device/,
    );
    expect(() => {
      (decision.cleared.programme.levels[0]?.blocks[1] as { maxIntensityMa: number }).maxIntensityMa = 250;
    }).toThrow(TypeError);
  });
});

describe('gateProgramme: each blocker, with its stable code and a clinician’s words', () => {
  it('screening-missing', () => {
    const d = gateProgramme(input({ screening: null }));
    expect(d.allowed).toBe(false);
    expect(d.allowed ? [] : d.blockers).toEqual([
      expect.objectContaining({
        code: 'screening-missing',
        message: expect.stringMatching(/No contraindication screening/),
      }),
    ]);
  });

  it('screening-unanswered: one blocker per unanswered question, never read as "no"', () => {
    const { bleedingTendency: _b, osteomyelitisAtSite: _o, ...partial } = allNo;
    const d = gateProgramme(
      input({ screening: { screenedAt: '2025-03-08', answers: partial, electrodeSites: ['triceps-surae'] } }),
    );
    if (d.allowed) throw new Error('expected blockers');
    expect(d.blockers.map((b) => [b.code, b.key])).toEqual([
      ['screening-unanswered', 'bleedingTendency'],
      ['screening-unanswered', 'osteomyelitisAtSite'],
    ]);
    expect(d.blockers[0]?.message).toMatch(/bleeding tendency.*An unanswered question is not a "no"/);
  });

  it('screening-site-not-covered: the programme places electrodes where the screening did not look', () => {
    const d = gateProgramme(
      input({ screening: { screenedAt: '2025-03-08', answers: allNo, electrodeSites: ['quadriceps'] } }),
    );
    if (d.allowed) throw new Error('expected blockers');
    expect(d.blockers).toEqual([
      expect.objectContaining({ code: 'screening-site-not-covered', site: 'triceps-surae' }),
    ]);
  });

  it('contraindicated: at a programme site, or for the whole patient', () => {
    const atSite = gateProgramme(
      input({
        screening: calfScreening({ activeBleedingAtSite: true }),
      }),
    );
    if (atSite.allowed) throw new Error('expected blockers');
    expect(atSite.blockers).toEqual([
      expect.objectContaining({
        code: 'contraindicated',
        key: 'activeBleedingAtSite',
        site: 'triceps-surae',
      }),
    ]);
    expect(atSite.blockers[0]?.source).toMatch(/Houghton/);
    const patient = gateProgramme(
      input({
        screening: calfScreening({ demandPacemaker: true }),
      }),
    );
    if (patient.allowed) throw new Error('expected blockers');
    expect(patient.blockers.map((b) => [b.code, b.key, b.site])).toEqual([
      ['contraindicated', 'demandPacemaker', undefined],
    ]);
  });

  it('caution-cap-missing: a caution whose cap the programme was not planned with', () => {
    const screening = calfScreening({ osteoporosisFragilityFracture: true });
    expect(codes(input({ screening }))).toEqual(['caution-cap-missing']);
    const replanned = requireDraft(
      planProgramme({
        goal: 'reverse-atrophy',
        muscle: 'triceps-surae',
        side: 'left',
        screening: screening.answers,
      }),
    ).stimulation;
    expect(gateProgramme(input({ screening, programme: replanned })).allowed).toBe(true);
    const raised = structuredClone(replanned);
    const t = raised.levels[1]?.evokedForceTarget;
    if (t) t.maxPercentMvc = 80;
    const d = gateProgramme(input({ screening, programme: raised }));
    expect(d.allowed ? '' : d.blockers[0]?.message).toMatch(
      /level 2 aims above the cap \(30 % MVC or a visible contraction\)/,
    );
  });

  it('screening-older-than-condition and screening-expired', () => {
    const older = gateProgramme(input({ conditions: [{ code: 'M62.562', recordedAt: '2025-03-09' }] }));
    if (older.allowed) throw new Error('expected blockers');
    expect(older.blockers).toEqual([
      expect.objectContaining({ code: 'screening-older-than-condition', key: 'M62.562' }),
    ]);
    expect(older.blockers[0]?.message).toMatch(
      /2025-03-08.*older than the latest recorded condition \(M62\.562, 2025-03-09\)/,
    );
    const days = SCREENING_MAX_AGE_DAYS + 1;
    const expired = gateProgramme(
      input({
        screening: { screenedAt: '2025-02-07', answers: allNo, electrodeSites: ['triceps-surae'] },
        conditions: [{ code: 'M62.562', recordedAt: '2025-02-01' }],
      }),
    );
    if (expired.allowed) throw new Error('expected blockers');
    expect(expired.blockers).toEqual([expect.objectContaining({ code: 'screening-expired' })]);
    expect(expired.blockers[0]?.message).toMatch(
      new RegExp(`${days} days old; a screening from the last 30 days`),
    );
  });

  it('red-flag-open: a known flag with its referral, and an unknown flag still blocks', () => {
    const d = gateProgramme(
      input({
        openRedFlags: [
          { key: 'suspectedDeepVeinThrombosis', raisedAt: '2025-03-09' },
          { key: 'constructor', raisedAt: '2025-03-09' },
        ],
      }),
    );
    if (d.allowed) throw new Error('expected blockers');
    expect(d.blockers.map((b) => [b.code, b.key])).toEqual([
      ['red-flag-open', 'suspectedDeepVeinThrombosis'],
      ['red-flag-open', 'constructor'],
    ]);
    expect(d.blockers[0]?.message).toMatch(/Refer immediately .*stimulation stays paused/);
    expect(d.blockers[1]?.message).toMatch(
      /not one Myotrophy knows; known: progressiveWeaknessWithoutSensoryLoss/,
    );
  });

  it('no-coded-diagnosis: none recorded, or none with a usable ICD-10-CM code', () => {
    expect(codes(input({ conditions: [] }))).toEqual(['no-coded-diagnosis']);
    const d = gateProgramme(input({ conditions: [{ code: 'calf wasting', recordedAt: '2025-03-01' }] }));
    expect(d.allowed ? [] : d.blockers.map((b) => b.code)).toEqual(['no-coded-diagnosis']);
    expect(d.warnings.join(' ')).toMatch(/no usable ICD-10-CM code \("calf wasting"\)/);
  });

  it('output-limit: every limit a setting breaks', () => {
    const hot = withFirstWorkBlock({ maxIntensityMa: 250, phaseWidthUs: 1000, frequencyHz: 100 });
    const d = gateProgramme(input({ programme: hot }));
    if (d.allowed) throw new Error('expected blockers');
    expect(d.blockers.map((b) => [b.code, b.key])).toEqual([['output-limit', 'rms-current']]);
    expect(d.blockers[0]?.message).toMatch(/level 1 work: r\.m\.s\. current 111\.8 mA/);
  });

  it('programme-malformed: nothing readable to check', () => {
    expect(codes(input({ programme: null }))).toEqual(expect.arrayContaining(['programme-malformed']));
  });

  it('not-device-settable: values a stimulator cannot be set to', () => {
    const odd = withFirstWorkBlock({ frequencyHz: 1.794, maxIntensityMa: 40.5, phaseWidthUs: 305 });
    const d = gateProgramme(input({ programme: odd }));
    if (d.allowed) throw new Error('expected blockers');
    expect(d.blockers.map((b) => [b.code, b.key])).toEqual([
      ['not-device-settable', 'frequency'],
      ['not-device-settable', 'phase width'],
      ['not-device-settable', 'current ceiling'],
    ]);
    expect(d.blockers[0]?.message).toBe(
      'level 1 work: frequency 1.794 is not a value a stimulator can be set to (steps of 1 Hz).',
    );
  });

  it('screening-malformed and record-malformed: a record it cannot read is a blocker, not a crash', () => {
    expect(
      codes(
        input({ screening: { screenedAt: 'last week', answers: allNo, electrodeSites: ['triceps-surae'] } }),
      ),
    ).toEqual(['screening-malformed']);
    expect(
      codes(
        input({
          screening: {
            screenedAt: '2025-03-08',
            answers: { pacemaker: false },
            electrodeSites: ['triceps-surae'],
          },
        }),
      ),
    ).toEqual(['screening-malformed']);
    expect(codes(input({ openRedFlags: 'none' as never }))).toEqual(['record-malformed']);
  });

  it('returns every blocker at once, not the first', () => {
    const d = gateProgramme(
      input({
        screening: null,
        openRedFlags: [{ key: 'suddenWeakness', raisedAt: '2025-03-10' }],
        conditions: [],
        programme: withFirstWorkBlock({ maxIntensityMa: 250.5, phaseWidthUs: 1000, frequencyHz: 100 }),
      }),
    );
    expect(d.allowed ? [] : d.blockers.map((b) => b.code)).toEqual([
      'screening-missing',
      'red-flag-open',
      'no-coded-diagnosis',
      'output-limit',
      'not-device-settable',
    ]);
  });

  it('every blocker code is exercised above and named in the list', () => {
    // immobilised-joint-moved: in 'the gate on exercise' below.
    expect([...BLOCKER_CODES].sort()).toEqual(
      [
        'caution-cap-missing',
        'contraindicated',
        'no-coded-diagnosis',
        'not-device-settable',
        'output-limit',
        'programme-malformed',
        'record-malformed',
        'red-flag-open',
        'screening-expired',
        'screening-malformed',
        'screening-missing',
        'screening-older-than-condition',
        'screening-site-not-covered',
        'screening-unanswered',
        'immobilised-joint-moved',
      ].sort(),
    );
  });
});

describe('gateProgramme: a malformed call is a programming error at the door', () => {
  it('throws InvalidInputError for an unknown purpose (prototype keys too) or an unreadable now', () => {
    for (const purpose of ['constructor', '__proto__', 'toString', 'print']) {
      expect(() => gateProgramme(input({ purpose: purpose as never }))).toThrow(
        /gate purpose must be one of approve, activate, send-to-device, show-as-due/,
      );
    }
    expect(() => gateProgramme(input({ now: 'soon' }))).toThrow(/ISO 8601/);
  });
});

describe('the gate on exercise: gateExerciseProgramme, and gateProgramme with the exercise part', () => {
  const CODED = { code: 'M62.562', recordedAt: '2025-03-05T09:30:00Z' };
  const cast = (from: string | null, to: string | null, site = 'lower-leg', cause = 'cast') => ({
    ...CODED,
    cause,
    site,
    immobilisedFrom: from,
    immobilisedTo: to,
  });
  const exerciseOnly = (overrides: Partial<Parameters<typeof gateExerciseProgramme>[0]> = {}) =>
    gateExerciseProgramme({
      purpose: 'show-as-due',
      exercise: calfDraft.exercise,
      screening: null,
      openRedFlags: [],
      conditions: [CODED],
      now: NOW,
      ...overrides,
    });
  const ankleMoves = calfDraft.exercise.stages[0]?.exercises.filter((e) => e.joints.includes('ankle')) ?? [];

  it('immobilised-joint-moved: a below-knee cast on today blocks every ankle move of a calf programme, naming it', () => {
    expect(ankleMoves.length).toBeGreaterThan(0);
    const decision = gateProgramme(
      input({ exercise: calfDraft.exercise, conditions: [cast('2025-03-01', '2025-04-15')] }),
    );
    expect(decision.allowed).toBe(false);
    const blockers = decision.allowed
      ? []
      : decision.blockers.filter((b) => b.code === 'immobilised-joint-moved');
    expect(blockers.map((b) => b.message)).toEqual(
      expect.arrayContaining(
        ankleMoves.map((e) =>
          expect.stringContaining(
            `prescribes "${e.name}", which moves the ankle held by the below-knee cast (until 2025-04-15)`,
          ),
        ),
      ),
    );
    expect(blockers[0]).toMatchObject({ key: 'ankle', site: 'lower-leg' });
    // The same for an exercise-only programme, and for a walking boot (brace) or an above-knee cast.
    expect(exerciseOnly({ conditions: [cast('2025-03-01', null)] }).blockers.map((b) => b.code)).toContain(
      'immobilised-joint-moved',
    );
    expect(
      exerciseOnly({ conditions: [cast('2025-03-01', null, 'lower-leg', 'brace')] }).blockers[0]?.message,
    ).toMatch(/walking boot \(no removal date recorded\)/);
    expect(exerciseOnly({ conditions: [cast('2025-03-01', null, 'thigh')] }).blockers[0]?.message).toMatch(
      /above-knee \(long-leg\) cast/,
    );
  });

  it('lets through a programme planned with the cast, whose ankle moves start after the removal date', () => {
    const immobilisations = [{ device: 'below-knee-cast', removalDate: '2025-04-07' }] as const;
    const planned = requireDraft(
      planProgramme({ ...CALF, immobilisations: [...immobilisations], startDate: '2025-03-10' }),
    );
    const conditions = [cast('2025-03-01', '2025-04-07')];
    expect(
      exerciseOnly({ exercise: planned.exercise, conditions, exerciseStartDate: '2025-03-10' }),
    ).toMatchObject({
      allowed: true,
      blockers: [],
    });
    // Judged as if it started six weeks earlier, a later stage's ankle moves fall inside the cast.
    expect(
      exerciseOnly({ exercise: planned.exercise, conditions, exerciseStartDate: '2025-01-27' }).allowed,
    ).toBe(false);
  });

  it('holds nothing for a cast already off, or one with no dates recorded; warns where the site names no joint', () => {
    expect(exerciseOnly({ conditions: [cast('2025-01-01', '2025-03-01')] }).allowed).toBe(true);
    expect(exerciseOnly({ conditions: [cast(null, null)] }).allowed).toBe(true);
    const other = exerciseOnly({ conditions: [cast('2025-03-01', null, 'other')] });
    expect(other.allowed).toBe(true);
    expect(other.warnings.join(' ')).toMatch(/cast at the other is recorded, but its site names no joint/);
  });

  it('exercise only: needs a coded diagnosis; a flag that stops exercise blocks, one that holds progression warns; the electrical screening does not apply', () => {
    expect(exerciseOnly()).toEqual({ allowed: true, purpose: 'show-as-due', blockers: [], warnings: [] });
    expect(exerciseOnly({ conditions: [] }).blockers.map((b) => b.code)).toEqual(['no-coded-diagnosis']);
    const dvt = exerciseOnly({ openRedFlags: [{ key: 'breathlessLyingFlat', raisedAt: '2025-03-09' }] });
    expect(dvt.blockers.map((b) => b.code)).toEqual(['red-flag-open']);
    expect(dvt.blockers[0]?.message).toMatch(/Exercise stops too while it is open\.$/);
    const unknown = exerciseOnly({ openRedFlags: [{ key: 'constructor', raisedAt: '2025-03-09' }] });
    expect(unknown.blockers.map((b) => b.code)).toEqual(['red-flag-open']);
    const held = exerciseOnly({
      openRedFlags: [{ key: 'progressiveWeaknessWithoutSensoryLoss', raisedAt: '2025-03-09' }],
    });
    expect(held.allowed).toBe(true);
    expect(held.warnings[0]).toMatch(/Exercise continues without progression while it is open\.$/);
  });

  it('programme-malformed: an unreadable exercise part, and an exercise programme sent to a device', () => {
    for (const exercise of [null, 'walk more', { stages: 'many' }, { stages: [{ exercises: 'some' }] }]) {
      const decision = exerciseOnly({ exercise, conditions: [cast('2025-03-01', null)] });
      expect(decision.blockers.map((b) => b.code)).toContain('programme-malformed');
    }
    expect(exerciseOnly({ purpose: 'send-to-device' }).blockers.map((b) => b.message)).toEqual([
      'An exercise programme has no stimulation settings: nothing can be sent to a stimulator.',
    ]);
  });
});
