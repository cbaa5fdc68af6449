import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { codeCondition } from './code-condition.ts';

describe('codeCondition', () => {
  it('codes a left lower leg from its site and side', () => {
    expect(codeCondition({ site: 'lower-leg', side: 'left' })).toEqual({
      code: 'M62.562',
      title: expect.stringContaining('left lower leg'),
      site: 'lower-leg',
      side: 'left',
    });
  });

  it('takes a billable code as given and fills its site and side', () => {
    const coded = codeCondition({ icd10Code: 'M62.551' });
    expect(coded.code).toBe('M62.551');
    expect(coded.site).toBe('thigh');
    expect(coded.side).toBe('right');
  });

  it('refuses a code whose site contradicts the stated site', () => {
    expect(() => codeCondition({ icd10Code: 'M62.562', site: 'thigh' })).toThrow(
      'M62.562 codes the lower-leg, not the thigh',
    );
  });

  it('refuses a header code and a condition with nothing to code it from', () => {
    expect(() => codeCondition({ icd10Code: 'M62.5' })).toThrow(InvalidInputError);
    expect(() => codeCondition({ side: 'left' })).toThrow(
      'a condition needs icd10Code, or site and side to code it from',
    );
  });
});
