import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from './invalid-input.ts';
import { ownEntry, requireOneOf } from './one-of.ts';

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype);

describe('enumerated input', () => {
  it('accepts only the listed values and names them all when it refuses', () => {
    expect(requireOneOf('side', 'left', ['left', 'right'] as const)).toBe('left');
    for (const bad of [...PROTOTYPE_KEYS, 'Left', '', 42, null, undefined, {}]) {
      expect(() => requireOneOf('side', bad, ['left', 'right'] as const)).toThrow(InvalidInputError);
      expect(() => requireOneOf('side', bad, ['left', 'right'] as const)).toThrow(
        /side must be one of left, right; got/,
      );
    }
  });

  it('reads a table by its own properties only', () => {
    const table = { thigh: 1, calf: 2 };
    expect(ownEntry('segment', table, 'calf')).toBe(2);
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string()), (key) => {
        fc.pre(key !== 'thigh' && key !== 'calf');
        expect(() => ownEntry('segment', table, key)).toThrow(/segment must be one of thigh, calf/);
      }),
    );
  });
});
