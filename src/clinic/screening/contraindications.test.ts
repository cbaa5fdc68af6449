import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { SCREENING_KEYS, type ScreeningAnswers, screenContraindications } from './contraindications.ts';

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
