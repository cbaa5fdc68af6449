import { describe, expect, it } from 'vitest';
import { findDeveloperText } from './developer-text.ts';

describe('findDeveloperText', () => {
  it('finds field names, internal tags, missing values and over-precise numbers', () => {
    expect(
      findDeveloperText(
        'Set maxIntensityMa to 102.1 mA at 1.794 Hz (UNCONFIRMED); pulse undefined, NaN, null; phase_width',
      ),
    ).toEqual([
      'a program identifier: maxIntensityMa',
      'a program identifier: phase_width',
      'an internal tag: UNCONFIRMED',
      'a missing value: undefined',
      'a missing value: NaN',
      'a missing value: null',
      'a number with decimals a device does not show: 2.1',
      'a number with decimals a device does not show: 1.7',
    ]);
    expect(findDeveloperText('[object Object]')).toEqual(['a missing value: [object Object]']);
  });

  it('passes plain words with whole numbers', () => {
    expect(
      findDeveloperText(
        'The stimulator sends 35 pulses a second. Turn it up slowly, up to 40 mA at most. Weeks 1 to 2.',
      ),
    ).toEqual([]);
  });
});
