import { describe, expect, it } from 'vitest';
import { assessmentChange } from './assessment-change.ts';

describe('assessmentChange', () => {
  it('calls a LEFS gain of 9 points meaningful and 8 points measurement error', () => {
    expect(assessmentChange({ measure: 'lefs', previous: 40, current: 49 })).toMatchObject({
      change: 9,
      exceedsMdc: true,
      direction: 'improved',
      clinicallyImportant: true,
    });
    expect(assessmentChange({ measure: 'lefs', previous: 40, current: 48 })).toMatchObject({
      direction: 'within-measurement-error',
      clinicallyImportant: false,
    });
    expect(assessmentChange({ measure: 'lefs', previous: 60, current: 45 }).direction).toBe('worsened');
  });

  it('judges dynamometry against a relative MDC of 29 %', () => {
    expect(
      assessmentChange({ measure: 'dynamometry-knee-extension', previous: 200, current: 250 }),
    ).toMatchObject({
      changePct: 25,
      direction: 'within-measurement-error',
    });
    expect(
      assessmentChange({ measure: 'dynamometry-knee-extension', previous: 200, current: 260 }).direction,
    ).toBe('improved');
  });

  it('gives no verdict without a sourced MDC, and uses a caller-given one', () => {
    expect(assessmentChange({ previous: 38, current: 39 })).toMatchObject({
      direction: 'no-verdict',
      mdc: null,
    });
    expect(assessmentChange({ previous: 38, current: 36, mdc: 1, higherIsBetter: true }).direction).toBe(
      'worsened',
    );
  });
});
