/**
 * What must never reach a patient's page or handout: program identifiers (camelCase or snake_case
 * field names such as maxIntensityMa), internal tags (UNCONFIRMED), the text of missing values
 * (undefined, NaN, null, [object Object]) and numbers with decimals a stimulator does not show. The
 * patient-words tests use it, and the browser test of the patient pages and handout will too.
 */

const CHECKS: readonly { what: string; pattern: RegExp }[] = [
  // camelCase (maxIntensityMa, onS) or snake_case; units such as mA or kHz are not identifiers.
  { what: 'a program identifier', pattern: /\b[a-z]{2,}(?:[A-Z][a-z0-9]*)+\b|\b[a-z]+_[a-z_]+\b/g },
  { what: 'an internal tag', pattern: /UNCONFIRMED/gi },
  { what: 'a missing value', pattern: /\b(?:undefined|NaN|null)\b|\[object Object\]/g },
  { what: 'a number with decimals a device does not show', pattern: /\d[.,]\d/g },
];

/** Every piece of developer text in `text`, each as "<what>: <the text found>" (empty when clean). */
export function findDeveloperText(text: string): string[] {
  const found: string[] = [];
  for (const { what, pattern } of CHECKS) {
    for (const match of text.matchAll(pattern)) found.push(`${what}: ${match[0]}`);
  }
  return found;
}
