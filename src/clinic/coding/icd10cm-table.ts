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
 * (http://hl7.org/fhir/sid/icd-10-cm).
 */

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

const M62_SOURCE =
  'ICD-10-CM tabular list; codes and titles read in medtrack-io/icd_code lib/codes/codes_m62.ex';
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

function row(
  code: string,
  title: string,
  billable: boolean,
  source: string,
  evidence: Evidence,
  notes?: string[],
): Icd10Row {
  const r: Icd10Row = { code, title, billable, source, evidence };
  if (notes) r.notes = notes;
  return r;
}

const UNCHECKED = 'ICD-10-CM tabular list as known to Myotrophy; UNCONFIRMED: not yet seen in a cited source';

/** Codes a clinician uses beside or instead of M62.5-. */
const RELATED: Icd10Row[] = [
  row('M62.3', 'Immobility syndrome (paraplegic)', true, M62_SOURCE, 'code-and-title'),
  row(
    'M62.81',
    'Muscle weakness (generalized)',
    true,
    `${M62_SOURCE}; payerready.com M62-81`,
    'code-and-title',
    ['Excludes1: muscle weakness in sarcopenia (M62.84) (payerready.com M62-81).'],
  ),
  row('M62.84', 'Sarcopenia', true, M62_SOURCE, 'code-and-title', [
    'Age-related loss of muscle is coded here, not to M62.5- (M62.5 Excludes1, UNCONFIRMED wording).',
  ]),
  row('N81.84', 'Pelvic muscle wasting', true, 'diseasedb.com/icd10/N81.84', 'code-and-title', [
    'Inclusion term: Disuse atrophy of pelvic muscles and anal sphincter (diseasedb N81.84).',
  ]),
  row('Z74.01', 'Bed confinement status', true, 'icd10data / hccbuddy Z74.01', 'code-and-title', [
    'Not acceptable as a principal diagnosis.',
  ]),
  row('Z74.09', 'Other reduced mobility', true, 'icd10data / hccbuddy Z74.09', 'code-and-title', [
    'Excludes2: wheelchair dependence (Z99.3).',
  ]),
  row('G54.5', 'Neuralgic amyotrophy', true, UNCHECKED, 'unconfirmed'),
];

/** Codes of the causes in ./causes.ts. */
const CAUSE_CODES: Icd10Row[] = [
  // Motor neuron disease: icdlist G12 (clinical.md §1.2).
  row('G12.2', 'Motor neuron disease', false, 'icdlist.com G12', 'code-only'),
  row('G12.20', 'Motor neuron disease, unspecified', true, 'icdlist.com G12', 'code-only'),
  row('G12.21', 'Amyotrophic lateral sclerosis', true, 'icdlist.com G12', 'code-only'),
  row('G12.22', 'Progressive bulbar palsy', true, 'icdlist.com G12', 'code-only'),
  row('G12.23', 'Primary lateral sclerosis', true, 'icdlist.com G12', 'code-only'),
  row('G12.24', 'Familial motor neuron disease', true, 'icdlist.com G12', 'code-only'),
  row('G12.25', 'Progressive spinal muscle atrophy', true, 'icdlist.com G12', 'code-only'),
  row('G12.29', 'Other motor neuron disease', true, 'icdlist.com G12', 'code-only'),
  row('G61.0', 'Guillain-Barre syndrome', true, 'icd10data / diseasedb G61.0', 'code-only', [
    'Includes Miller Fisher syndrome and acute (post-)infective polyneuritis.',
  ]),
  row('B91', 'Sequelae of poliomyelitis', true, 'hccbuddy / icdlist B91', 'code-only', [
    'Excludes1: postpolio syndrome (G14).',
  ]),
  row('G14', 'Postpolio syndrome', true, 'hccbuddy / icdlist G14', 'code-only'),
  row('A80.9', 'Acute poliomyelitis, unspecified', true, UNCHECKED, 'unconfirmed'),
  row('G82.20', 'Paraplegia, unspecified', true, 'icdlist.com G82', 'code-only'),
  row('G82.21', 'Paraplegia, complete', true, 'icdlist.com G82', 'code-only'),
  row('G82.22', 'Paraplegia, incomplete', true, 'icdlist.com G82', 'code-only'),
  row('G82.50', 'Quadriplegia, unspecified', true, 'icdlist.com G82', 'code-only'),
  row('G82.51', 'Quadriplegia, C1-C4 complete', true, 'icdlist.com G82', 'code-only'),
  row('G82.52', 'Quadriplegia, C1-C4 incomplete', true, 'icdlist.com G82', 'code-only'),
  row('G82.53', 'Quadriplegia, C5-C7 complete', true, 'icdlist.com G82', 'code-only'),
  row('G82.54', 'Quadriplegia, C5-C7 incomplete', true, 'icdlist.com G82', 'code-only'),
  row(
    'I69.351',
    'Hemiplegia and hemiparesis following cerebral infarction affecting right dominant side',
    true,
    'icd10.blog I69.35-',
    'code-only',
  ),
  row(
    'I69.352',
    'Hemiplegia and hemiparesis following cerebral infarction affecting left dominant side',
    true,
    'icd10.blog I69.35-',
    'code-only',
  ),
  row(
    'I69.353',
    'Hemiplegia and hemiparesis following cerebral infarction affecting right non-dominant side',
    true,
    'icd10.blog I69.35-',
    'code-only',
  ),
  row(
    'I69.354',
    'Hemiplegia and hemiparesis following cerebral infarction affecting left non-dominant side',
    true,
    'icd10.blog I69.35-',
    'code-only',
  ),
  row('I63.9', 'Cerebral infarction, unspecified', true, UNCHECKED, 'unconfirmed'),
  row('G57.30', 'Lesion of lateral popliteal nerve, unspecified lower limb', true, UNCHECKED, 'unconfirmed'),
  row('G56.30', 'Lesion of radial nerve, unspecified upper limb', true, UNCHECKED, 'unconfirmed'),
  row('G72.81', 'Critical illness myopathy', true, 'codelle / icd10.blog G72.81', 'code-and-title'),
  row('G62.81', 'Critical illness polyneuropathy', true, 'codelle / icd10.blog G62.81', 'code-and-title'),
  row('G72.0', 'Drug-induced myopathy', true, UNCHECKED, 'unconfirmed', [
    'Use an additional code for the adverse effect, e.g. T38.0X5- for glucocorticoids (UNCONFIRMED).',
  ]),
  row(
    'T38.0X5A',
    'Adverse effect of glucocorticoids and synthetic analogues, initial encounter',
    true,
    UNCHECKED,
    'unconfirmed',
  ),
  row('T31.0', 'Burns involving less than 10% of body surface', true, UNCHECKED, 'unconfirmed'),
  row('M06.9', 'Rheumatoid arthritis, unspecified', true, UNCHECKED, 'unconfirmed'),
  row('E43', 'Unspecified severe protein-calorie malnutrition', true, UNCHECKED, 'unconfirmed'),
  row('E44.0', 'Moderate protein-calorie malnutrition', true, UNCHECKED, 'unconfirmed'),
  row('E44.1', 'Mild protein-calorie malnutrition', true, UNCHECKED, 'unconfirmed'),
  row('E46', 'Unspecified protein-calorie malnutrition', true, UNCHECKED, 'unconfirmed'),
  row('R64', 'Cachexia', true, UNCHECKED, 'unconfirmed'),
  row('G71.0', 'Muscular dystrophy', false, 'icdlist.com G71.0 (a header since FY2020)', 'code-only'),
  row('G71.00', 'Muscular dystrophy, unspecified', true, 'icdlist.com G71.0', 'code-only'),
  row('G71.01', 'Duchenne or Becker muscular dystrophy', true, 'icdlist.com G71.0', 'code-only'),
  row('G71.02', 'Facioscapulohumeral muscular dystrophy', true, 'icdlist.com G71.0', 'code-only'),
  row('G71.09', 'Other specified muscular dystrophies', true, 'icdlist.com G71.0', 'code-only'),
  row('M17.9', 'Osteoarthritis of knee, unspecified', true, UNCHECKED, 'unconfirmed'),
  row('M16.9', 'Osteoarthritis of hip, unspecified', true, UNCHECKED, 'unconfirmed'),
  row('I73.9', 'Peripheral vascular disease, unspecified', true, UNCHECKED, 'unconfirmed'),
  row('E11.44', 'Type 2 diabetes mellitus with diabetic amyotrophy', true, 'hccbuddy E11.44', 'code-only'),
  row('E10.44', 'Type 1 diabetes mellitus with diabetic amyotrophy', true, 'hccbuddy E10.44', 'code-only'),
  row(
    'E11.40',
    'Type 2 diabetes mellitus with diabetic neuropathy, unspecified',
    true,
    UNCHECKED,
    'unconfirmed',
  ),
  row('E11.42', 'Type 2 diabetes mellitus with diabetic polyneuropathy', true, UNCHECKED, 'unconfirmed'),
  row('Z72.3', 'Lack of physical exercise', true, UNCHECKED, 'unconfirmed'),
  row('X52', 'Prolonged stay in weightless environment', true, UNCHECKED, 'unconfirmed', [
    'An external-cause code: never a principal diagnosis.',
  ]),
];

/** Every row of the table, M62.5 subtree first. */
export const ICD10CM_ROWS: readonly Icd10Row[] = [...m625Subtree(), ...RELATED, ...CAUSE_CODES];
