/**
 * Myotrophy's checked ICD-10-CM table: the whole M62.5 subtree ("Muscle wasting and atrophy, not
 * elsewhere classified"), the related codes a clinician reaches for instead of it, and the codes of
 * the causes of atrophy that Myotrophy knows (./causes.ts).
 *
 * No package with the official CDC/NCHS release is installed, so this is a hand-built table. Every
 * row names its source and its `evidence`: whether that source showed the code with this exact
 * title, the code only, or nothing yet. Anything short of 'code-and-title' is UNCONFIRMED until
 * checked against the CDC/NCHS order file (icd10cm-order-<year>.txt: code without the dot, valid
 * flag 0/1, short title, long title). The billable flags follow the ICD-10-CM structure (only leaf
 * codes are valid for claims); they were not read from the order file's valid column.
 *
 * Titles are the official long titles; codes are written with the dot, as FHIR expects
 * (http://hl7.org/fhir/sid/icd-10-cm). The M62.5 subtree is built below from its structure; the
 * related and cause codes are data, in ./icd10cm-table.json (motor neuron disease G12.2-: icdlist
 * G12, clinical.md §1.2).
 */

import { expandSharedText } from '../../shared/shared-text.ts';
import tableData from './icd10cm-table.json' with { type: 'json' };

/** Body sites of the M62.5 subtree, in the words the CLI and API accept. */
export const BODY_SITES = [
  'shoulder',
  'upper-arm',
  'forearm',
  'hand',
  'thigh',
  'lower-leg',
  'ankle-foot',
  'other',
  'multiple',
  'unspecified',
  'back-cervical',
  'back-thoracic',
  'back-lumbosacral',
  'back-unspecified',
] as const;
export type BodySite = (typeof BODY_SITES)[number];

export const SIDES = ['left', 'right', 'unspecified'] as const;
export type Side = (typeof SIDES)[number];

export type Evidence = 'code-and-title' | 'code-only' | 'unconfirmed';

export interface Icd10Row {
  /** The code with its dot, e.g. 'M62.562'. */
  code: string;
  /** Official long title. */
  title: string;
  /** A leaf code (valid for HIPAA claims) or a header that must not be billed. */
  billable: boolean;
  /** The M62.5 body site this code stands for. */
  site?: BodySite;
  /** The laterality the code carries, when the site has one. */
  side?: Side;
  /** The header this code sits under (within the table). */
  parent?: string;
  /** Where the code and title were read. */
  source: string;
  /**
   * What the cited source showed: the code with this exact title, the code only (the title's
   * wording is ours, from the tabular list: UNCONFIRMED), or nothing yet (the code is UNCONFIRMED).
   */
  evidence: Evidence;
  /** Inclusion terms, Excludes1 / Excludes2 notes, where known. */
  notes?: string[];
}

const M62_SOURCE = tableData.shared.m62;
const M62_5A_SOURCE =
  'ICD-10-CM tabular list; codes and titles read at diseasedb.com/icd10/M62.5A, M62.5A0, M62.5A1, M62.5A2, M62.5A9 (added in a later release than the M62 file above; FY2023 is UNCONFIRMED)';
const M62_HEADER_SOURCE =
  'ICD-10-CM structure: 5-character headers above 6-character leaves; titles follow the tabular list (diseasedb.com/icd10/M62.51, M62.5A seen)';
const TITLE_STEM = 'Muscle wasting and atrophy, not elsewhere classified';

/** The lateral limb sites (their codes carry a side): code digit and the words in the title. */
export const LATERAL_SITES: readonly { site: BodySite; digit: string; words: string }[] = [
  { site: 'shoulder', digit: '1', words: 'shoulder' },
  { site: 'upper-arm', digit: '2', words: 'upper arm' },
  { site: 'forearm', digit: '3', words: 'forearm' },
  { site: 'hand', digit: '4', words: 'hand' },
  { site: 'thigh', digit: '5', words: 'thigh' },
  { site: 'lower-leg', digit: '6', words: 'lower leg' },
  { site: 'ankle-foot', digit: '7', words: 'ankle and foot' },
];

/** ICD-10-CM 6th character for laterality in M62.5-: 1 right, 2 left, 9 unspecified. */
const LATERALITY_DIGIT: Record<Side, string> = { right: '1', left: '2', unspecified: '9' };

function m625Subtree(): Icd10Row[] {
  const rows: Icd10Row[] = [
    {
      code: 'M62.5',
      title: TITLE_STEM,
      billable: false,
      source: `${M62_HEADER_SOURCE}; inclusion term diseasedb.com/icd10/M62.5`,
      evidence: 'code-and-title',
      notes: [
        'Inclusion term: Disuse atrophy NEC (diseasedb.com/icd10/M62.5).',
        'Excludes1: neuralgic amyotrophy (G54.5); progressive muscular atrophy (G12.2-); sarcopenia (M62.84). UNCONFIRMED: read from secondary notes, not from the CDC tabular XML.',
        'Excludes2: pelvic muscle wasting (N81.84). UNCONFIRMED as an Excludes2 note; the code N81.84 itself is confirmed.',
      ],
    },
    {
      code: 'M62.50',
      title: `${TITLE_STEM}, unspecified site`,
      billable: true,
      site: 'unspecified',
      parent: 'M62.5',
      source: M62_SOURCE,
      evidence: 'code-and-title',
    },
  ];
  for (const { site, digit, words } of LATERAL_SITES) {
    const header = `M62.5${digit}`;
    rows.push({
      code: header,
      title: `${TITLE_STEM}, ${words}`,
      billable: false,
      site,
      parent: 'M62.5',
      source: M62_HEADER_SOURCE,
      evidence: digit === '1' ? 'code-and-title' : 'code-only',
    });
    for (const side of ['right', 'left', 'unspecified'] as const) {
      rows.push({
        code: `${header}${LATERALITY_DIGIT[side]}`,
        title: `${TITLE_STEM}, ${side} ${words}`,
        billable: true,
        site,
        side,
        parent: header,
        source: M62_SOURCE,
        evidence: 'code-and-title',
      });
    }
  }
  rows.push(
    {
      code: 'M62.58',
      title: `${TITLE_STEM}, other site`,
      billable: true,
      site: 'other',
      parent: 'M62.5',
      source: M62_SOURCE,
      evidence: 'code-and-title',
      notes: [
        'Used for gluteal (buttock) muscle: no M62.5 code names the hip, buttock or gluteal region, and M62.55- is "thigh". Index entry "Atrophy, muscle, specified site NEC M62.58" UNCONFIRMED (not retrieved); see atrophy-codes.ts.',
      ],
    },
    {
      code: 'M62.59',
      title: `${TITLE_STEM}, multiple sites`,
      billable: true,
      site: 'multiple',
      parent: 'M62.5',
      source: M62_SOURCE,
      evidence: 'code-and-title',
    },
    {
      code: 'M62.5A',
      title: `${TITLE_STEM}, back`,
      billable: false,
      parent: 'M62.5',
      source: M62_5A_SOURCE,
      evidence: 'code-and-title',
    },
  );
  const backLevels: readonly [BodySite, string, string][] = [
    ['back-cervical', '0', 'cervical'],
    ['back-thoracic', '1', 'thoracic'],
    ['back-lumbosacral', '2', 'lumbosacral'],
    ['back-unspecified', '9', 'unspecified level'],
  ];
  for (const [site, digit, words] of backLevels) {
    rows.push({
      code: `M62.5A${digit}`,
      title: `${TITLE_STEM}, back, ${words}`,
      billable: true,
      site,
      parent: 'M62.5A',
      source: M62_5A_SOURCE,
      evidence: 'code-and-title',
    });
  }
  return rows;
}

const expandShared = (text: string) => expandSharedText(text, tableData.shared, 'icd10cm-table.json');

/**
 * Rows read from icd10cm-table.json, each with its source: the codes a clinician uses beside or
 * instead of M62.5- (`related`), and the codes of the causes in ./causes.ts (`causeCodes`).
 */
const tableRows = (rows: readonly Icd10Row[]): Icd10Row[] =>
  rows.map((r) => ({ ...r, source: expandShared(r.source) }));

/** Every row of the table, M62.5 subtree first. */
export const ICD10CM_ROWS: readonly Icd10Row[] = [
  ...m625Subtree(),
  ...tableRows(tableData.related as Icd10Row[]),
  ...tableRows(tableData.causeCodes as Icd10Row[]),
];
