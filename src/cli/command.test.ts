import { describe, expect, it } from 'vitest';
import { declareOptions } from './command.ts';

describe('declareOptions', () => {
  it('declares valued options as strings and flags as booleans, in the order given', () => {
    const options = declareOptions(['days', 'nmes-minutes'], ['exercise']);
    expect(options).toEqual({
      days: { type: 'string' },
      'nmes-minutes': { type: 'string' },
      exercise: { type: 'boolean' },
    });
    expect(Object.keys(options)).toEqual(['days', 'nmes-minutes', 'exercise']);
  });

  it('declares no flags when none are given', () => {
    expect(declareOptions(['data'])).toEqual({ data: { type: 'string' } });
  });
});
