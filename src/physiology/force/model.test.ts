import { describe, expect, it } from 'vitest';
import { FORCE_MODELS, MODEL_IDS, validateForceModel } from './model.ts';

describe('force models as data', () => {
  it('every published model round-trips through JSON and validation unchanged', () => {
    for (const id of MODEL_IDS) {
      const model = FORCE_MODELS[id];
      expect(validateForceModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
      expect(model.source).toMatch(/\d{4}/);
    }
  });

  it('names the parameter that is out of range, and the range', () => {
    const broken = structuredClone(FORCE_MODELS['ding2003-fatigue']) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    broken.base.tau1S = -0.05;
    expect(() => validateForceModel(broken)).toThrow(
      'base.tau1S must be a number from 0.0001 to 10; got -0.05',
    );
    const noFatigueTime = structuredClone(FORCE_MODELS['ding2003-fatigue']) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    noFatigueTime.fatigue.tauFatigueS = 'long';
    expect(() => validateForceModel(noFatigueTime)).toThrow(/fatigue.tauFatigueS must be a number/);
    expect(() => validateForceModel(null)).toThrow(/JSON object/);
    expect(() => validateForceModel({ id: 'x', source: 's' })).toThrow(/base must be an object/);
  });

  it('drops unknown fields rather than carrying them into the engine', () => {
    const withExtra = {
      ...structuredClone(FORCE_MODELS.ding2003),
      base: { ...FORCE_MODELS.ding2003.base, note: 'x' },
    };
    expect(validateForceModel(withExtra).base).toEqual(FORCE_MODELS.ding2003.base);
  });
});
