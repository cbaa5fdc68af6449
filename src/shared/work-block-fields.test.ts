import { describe, expect, it } from 'vitest';
import { WORK_BLOCK_BOUNDS } from './stimulation-bounds.ts';
import { WORK_BLOCK_FIELDS } from './work-block-fields.ts';

describe('the work block fields the designer and the simulate-session route share', () => {
  it('take the stimulation settings from the sourced bounds', () => {
    for (const key of ['frequencyHz', 'phaseWidthUs', 'maxIntensityMa'] as const) {
      expect(WORK_BLOCK_FIELDS[key].schema).toEqual({
        type: 'number',
        minimum: WORK_BLOCK_BOUNDS[key].min,
        maximum: WORK_BLOCK_BOUNDS[key].max,
      });
    }
    expect(WORK_BLOCK_FIELDS.maxIntensityMa.schema.maximum).toBe(250);
    expect(WORK_BLOCK_FIELDS.onS.schema).toEqual({ type: 'number', minimum: 0.5, maximum: 60 });
  });
});
