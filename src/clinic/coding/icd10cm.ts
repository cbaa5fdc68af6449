/**
 * ICD-10-CM coding of muscle atrophy: body site + side → M62.5- code, code → site, side, title and
 * billable flag, and the exclusion rules that send some atrophy elsewhere (sarcopenia → M62.84,
 * motor neuron disease → G12.2-, pelvic muscle wasting → N81.84). The table is ./icd10cm-table.ts.
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';
import {
  BODY_SITES,
  type BodySite,
  type Evidence,
  ICD10CM_ROWS,
  type Icd10Row,
  LATERAL_SITES,
  SIDES,
  type Side,
} from './icd10cm-table.ts';

export type { BodySite, Side };
export { BODY_SITES, SIDES };

export const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';

export interface SiteCode {
  code: string;
  title: string;
  billable: boolean;
  site: BodySite;
  /** The side the code carries; null where the site has no laterality (back, other, multiple, unspecified). */
  side: Side | null;
  /** Said when the side asked for cannot be coded at this site. */
  note?: string;
}

export interface CodeLookup {
  code: string;
  title: string;
  billable: boolean;
  site?: BodySite;
  side?: Side;
  /** For a header: its direct children. */
  children?: string[];
  /** For a header: the billable codes beneath it, one of which must be chosen. */
  billableCodes?: string[];
  /** For a header: what to do instead of billing it. */
  message?: string;
  /** True for codes in the M62.5 subtree. */
  inM625: boolean;
  evidence: Evidence;
  source: string;
  notes?: string[];
}

const BY_CODE = new Map<string, Icd10Row>(ICD10CM_ROWS.map((r) => [r.code, r]));

/** Sites whose M62.5- code carries a side (6th character 1 right, 2 left, 9 unspecified). */
const LATERAL: ReadonlySet<BodySite> = new Set(LATERAL_SITES.map((s) => s.site));

export function siteHasLaterality(site: BodySite): boolean {
  return LATERAL.has(site);
}

/** The M62.5- code for a body site and side. */
export function codeForSite(site: string, side: string): SiteCode {
  if (!(BODY_SITES as readonly string[]).includes(site)) {
    throw new InvalidInputError(`unknown body site '${site}'; allowed: ${BODY_SITES.join(', ')}`);
  }
  if (!(SIDES as readonly string[]).includes(side)) {
    throw new InvalidInputError(`unknown side '${side}'; allowed: ${SIDES.join(', ')}`);
  }
  const bodySite = site as BodySite;
  const lateral = LATERAL.has(bodySite);
  const match = ICD10CM_ROWS.find(
    (r) => r.billable && r.site === bodySite && (lateral ? r.side === side : r.side === undefined),
  );
  if (!match) throw new Error(`ICD-10-CM table has no code for ${site}/${side}`);
  const result: SiteCode = {
    code: match.code,
    title: match.title,
    billable: match.billable,
    site: bodySite,
    side: lateral ? (side as Side) : null,
  };
  if (!lateral && side !== 'unspecified') {
    result.note = `${match.code} carries no side: the ${site} site is coded without laterality`;
  }
  return result;
}

/** ICD-10-CM code shape: letter, digit, letter-or-digit, then optionally a dot and 1–4 characters. */
const CODE_SHAPE = /^([A-Z][0-9][0-9A-Z])(?:\.?([0-9A-Z]{1,4}))?$/;

/** Upper-cases, trims and puts the dot after the third character; throws if the shape is wrong. */
export function normaliseIcd10Code(raw: string): string {
  const text = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  const m = CODE_SHAPE.exec(text);
  if (!m || text.endsWith('.')) {
    throw new InvalidInputError(
      `'${String(raw)}' is not a well-formed ICD-10-CM code: expected a letter, a digit and a character, then a dot and up to 4 characters (e.g. M62.562)`,
    );
  }
  return m[2] ? `${m[1]}.${m[2]}` : (m[1] as string);
}

function childrenOf(code: string): string[] {
  return ICD10CM_ROWS.filter((r) => r.parent === code).map((r) => r.code);
}

function billableBeneath(code: string): string[] {
  const out: string[] = [];
  for (const child of childrenOf(code)) {
    const row = BY_CODE.get(child);
    if (row?.billable) out.push(child);
    else out.push(...billableBeneath(child));
  }
  return out;
}

/** A code's title, billable flag and (within M62.5) site and side. Throws for malformed or unknown codes. */
export function lookupIcd10Code(raw: string): CodeLookup {
  const code = normaliseIcd10Code(raw);
  const row = BY_CODE.get(code);
  if (!row) {
    const hint = code.startsWith('M62.5')
      ? `the M62.5 codes are ${billableBeneath('M62.5').join(', ')}`
      : `Myotrophy's table holds the M62.5 subtree, related codes (M62.3, M62.81, M62.84, N81.84, Z74.01, Z74.09) and the cause codes listed in docs/clinic.md`;
    throw new InvalidInputError(`${code} is not a known ICD-10-CM code in Myotrophy's table; ${hint}`);
  }
  const result: CodeLookup = {
    code: row.code,
    title: row.title,
    billable: row.billable,
    inM625: row.code === 'M62.5' || row.code.startsWith('M62.5'),
    evidence: row.evidence,
    source: row.source,
  };
  if (row.site) result.site = row.site;
  if (row.side) result.side = row.side;
  if (row.notes) result.notes = row.notes;
  if (!row.billable) {
    const children = childrenOf(row.code);
    const billableCodes = billableBeneath(row.code);
    if (children.length > 0) result.children = children;
    result.billableCodes = billableCodes;
    result.message =
      billableCodes.length > 0
        ? `${row.code} is a header and is not billable; choose one of ${billableCodes.join(', ')}`
        : `${row.code} is a header and is not billable; choose a more specific code beneath it`;
  }
  return result;
}

/** Every code in the table (for listings and for the API's value sets). */
export function listIcd10Codes(): readonly Icd10Row[] {
  return ICD10CM_ROWS;
}

export interface CodingConflict {
  codes: [string, string];
  rule: string;
  source: string;
}

/**
 * Excludes1 pairs: the two conditions are never coded together. Sarcopenia, motor neuron disease
 * and neuralgic amyotrophy are excluded from M62.5- (UNCONFIRMED wording, see the M62.5 row);
 * M62.81 excludes muscle weakness in sarcopenia (payerready.com M62-81, confirmed).
 */
const EXCLUDES1: readonly {
  a: (c: string) => boolean;
  b: (c: string) => boolean;
  rule: string;
  source: string;
}[] = [
  {
    a: (c) => c.startsWith('M62.5'),
    b: (c) => c === 'M62.84',
    rule: 'Sarcopenia is coded M62.84, not M62.5- (M62.5 Excludes1)',
    source: 'ICD-10-CM M62.5 Excludes1 (UNCONFIRMED wording; secondary notes)',
  },
  {
    a: (c) => c.startsWith('M62.5'),
    b: (c) => c.startsWith('G12.2'),
    rule: 'Wasting from motor neuron disease is coded to G12.2- (ALS is G12.21), not M62.5- (M62.5 Excludes1: progressive muscular atrophy)',
    source: 'ICD-10-CM M62.5 Excludes1 (UNCONFIRMED wording; secondary notes); G12.21 icdlist.com G12',
  },
  {
    a: (c) => c.startsWith('M62.5'),
    b: (c) => c === 'G54.5',
    rule: 'Neuralgic amyotrophy is coded G54.5, not M62.5- (M62.5 Excludes1)',
    source: 'ICD-10-CM M62.5 Excludes1 (UNCONFIRMED wording; secondary notes)',
  },
  {
    a: (c) => c === 'M62.81',
    b: (c) => c === 'M62.84',
    rule: 'Muscle weakness in sarcopenia is coded M62.84, not M62.81 (M62.81 Excludes1)',
    source: 'payerready.com M62-81',
  },
];

/** The Excludes1 conflicts among a set of codes (empty when they may be coded together). */
export function findCodingConflicts(rawCodes: readonly string[]): CodingConflict[] {
  const codes = rawCodes.map(normaliseIcd10Code);
  const conflicts: CodingConflict[] = [];
  for (const x of codes) {
    for (const y of codes) {
      for (const rule of EXCLUDES1) {
        if (rule.a(x) && rule.b(y)) conflicts.push({ codes: [x, y], rule: rule.rule, source: rule.source });
      }
    }
  }
  return conflicts;
}
