/**
 * The causes of muscle atrophy that Myotrophy knows: each with its ICD-10-CM codes, its expected
 * course, and whether and how electrical stimulation fits. The key clinical fork is innervation:
 * conventional NMES (short pulses, 0.2–0.45 ms) excites the motor nerve, so it works only where the
 * lower motor neuron is intact; denervated muscle fibres need long pulses (tens of ms; RISE, Kern
 * 2010) and a strength–duration test to tell partial from complete denervation.
 *
 * Sources are named per cause. Statements marked UNCONFIRMED come from no primary source here.
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';

export const CAUSE_GROUPS = ['disuse', 'neurogenic', 'other'] as const;
export type CauseGroup = (typeof CAUSE_GROUPS)[number];

/** The state of the lower motor neuron supplying the wasted muscle, as the cause usually leaves it. */
export type CauseInnervation =
  | 'innervated'
  | 'denervated'
  /** Partly or wholly denervated, depending on the lesion: test strength–duration. */
  | 'variable';

/**
 * How stimulation fits: 'nmes' conventional NMES is a standard option; 'nmes-with-care' NMES with a
 * named precaution; 'denervated-protocol' long-pulse stimulation after a strength–duration test;
 * 'specialist' only with the treating specialist's agreement (evidence or safety unsettled).
 */
export type StimulationFit = 'nmes' | 'nmes-with-care' | 'denervated-protocol' | 'specialist';

export interface CauseCode {
  code: string;
  /** How the code is used alongside the atrophy code. */
  use: string;
}

export interface Cause {
  id: string;
  label: string;
  group: CauseGroup;
  codes: CauseCode[];
  /**
   * 'with-m62.5': code the atrophy M62.5- by site and side, plus the cause's code.
   * 'instead-of-m62.5': the cause's own code classifies the wasting (M62.5 Excludes1).
   */
  atrophyCoding: 'with-m62.5' | 'instead-of-m62.5';
  innervation: CauseInnervation;
  /** What usually happens to the muscle, with numbers where a study gives them. */
  expectedCourse: string;
  stimulation: { fit: StimulationFit; how: string };
  /** Where the facts above come from; 'UNCONFIRMED' marks a statement with no primary source here. */
  sources: string[];
}

const DISUSE_NMES =
  'Innervated muscle: conventional NMES (biphasic 0.2–0.45 ms, 30–50 Hz) prevents or slows disuse atrophy; pair it with loading as soon as allowed.';
const DIRKS_2014 =
  'Dirks et al. 2014 Acta Physiol 210:628 (NMES 40 min twice daily kept quadriceps CSA during 5-d cast)';
const FDA_INDICATION =
  'FDA powered muscle stimulator indications include prevention or retardation of disuse atrophy (reguvirta summary; K193275)';
const S_D_CURVE =
  'Physio-pedia Strength-Duration Curve: denervated muscle does not respond to short pulses; chronaxie > 1 ms';
const KERN_2010 =
  'Kern et al. 2010 Neurorehabil Neural Repair (PMID 20460493); parameters PMC7059583 Table 2';
const GENESY = 'Globus Genesy 500 manual: rectangular pulses for total, triangular for partial denervation';

export const CAUSES: readonly Cause[] = [
  {
    id: 'cast',
    label: 'Limb immobilised in a cast',
    group: 'disuse',
    codes: [{ code: 'Z74.09', use: 'optional: other reduced mobility' }],
    atrophyCoding: 'with-m62.5',
    innervation: 'innervated',
    expectedCourse:
      'Quadriceps CSA −3.5% at 5 days and −8.4% at 14 days in a knee cast; strength falls faster (1RM −9% at 5 d, −22.9% at 14 d). Recovers with reloading and resistance training over weeks; older adults regain more slowly.',
    stimulation: {
      fit: 'nmes',
      how: `${DISUSE_NMES} Electrodes through a cast window or on uncovered muscle.`,
    },
    sources: [
      'Wall et al. 2014 Acta Physiol 210:600',
      DIRKS_2014,
      FDA_INDICATION,
      'Suetta 2009 J Appl Physiol 107:1172',
    ],
  },
  {
    id: 'brace',
    label: 'Limb immobilised in a brace',
    group: 'disuse',
    codes: [{ code: 'Z74.09', use: 'optional: other reduced mobility' }],
    atrophyCoding: 'with-m62.5',
    innervation: 'innervated',
    expectedCourse:
      'Quadriceps volume −1.7% at 2 days and −6.7% at 7 days in a knee brace (MRI). Recovers with reloading; low-volume resistance exercise during bracing prevented quadriceps loss.',
    stimulation: { fit: 'nmes', how: `${DISUSE_NMES} The brace can usually be opened for the session.` },
    sources: [
      'Kilroe et al. 2020 Med Sci Sports Exerc 52:944',
      'Muscle Nerve 2010;42:539',
      DIRKS_2014,
      FDA_INDICATION,
    ],
  },
  {
    id: 'bed-rest',
    label: 'Bed rest',
    group: 'disuse',
    codes: [{ code: 'Z74.01', use: 'bed confinement status (not a principal diagnosis)' }],
    atrophyCoding: 'with-m62.5',
    innervation: 'innervated',
    expectedCourse:
      'Quadriceps CSA −2.2% at 5 days and −3.6% at 10 days; the loss follows a logarithmic time course and strength falls 2–4× faster than size early on. Older adults lose about 1 kg of leg lean mass in 10 days.',
    stimulation: {
      fit: 'nmes',
      how: `${DISUSE_NMES} 3 × 30 min a day kept muscle thickness over 5 days of bed rest (strength not kept).`,
    },
    sources: [
      'Marusic et al. 2021 J Appl Physiol 131:194',
      'Kortebein 2007 JAMA 297:1772',
      'Physiol Rep 2024 (PMID 39155274)',
    ],
  },
  {
    id: 'icu',
    label: 'Critical illness (intensive care)',
    group: 'disuse',
    codes: [
      { code: 'G72.81', use: 'critical illness myopathy, when diagnosed' },
      { code: 'G62.81', use: 'critical illness polyneuropathy, when diagnosed' },
    ],
    atrophyCoding: 'with-m62.5',
    innervation: 'variable',
    expectedCourse:
      'Rectus femoris CSA −17.7% in 10 days (−21.5% with multi-organ failure); about −2%/day in the first week across 52 studies. Critical illness polyneuropathy can denervate muscle: test strength–duration if NMES gives no contraction.',
    stimulation: {
      fit: 'nmes-with-care',
      how: 'NMES 25–60 min a day (8–100 Hz, 250–400 µs symmetric biphasic, visible contraction) helps prevent ICU-acquired weakness; the patient often cannot report discomfort, so it runs supervised and the intensity is set by visible contraction.',
    },
    sources: [
      'Puthucheary 2013 JAMA 310:1591',
      'Fazzini 2023 Crit Care (PMC9808763)',
      'Maffiuletti 2013 systematic review (ICU NMES parameters)',
    ],
  },
  {
    id: 'sedentary',
    label: 'Sedentary life',
    group: 'disuse',
    codes: [{ code: 'Z72.3', use: 'lack of physical exercise (UNCONFIRMED title)' }],
    atrophyCoding: 'with-m62.5',
    innervation: 'innervated',
    expectedCourse:
      'Muscle mass falls 3–8% per decade after 30; resistance exercise is the main remedy. In an older person, check for sarcopenia (EWGSOP2 / AWGS 2019): it is coded M62.84, not M62.5-.',
    stimulation: { fit: 'nmes', how: `${DISUSE_NMES} NMES supplements, never replaces, voluntary exercise.` },
    sources: ['Paddon-Jones review (PMC3276215)', 'ACSM 2009 Position Stand (Ratamess et al.)'],
  },
  {
    id: 'spaceflight',
    label: 'Spaceflight (microgravity)',
    group: 'disuse',
    codes: [{ code: 'X52', use: 'external cause: prolonged stay in weightless environment (UNCONFIRMED)' }],
    atrophyCoding: 'with-m62.5',
    innervation: 'innervated',
    expectedCourse:
      'Regional muscle volume −3 to −10% after 17 days and −5 to −17% after 16–28 weeks, levelling off within about 4 months; reversed 30–60 days after landing.',
    stimulation: { fit: 'nmes', how: DISUSE_NMES },
    sources: ['LeBlanc et al. 2000 J Appl Physiol 89:2158'],
  },
  {
    id: 'als',
    label: 'Amyotrophic lateral sclerosis (motor neuron disease)',
    group: 'neurogenic',
    codes: [{ code: 'G12.21', use: 'classifies the wasting; do not add M62.5-' }],
    atrophyCoding: 'instead-of-m62.5',
    innervation: 'variable',
    expectedCourse:
      'Progressive loss of motor neurons; wasting advances despite training. Spinal onset in 75%, bulbar in 25%; diagnosis is typically delayed 10–16 months, so new progressive weakness without sensory loss is a red flag.',
    stimulation: {
      fit: 'specialist',
      how: 'Only with the neurologist’s agreement: the benefit of NMES in ALS is not established and overuse of failing motor units is a concern (UNCONFIRMED: no source here grades it).',
    },
    sources: [
      'icdlist.com G12',
      'NICE NG42 red flags (via Red Whale / iatroX); guidelines.co.uk MND red-flag tool',
    ],
  },
  {
    id: 'guillain-barre',
    label: 'Guillain–Barré syndrome',
    group: 'neurogenic',
    codes: [{ code: 'G61.0', use: 'the cause' }],
    atrophyCoding: 'with-m62.5',
    innervation: 'variable',
    expectedCourse:
      'Symmetric weakness progressing over days to 4 weeks (refer immediately), then a plateau and recovery over months; axonal forms leave partly denervated muscle. The MRC sum score (Kleyweg 1988) was built for it.',
    stimulation: {
      fit: 'denervated-protocol',
      how: 'After the acute phase: test strength–duration; NMES where innervation is normal, long or triangular pulses where denervated. Avoid fatiguing recovering units (UNCONFIRMED dosing).',
    },
    sources: ['icd10data / diseasedb G61.0', 'Kleyweg 1988 (MRC sum score)', S_D_CURVE],
  },
  {
    id: 'polio',
    label: 'Poliomyelitis (acute or its sequelae)',
    group: 'neurogenic',
    codes: [
      { code: 'B91', use: 'sequelae of poliomyelitis' },
      { code: 'A80.9', use: 'acute poliomyelitis (UNCONFIRMED)' },
    ],
    atrophyCoding: 'with-m62.5',
    innervation: 'variable',
    expectedCourse:
      'Lower motor neuron loss leaves patchy denervation with enlarged surviving motor units; stable for years after recovery.',
    stimulation: {
      fit: 'denervated-protocol',
      how: 'Test strength–duration: surviving innervated fibres respond to NMES, denervated fibres only to long pulses.',
    },
    sources: ['hccbuddy / icdlist B91', S_D_CURVE],
  },
  {
    id: 'post-polio',
    label: 'Post-polio syndrome',
    group: 'neurogenic',
    codes: [{ code: 'G14', use: 'the cause (B91 is excluded with it)' }],
    atrophyCoding: 'with-m62.5',
    innervation: 'variable',
    expectedCourse:
      'New weakness, fatigue and wasting decades after polio. UNCONFIRMED here: the usual advice is to avoid fatiguing exercise.',
    stimulation: {
      fit: 'specialist',
      how: 'Only with the specialist’s agreement and a strength–duration test; keep sessions short and non-fatiguing (UNCONFIRMED).',
    },
    sources: ['hccbuddy / icdlist G14'],
  },
  {
    id: 'spinal-cord-injury',
    label: 'Spinal cord injury',
    group: 'neurogenic',
    codes: [
      { code: 'G82.21', use: 'paraplegia, complete (G82.20–G82.22)' },
      { code: 'G82.51', use: 'quadriplegia C1–C4 complete (G82.50–G82.54)' },
    ],
    atrophyCoding: 'with-m62.5',
    innervation: 'variable',
    expectedCourse:
      'Above the conus, muscles below the lesion keep their lower motor neurons (upper motor neuron lesion) and respond to NMES/FES. A conus or cauda equina lesion denervates them: without stimulation they degenerate; 2 years of home long-pulse FES raised quadriceps CSA by 35% (28.2→38.1 cm²).',
    stimulation: {
      fit: 'denervated-protocol',
      how: 'Test strength–duration. Innervated: NMES/FES. Denervated: RISE long biphasic pulses (60–75 ms per phase) with large electrodes, parameters revised every 12 weeks. Watch for absent sensation and autonomic dysreflexia (UNCONFIRMED).',
    },
    sources: ['icdlist.com G82', KERN_2010, S_D_CURVE],
  },
  {
    id: 'stroke',
    label: 'Stroke (hemiparesis)',
    group: 'neurogenic',
    codes: [
      { code: 'I69.351', use: 'hemiplegia after cerebral infarction, right dominant side (I69.351–I69.354)' },
      { code: 'I63.9', use: 'acute cerebral infarction (UNCONFIRMED)' },
    ],
    atrophyCoding: 'with-m62.5',
    innervation: 'innervated',
    expectedCourse:
      'Upper motor neuron lesion: the paretic muscle stays innervated but is disused and weak; function recovers most in the first months. UNCONFIRMED: no atrophy rates in our notes.',
    stimulation: {
      fit: 'nmes-with-care',
      how: 'Innervated muscle: NMES/FES is appropriate. Check sensation on the paretic side (impaired sensation is a precaution) and the ability to report discomfort.',
    },
    sources: ['icd10.blog I69.35-', 'FDA labelling caution: absent sensation'],
  },
  {
    id: 'peripheral-nerve-injury',
    label: 'Peripheral nerve injury',
    group: 'neurogenic',
    codes: [
      {
        code: 'G57.30',
        use: 'e.g. common peroneal lesion (G56–G57 mononeuropathies; S44–S94 nerve injuries by level) (UNCONFIRMED)',
      },
    ],
    atrophyCoding: 'with-m62.5',
    innervation: 'denervated',
    expectedCourse:
      'Denervated fibres waste quickly and, if the nerve does not regrow, degenerate; partial lesions show a kinked strength–duration curve. Test 10–21 days after the injury, once Wallerian degeneration is complete.',
    stimulation: {
      fit: 'denervated-protocol',
      how: 'Strength–duration test first. Complete denervation: long rectangular biphasic pulses. Partial: triangular pulses, which spare the innervated neighbours (they accommodate).',
    },
    sources: [
      S_D_CURVE,
      GENESY,
      'Pieber et al. 2015 J NeuroEng Rehabil (triangular pulses)',
      'Paternostro-Sluga 2002 Am J Phys Med Rehabil',
    ],
  },
  {
    id: 'corticosteroids',
    label: 'Corticosteroid myopathy',
    group: 'other',
    codes: [
      { code: 'G72.0', use: 'drug-induced myopathy (UNCONFIRMED)' },
      { code: 'T38.0X5A', use: 'adverse effect of glucocorticoids (UNCONFIRMED)' },
    ],
    atrophyCoding: 'with-m62.5',
    innervation: 'innervated',
    expectedCourse:
      'Proximal (type II fibre) wasting while the dose is high; improves over weeks to months after tapering. UNCONFIRMED: no source here.',
    stimulation: {
      fit: 'nmes',
      how: `${DISUSE_NMES} Steroid-thinned skin needs checking before and after sessions.`,
    },
    sources: ['UNCONFIRMED'],
  },
  {
    id: 'burns',
    label: 'Burns',
    group: 'other',
    codes: [
      {
        code: 'T31.0',
        use: 'extent of body surface burned (T20–T25 by site, T31, T95 sequelae) (UNCONFIRMED)',
      },
    ],
    atrophyCoding: 'with-m62.5',
    innervation: 'innervated',
    expectedCourse:
      'Hypermetabolic catabolism wastes muscle for months after a major burn. UNCONFIRMED: no source here.',
    stimulation: {
      fit: 'nmes-with-care',
      how: 'Never over burned, grafted or broken skin (a contraindication at that site); elsewhere as for disuse.',
    },
    sources: ['FDA labelling warning: broken, infected or inflamed skin'],
  },
  {
    id: 'rheumatoid-arthritis',
    label: 'Rheumatoid arthritis',
    group: 'other',
    codes: [{ code: 'M06.9', use: 'rheumatoid arthritis, unspecified (M05.-/M06.-) (UNCONFIRMED)' }],
    atrophyCoding: 'with-m62.5',
    innervation: 'innervated',
    expectedCourse:
      'Wasting around inflamed joints and from inactivity; improves with disease control and exercise. UNCONFIRMED.',
    stimulation: { fit: 'nmes', how: `${DISUSE_NMES} Not over an acutely inflamed joint.` },
    sources: ['UNCONFIRMED'],
  },
  {
    id: 'malnutrition',
    label: 'Malnutrition or cachexia',
    group: 'other',
    codes: [
      { code: 'E44.0', use: 'moderate protein-calorie malnutrition (E43, E44.0, E44.1, E46) (UNCONFIRMED)' },
      { code: 'R64', use: 'cachexia (UNCONFIRMED)' },
    ],
    atrophyCoding: 'with-m62.5',
    innervation: 'innervated',
    expectedCourse: 'Wasting continues until energy and protein needs are met; feeding comes first.',
    stimulation: {
      fit: 'nmes-with-care',
      how: 'Treat the malnutrition first (protein 1.2–1.5 g/kg/day in illness); NMES as an adjunct once intake is adequate.',
    },
    sources: ['PROT-AGE: Bauer et al. 2013 JAMDA 14:542', 'ESPEN: Deutz et al. 2014 Clin Nutr (PMC4208946)'],
  },
  {
    id: 'muscular-dystrophy',
    label: 'Muscular dystrophy',
    group: 'other',
    codes: [{ code: 'G71.00', use: 'muscular dystrophy (G71.00–G71.09)' }],
    atrophyCoding: 'with-m62.5',
    innervation: 'innervated',
    expectedCourse: 'Progressive degeneration of the muscle fibres themselves; training cannot reverse it.',
    stimulation: {
      fit: 'specialist',
      how: 'Only with the neuromuscular specialist’s agreement: the safety of strong contractions of dystrophic muscle is unsettled (UNCONFIRMED).',
    },
    sources: ['icdlist.com G71.0'],
  },
  {
    id: 'osteoarthritis',
    label: 'Osteoarthritis (knee or hip)',
    group: 'other',
    codes: [
      { code: 'M17.9', use: 'knee osteoarthritis (UNCONFIRMED)' },
      { code: 'M16.9', use: 'hip osteoarthritis (UNCONFIRMED)' },
    ],
    atrophyCoding: 'with-m62.5',
    innervation: 'innervated',
    expectedCourse:
      'Quadriceps wasting and inhibition from pain and disuse; strengthening improves function.',
    stimulation: {
      fit: 'nmes',
      how: `${DISUSE_NMES} Quadriceps NMES alongside strengthening (UNCONFIRMED evidence grade).`,
    },
    sources: ['UNCONFIRMED'],
  },
  {
    id: 'peripheral-artery-disease',
    label: 'Peripheral artery disease',
    group: 'other',
    codes: [
      {
        code: 'I73.9',
        use: 'peripheral vascular disease, unspecified (I70.2- atherosclerosis of the limbs) (UNCONFIRMED)',
      },
    ],
    atrophyCoding: 'with-m62.5',
    innervation: 'innervated',
    expectedCourse:
      'Calf wasting with claudication-limited walking; supervised walking improves it. UNCONFIRMED.',
    stimulation: {
      fit: 'nmes-with-care',
      how: 'Severe arterial disease of the legs is a contraindication to leg stimulation; milder disease only with the vascular team’s agreement.',
    },
    sources: ['Compex manuals: counter-indication severe arterial disease of the legs'],
  },
  {
    id: 'diabetes',
    label: 'Diabetes (amyotrophy or neuropathy)',
    group: 'other',
    codes: [
      { code: 'E11.44', use: 'type 2 diabetes with diabetic amyotrophy (E10.44 type 1)' },
      { code: 'E11.42', use: 'type 2 diabetes with polyneuropathy (UNCONFIRMED)' },
    ],
    atrophyCoding: 'with-m62.5',
    innervation: 'variable',
    expectedCourse:
      'Diabetic amyotrophy: painful proximal wasting that usually improves over months; neuropathy can partly denervate distal muscle. 60 min of NMES raised muscle protein synthesis in older men with type 2 diabetes.',
    stimulation: {
      fit: 'nmes-with-care',
      how: 'Check sensation (impaired sensation is a precaution) and skin; test strength–duration if the response is weak.',
    },
    sources: [
      'hccbuddy E11.44',
      'Wall et al. 2012 Am J Physiol Endocrinol Metab 303:E614',
      'FDA labelling caution: absent sensation',
    ],
  },
  {
    id: 'sarcopenia',
    label: 'Sarcopenia (age-related)',
    group: 'other',
    codes: [{ code: 'M62.84', use: 'classifies the wasting; do not add M62.5-' }],
    atrophyCoding: 'instead-of-m62.5',
    innervation: 'innervated',
    expectedCourse:
      'Slow loss of muscle mass and strength with age (3–8% per decade after 30); confirmed by EWGSOP2 or AWGS 2019 criteria. Resistance exercise and protein (≥1.0–1.2 g/kg/day, 1.2–1.5 in illness) are the treatment.',
    stimulation: { fit: 'nmes', how: `${DISUSE_NMES} An adjunct to resistance exercise.` },
    sources: [
      'ICD-10-CM M62.84',
      'Cruz-Jentoft et al. 2019 Age Ageing 48:16',
      'Chen et al. 2020 JAMDA (AWGS 2019)',
      'PROT-AGE 2013',
    ],
  },
];

export const CAUSE_IDS: readonly string[] = CAUSES.map((c) => c.id);

/** The cause with this id; throws InvalidInputError naming the known ids. */
export function lookupCause(id: string): Cause {
  const cause = CAUSES.find((c) => c.id === id);
  if (!cause) throw new InvalidInputError(`unknown cause '${id}'; allowed: ${CAUSE_IDS.join(', ')}`);
  return cause;
}
