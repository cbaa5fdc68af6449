import { describe, expect, it } from 'vitest';
import { parseNumber } from './text.ts';

describe('parseNumber', () => {
  it('reads plain decimal numbers, and nothing that only JavaScript calls a number', () => {
    const numbers: [string, number][] = [
      ['12.5', 12.5],
      [' -0.25 ', -0.25],
      ['+3', 3],
      ['.5', 0.5],
      ['5.', 5],
      ['1e5', 100000],
      ['2.5E-3', 0.0025],
      ['0', 0],
      ['007', 7],
      ['1e999', Number.POSITIVE_INFINITY],
    ];
    for (const [cell, value] of numbers) expect(parseNumber(cell, false), cell).toBe(value);
    for (const cell of [
      '',
      ' ',
      '.',
      '-',
      'e5',
      '1e',
      '0x1F',
      '0b1',
      '0o7',
      'Infinity',
      '-Infinity',
      '1,5',
      '1_000',
      'NaN',
      '12 5',
    ]) {
      expect(parseNumber(cell, false), cell).toBeUndefined();
    }
  });

  it('reads a decimal comma when told to, and then not a decimal point', () => {
    expect(parseNumber('12,5', true)).toBe(12.5);
    expect(parseNumber('-,5', true)).toBe(-0.5);
    expect(parseNumber('12.5', true)).toBeUndefined();
  });
});
