import { describe, expect, it } from 'vitest';
import { expandSharedText } from './shared-text.ts';

describe('expandSharedText', () => {
  const shared = { 'kern-2010': 'Kern et al. 2010', nmes: 'Conventional NMES.' };

  it('replaces each cited name with its text and leaves the rest as written', () => {
    expect(expandSharedText('{nmes} Twice a day.', shared, 'x.json')).toBe('Conventional NMES. Twice a day.');
    expect(expandSharedText('{kern-2010}; table 2', shared, 'x.json')).toBe('Kern et al. 2010; table 2');
    expect(expandSharedText('no citation (0.2–0.45 ms)', shared, 'x.json')).toBe('no citation (0.2–0.45 ms)');
  });

  it('refuses a name the file does not define, a prototype property included', () => {
    expect(() => expandSharedText('{rise}', shared, 'causes.json')).toThrow(
      "causes.json cites unknown shared text '{rise}'",
    );
    expect(() => expandSharedText('{constructor}', shared, 'causes.json')).toThrow(/unknown shared text/);
  });
});
