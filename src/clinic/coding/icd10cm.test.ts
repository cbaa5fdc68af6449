import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import {
  BODY_SITES,
  codeForSite,
  findCodingConflicts,
  listIcd10Codes,
  lookupIcd10Code,
  normaliseIcd10Code,
  SIDES,
} from './icd10cm.ts';

/** The 28 billable M62.5- codes, as listed in the ICD-10-CM tabular list. */
const M625_BILLABLE = [
  'M62.50',
  'M62.511',
  'M62.512',
  'M62.519',
  'M62.521',
  'M62.522',
  'M62.529',
  'M62.531',
  'M62.532',
  'M62.539',
  'M62.541',
  'M62.542',
  'M62.549',
  'M62.551',
  'M62.552',
  'M62.559',
  'M62.561',
  'M62.562',
  'M62.569',
  'M62.571',
  'M62.572',
  'M62.579',
  'M62.58',
  'M62.59',
  'M62.5A0',
  'M62.5A1',
  'M62.5A2',
  'M62.5A9',
];

describe('M62.5 subtree', () => {
  it('holds exactly the 28 billable codes and the 9 headers', () => {
    const rows = listIcd10Codes().filter((r) => r.code.startsWith('M62.5'));
    expect(rows.filter((r) => r.billable).map((r) => r.code)).toEqual(M625_BILLABLE);
    expect(rows.filter((r) => !r.billable).map((r) => r.code)).toEqual([
      'M62.5',
      'M62.51',
      'M62.52',
      'M62.53',
      'M62.54',
      'M62.55',
      'M62.56',
      'M62.57',
      'M62.5A',
    ]);
  });

  it('codes left lower leg as M62.562 with its official title', () => {
    expect(codeForSite('lower-leg', 'left')).toEqual({
      code: 'M62.562',
      title: 'Muscle wasting and atrophy, not elsewhere classified, left lower leg',
      billable: true,
      site: 'lower-leg',
      side: 'left',
    });
  });

  it('codes every lateral site and side to a distinct billable code, and back again', () => {
    const seen = new Set<string>();
    for (const site of BODY_SITES) {
      for (const side of SIDES) {
        const coded = codeForSite(site, side);
        expect(coded.billable).toBe(true);
        const back = lookupIcd10Code(coded.code);
        expect(back.site).toBe(site);
        expect(back.title).toBe(coded.title);
        if (coded.side !== null) {
          expect(back.side).toBe(side);
          seen.add(coded.code);
        }
      }
    }
    expect(seen.size).toBe(21);
  });

  it('gives the official titles of the right, unspecified and back codes', () => {
    expect(codeForSite('ankle-foot', 'right').title).toBe(
      'Muscle wasting and atrophy, not elsewhere classified, right ankle and foot',
    );
    expect(codeForSite('upper-arm', 'unspecified').code).toBe('M62.529');
    expect(codeForSite('back-lumbosacral', 'unspecified')).toMatchObject({
      code: 'M62.5A2',
      title: 'Muscle wasting and atrophy, not elsewhere classified, back, lumbosacral',
      side: null,
    });
    expect(codeForSite('back-unspecified', 'unspecified').title).toBe(
      'Muscle wasting and atrophy, not elsewhere classified, back, unspecified level',
    );
    expect(codeForSite('multiple', 'unspecified').code).toBe('M62.59');
    expect(codeForSite('unspecified', 'unspecified').code).toBe('M62.50');
  });

  it('says when a side cannot be coded at a site without laterality', () => {
    const coded = codeForSite('other', 'left');
    expect(coded.code).toBe('M62.58');
    expect(coded.side).toBeNull();
    expect(coded.note).toMatch(/no side/);
  });

  it('rejects unknown sites and sides, naming what is allowed', () => {
    expect(() => codeForSite('calf', 'left')).toThrow(
      /unknown body site 'calf'; allowed: shoulder, upper-arm/,
    );
    expect(() => codeForSite('thigh', 'both')).toThrow(/allowed: left, right, unspecified/);
  });
});

describe('lookupIcd10Code', () => {
  it('answers a leaf with site, side, title and billable', () => {
    expect(lookupIcd10Code('M62.562')).toMatchObject({
      code: 'M62.562',
      site: 'lower-leg',
      side: 'left',
      billable: true,
      title: 'Muscle wasting and atrophy, not elsewhere classified, left lower leg',
      inM625: true,
    });
  });

  it('accepts lower case and the dotless form', () => {
    expect(lookupIcd10Code('m62562').code).toBe('M62.562');
    expect(lookupIcd10Code(' m62.5a0 ').code).toBe('M62.5A0');
    expect(normaliseIcd10Code('Z7401')).toBe('Z74.01');
    expect(normaliseIcd10Code('B91')).toBe('B91');
  });

  it('says a header is not billable and lists the leaves to choose from', () => {
    const header = lookupIcd10Code('M62.56');
    expect(header.billable).toBe(false);
    expect(header.children).toEqual(['M62.561', 'M62.562', 'M62.569']);
    expect(header.billableCodes).toEqual(['M62.561', 'M62.562', 'M62.569']);
    expect(header.message).toBe(
      'M62.56 is a header and is not billable; choose one of M62.561, M62.562, M62.569',
    );
    const top = lookupIcd10Code('M62.5');
    expect(top.billableCodes).toEqual(M625_BILLABLE);
    expect(top.children).toContain('M62.5A');
    expect(lookupIcd10Code('M62.5A').billableCodes).toEqual(['M62.5A0', 'M62.5A1', 'M62.5A2', 'M62.5A9']);
  });

  it('answers related and cause codes outside M62.5 with their titles', () => {
    expect(lookupIcd10Code('M62.84')).toMatchObject({ title: 'Sarcopenia', billable: true, inM625: false });
    expect(lookupIcd10Code('G12.21')).toMatchObject({
      title: 'Amyotrophic lateral sclerosis',
      billable: true,
    });
    expect(lookupIcd10Code('N81.84').title).toBe('Pelvic muscle wasting');
    expect(lookupIcd10Code('Z74.01').title).toBe('Bed confinement status');
    expect(lookupIcd10Code('Z74.09').title).toBe('Other reduced mobility');
    expect(lookupIcd10Code('M62.3').title).toBe('Immobility syndrome (paraplegic)');
    expect(lookupIcd10Code('M62.81').title).toBe('Muscle weakness (generalized)');
    expect(lookupIcd10Code('G71.0').billable).toBe(false);
    expect(lookupIcd10Code('M62.84').site).toBeUndefined();
  });

  it('throws InvalidInputError for malformed codes, saying what a code looks like', () => {
    for (const bad of ['', 'M6', '62.562', 'M62.56222', 'M62.', 'M62-562']) {
      expect(() => lookupIcd10Code(bad)).toThrow(InvalidInputError);
    }
    expect(() => lookupIcd10Code('hello')).toThrow(/not a well-formed ICD-10-CM code.*e\.g\. M62\.562/);
  });

  it('throws InvalidInputError for well-formed codes it does not know, listing the M62.5 codes', () => {
    expect(() => lookupIcd10Code('M62.563')).toThrow(
      /M62\.563 is not a known ICD-10-CM code.*M62\.50, M62\.511/,
    );
    expect(() => lookupIcd10Code('A00.0')).toThrow(InvalidInputError);
  });

  it('names a source and its evidence for every row', () => {
    for (const row of listIcd10Codes()) {
      expect(row.source.length).toBeGreaterThan(5);
      expect(['code-and-title', 'code-only', 'unconfirmed']).toContain(row.evidence);
    }
  });

  it('reads the related and cause codes from icd10cm-table.json, shared sources expanded', () => {
    const rows = listIcd10Codes();
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    for (const row of rows) {
      expect(typeof row.billable).toBe('boolean');
      expect(row.source).not.toMatch(/\{[a-z0-9-]+\}/);
      for (const note of row.notes ?? []) expect(note.length).toBeGreaterThan(10);
    }
    expect(lookupIcd10Code('M62.3').source).toBe(
      'ICD-10-CM tabular list; codes and titles read in medtrack-io/icd_code lib/codes/codes_m62.ex',
    );
    expect(lookupIcd10Code('M62.81').source).toMatch(/codes_m62\.ex; payerready\.com M62-81$/);
    expect(lookupIcd10Code('G57.30')).toMatchObject({
      evidence: 'unconfirmed',
      source: 'ICD-10-CM tabular list as known to Myotrophy; UNCONFIRMED: not yet seen in a cited source',
    });
  });
});

describe('exclusion logic', () => {
  it('flags M62.5- coded with sarcopenia or ALS', () => {
    expect(findCodingConflicts(['M62.562', 'M62.84'])[0]?.rule).toMatch(/Sarcopenia is coded M62.84/);
    expect(findCodingConflicts(['G12.21', 'M62.551'])[0]?.rule).toMatch(/ALS is G12.21/);
    expect(findCodingConflicts(['M62.81', 'M62.84'])[0]?.source).toBe('payerready.com M62-81');
  });

  it('allows M62.5- with a disuse or stroke code', () => {
    expect(findCodingConflicts(['M62.562', 'Z74.01', 'I69.351'])).toEqual([]);
  });
});
