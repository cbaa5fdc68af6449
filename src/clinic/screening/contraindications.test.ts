import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import {
  SCREENING_KEYS,
  SCREENING_QUESTIONS,
  type ScreeningAnswers,
  screenContraindications,
} from './contraindications.ts';

const allNo: ScreeningAnswers = Object.fromEntries(SCREENING_KEYS.map((k) => [k, false]));

describe('screenContraindications', () => {
  it('clears a complete screen with every answer no', () => {
    const result = screenContraindications(allNo, ['triceps-surae']);
    expect(result).toMatchObject({ verdict: 'clear', complete: true, unanswered: [], contraindications: [] });
    expect(result.sites).toEqual([
      { site: 'triceps-surae', region: 'lower-limb', verdict: 'clear', findings: [] },
    ]);
  });

  it('contraindicates every site for a demand pacemaker, naming the FDA source', () => {
    const result = screenContraindications({ ...allNo, demandPacemaker: true }, ['quadriceps', 'deltoid']);
    expect(result.verdict).toBe('contraindicated');
    expect(result.patient.verdict).toBe('contraindicated');
    expect(result.sites.every((s) => s.verdict === 'contraindicated')).toBe(true);
    expect(result.contraindications).toHaveLength(1);
    expect(result.contraindications[0]?.key).toBe('demandPacemaker');
    expect(result.contraindications[0]?.source).toMatch(/FDA/);
  });

  it('contraindicates abdomen, pelvis and lumbar sites in pregnancy and asks for care elsewhere', () => {
    const result = screenContraindications({ ...allNo, pregnant: true }, [
      'lumbar-paraspinals',
      'gluteus-maximus',
      'abdomen',
      'quadriceps',
    ]);
    const bySite = Object.fromEntries(result.sites.map((s) => [s.site, s.verdict]));
    expect(bySite).toEqual({
      'lumbar-paraspinals': 'contraindicated',
      'gluteus-maximus': 'contraindicated',
      abdomen: 'contraindicated',
      quadriceps: 'precaution',
    });
    expect(result.contraindications[0]?.source).toMatch(/Compex/);
  });

  it('limits leg rules to the legs and epilepsy to the head and neck', () => {
    const legs = screenContraindications(
      { ...allNo, severeArterialDiseaseOfLegs: true, dvtOrThrombophlebitis: true },
      ['tibialis-anterior', 'lumbar-paraspinals'],
    );
    expect(legs.sites.map((s) => s.verdict)).toEqual(['contraindicated', 'clear']);
    const epilepsy = screenContraindications({ ...allNo, epilepsy: true }, [
      'posterior-neck',
      'biceps-brachii',
    ]);
    expect(epilepsy.sites.map((s) => s.verdict)).toEqual(['contraindicated', 'precaution']);
  });

  it('grades site findings: broken skin and malignancy contraindicate, impaired sensation and recent surgery need care', () => {
    const contra = screenContraindications(
      { ...allNo, brokenOrInfectedSkinAtSite: true, activeMalignancyAtSite: true },
      ['quadriceps'],
    );
    expect(contra.contraindications.map((f) => f.key)).toEqual([
      'activeMalignancyAtSite',
      'brokenOrInfectedSkinAtSite',
    ]);
    const care = screenContraindications(
      {
        ...allNo,
        impairedSensationAtSite: true,
        recentSurgeryAtSite: true,
        bleedingTendency: true,
        heartDisease: true,
      },
      ['quadriceps'],
    );
    expect(care.verdict).toBe('precaution');
    expect(care.precautions.map((f) => f.key).sort()).toEqual([
      'bleedingTendency',
      'heartDisease',
      'impairedSensationAtSite',
      'recentSurgeryAtSite',
    ]);
  });

  it('contraindicates electrodes on the front of the neck, the thorax or the head whatever the answers', () => {
    const result = screenContraindications(allNo, ['anterior-neck', 'chest', 'head', 'quadriceps']);
    expect(result.sites.map((s) => s.verdict)).toEqual([
      'contraindicated',
      'contraindicated',
      'contraindicated',
      'clear',
    ]);
    expect(result.contraindications[0]?.source).toMatch(/IEC 60601-2-10/);
  });

  it('reports an incomplete screen without treating unanswered keys as no', () => {
    const result = screenContraindications({ demandPacemaker: false }, ['quadriceps']);
    expect(result.complete).toBe(false);
    expect(result.unanswered).toHaveLength(SCREENING_KEYS.length - 1);
  });

  it('rejects unknown keys, non-boolean answers and unknown sites, naming what is allowed', () => {
    expect(() => screenContraindications({ pacemaker: true } as never, [])).toThrow(
      /unknown screening key 'pacemaker'; allowed keys \(each true or false\): demandPacemaker, implantedStimulator/,
    );
    expect(() => screenContraindications({ pregnant: 'no' } as never, [])).toThrow(InvalidInputError);
    expect(() => screenContraindications(allNo, ['knee'])).toThrow(/unknown electrode site 'knee'/);
  });
});

describe('the seven electrophysical-agents guideline items (Houghton 2010)', () => {
  const site = (answers: ScreeningAnswers, sites: string[]) => screenContraindications(answers, sites);

  it('blocks at the site: unstable fracture or healing repair, active bleeding, irradiated tissue, osteomyelitis', () => {
    for (const key of [
      'unstableFractureOrRecentRepairAtSite',
      'activeBleedingAtSite',
      'irradiatedTissueAtSite',
      'osteomyelitisAtSite',
    ] as const) {
      const result = site({ ...allNo, [key]: true }, ['quadriceps', 'deltoid']);
      expect(result.sites.map((s) => s.verdict)).toEqual(['contraindicated', 'contraindicated']);
      expect(result.contraindications.map((f) => f.key)).toEqual([key]);
      expect(result.contraindications[0]?.source).toMatch(/Houghton et al\. 2010 Physiother Can 62\(5\)/);
      expect(result.cap).toBeNull();
    }
  });

  it('cautions with a cap: autonomic dysreflexia risk and osteoporosis everywhere, varicose veins on the limbs', () => {
    const ad = site({ ...allNo, autonomicDysreflexiaRisk: true }, ['quadriceps', 'lumbar-paraspinals']);
    expect(ad.verdict).toBe('precaution');
    expect(ad.patient.findings.map((f) => f.key)).toEqual(['autonomicDysreflexiaRisk']);
    expect(ad.cap).toEqual({
      ceilingFraction: 0.5,
      maxPercentMvc: 30,
      maxStep: 'visible',
      keys: ['autonomicDysreflexiaRisk'],
      notes: [expect.stringMatching(/blood pressure/)],
    });
    const veins = site({ ...allNo, varicoseVeinsAtSite: true }, ['triceps-surae', 'lumbar-paraspinals']);
    expect(veins.sites.map((s) => s.verdict)).toEqual(['precaution', 'clear']);
    expect(veins.cap).toMatchObject({ ceilingFraction: 0.8, maxPercentMvc: 50, maxStep: 'partial-movement' });
  });

  it('takes the strictest of several caps', () => {
    const both = site(
      {
        ...allNo,
        varicoseVeinsAtSite: true,
        osteoporosisFragilityFracture: true,
        autonomicDysreflexiaRisk: true,
      },
      ['triceps-surae'],
    );
    expect(both.cap).toMatchObject({ ceilingFraction: 0.5, maxPercentMvc: 30, maxStep: 'visible' });
    expect(both.cap?.keys.sort()).toEqual([
      'autonomicDysreflexiaRisk',
      'osteoporosisFragilityFracture',
      'varicoseVeinsAtSite',
    ]);
  });

  it('asks every new question, with its source', () => {
    for (const key of [
      'autonomicDysreflexiaRisk',
      'osteoporosisFragilityFracture',
      'unstableFractureOrRecentRepairAtSite',
      'activeBleedingAtSite',
      'irradiatedTissueAtSite',
      'varicoseVeinsAtSite',
      'osteomyelitisAtSite',
    ] as const) {
      expect(SCREENING_KEYS).toContain(key);
      expect(SCREENING_QUESTIONS[key].question).toMatch(/\?$/);
      expect(SCREENING_QUESTIONS[key].source).toMatch(/Houghton/);
    }
  });
});

describe('an unanswered question never reads as clear', () => {
  it('marks the screen, the patient and each affected site incomplete', () => {
    const { autonomicDysreflexiaRisk: _, ...missingOne } = allNo;
    const result = screenContraindications(missingOne, ['quadriceps']);
    expect(result.verdict).toBe('incomplete');
    expect(result.patient.verdict).toBe('incomplete');
    expect(result.sites[0]?.verdict).toBe('incomplete');
    expect(result.unanswered).toEqual(['autonomicDysreflexiaRisk']);
  });

  it('leaves a site clear only when the unanswered question cannot matter there', () => {
    const { severeArterialDiseaseOfLegs: _, ...noLegQuestion } = allNo;
    const result = screenContraindications(noLegQuestion, ['lumbar-paraspinals', 'tibialis-anterior']);
    expect(result.sites.map((s) => s.verdict)).toEqual(['clear', 'incomplete']);
    expect(result.verdict).toBe('incomplete');
  });

  it('an empty screen is incomplete, not clear, with or without sites', () => {
    expect(screenContraindications({}, []).verdict).toBe('incomplete');
    expect(screenContraindications({}, ['quadriceps']).sites[0]?.verdict).toBe('incomplete');
  });

  it('a contraindication still outranks an incomplete screen', () => {
    expect(screenContraindications({ demandPacemaker: true }, ['quadriceps']).verdict).toBe(
      'contraindicated',
    );
  });

  it('refuses prototype keys as answers and as sites, naming what is allowed', () => {
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const answers = JSON.parse(`{"${key}": true}`);
      expect(() => screenContraindications(answers, [])).toThrow(/unknown screening key .*allowed keys/);
      expect(() => screenContraindications(allNo, [key])).toThrow(
        new RegExp(`unknown electrode site '${key.replace(/_/g, '_')}'; allowed: quadriceps`),
      );
    }
  });
});
