/**
 * Contraindication screening for electrical stimulation, per patient and per electrode site.
 *
 * The clinician answers yes/no questions (the keys of SCREENING_QUESTIONS, documented in
 * docs/clinic.md and in `myotrophy plan --help`). Questions about "the site" are answered for the
 * planned electrode sites (the treatment area). Each rule gives a verdict for every site:
 * contraindicated (no stimulation there), precaution (stimulation only with the stated care) or
 * clear, and names its source. Electrodes over the thorax, head or front of the neck are
 * contraindicated whatever the answers.
 *
 * Sources: FDA-style labelling of powered muscle stimulators (contraindication: demand pacemaker;
 * warnings: carotid sinus, neck/mouth, transthoracic, transcerebral, swollen/infected/inflamed skin,
 * phlebitis/thrombophlebitis, cancerous lesions; cautions: pregnancy, heart disease, epilepsy,
 * haemorrhage tendency, recent surgery, absent sensation), the FDA 1999 510(k) guidance (reguvirta
 * summary), IEC 60601-2-10 instructions-for-use requirements (AS 60601.2.10:2018), and Compex device
 * manuals (counter-indications: pacemaker, epilepsy, pregnancy (abdomen), severe arterial disease of
 * the legs). Where a label lists an item only as a "warning", the grading below is Myotrophy's
 * conservative choice and says so; Houghton 2010 (Physiother Can 62(5) ch. 4) grades these items
 * but was not retrieved (UNCONFIRMED).
 *
 * Seven items follow the electrophysical-agents guideline (Houghton et al. 2010, Physiother Can 62(5),
 * ch. 4 "Electrical Stimulation Therapy (TENS, NMES, and HVPC)", pp. 26–38; DOI 10.3138/ptc.62.5 — the
 * chapter's existence and place were seen in its table of contents, its item-level grading was not
 * retrieved, so each grading below is Myotrophy's conservative reading, UNCONFIRMED): autonomic
 * dysreflexia risk, osteoporosis, unstable fracture or recent tendon/ligament repair, active bleeding,
 * irradiated tissue, varicose veins (thrombophlebitis is `dvtOrThrombophlebitis`), osteomyelitis. A
 * caution carries an intensity cap that the planner applies to the programme and the safety gate
 * checks: a fraction of the ceiling in mA and a ceiling on the evoked force aimed for.
 *
 * An unanswered question is never "no": a site or patient with an unanswered question that could
 * change its verdict is 'incomplete', never 'clear'.
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';
import {
  type BodyRegion,
  FORBIDDEN_REGIONS,
  PLACEMENT_SOURCE,
  regionOfSite,
} from '../anatomy/electrode-sites.ts';
import { type ContractionStep, weakerStep } from '../programme/evoked-force.ts';

/** What one answer gives at one site. */
export type Verdict = 'contraindicated' | 'precaution' | 'clear';
/** A site's, the patient's or the whole screen's verdict: 'incomplete' while an unanswered question could change it. */
export type ScreeningVerdict = Verdict | 'incomplete';

/**
 * A caution's limit on the dose: the device ceiling becomes `ceilingFraction` of the planned one
 * (rounded down to a whole mA), and the evoked force aimed for is at most `maxPercentMvc` of MVC, or
 * `maxStep` where no MVC was measured. The numbers are Myotrophy's conservative choice (UNCONFIRMED:
 * no source gives a number).
 */
export interface IntensityCap {
  ceilingFraction: number;
  maxPercentMvc: number;
  maxStep: ContractionStep;
  /** What the clinician must do, in their words. */
  note: string;
}

const FDA_LABEL = 'FDA powered muscle stimulator labelling (21 CFR 890.5850 devices)';
const FDA_GUIDANCE = 'FDA Guidance for Powered Muscle Stimulator 510(k)s, 1999 (reguvirta summary)';
const IEC_IFU = 'IEC 60601-2-10:2012 instructions for use (AS 60601.2.10:2018 text)';
const COMPEX = 'Compex user manuals: counter-indications';
const CONSERVATIVE = 'graded contraindicated by Myotrophy (the label lists it as a warning)';
const HOUGHTON =
  'Houghton et al. 2010 Physiother Can 62(5) ch. 4 (electrical stimulation); item grading not retrieved: Myotrophy conservative grading (UNCONFIRMED)';
const CAP_CHOICE = 'cap numbers: Myotrophy conservative choice (UNCONFIRMED)';

interface Question {
  question: string;
  /** The verdict this "yes" gives at a site in `region`. */
  verdictAt(region: BodyRegion): Verdict;
  reason: string;
  source: string;
  /** For a precaution: the limit it puts on the dose. */
  cap?: IntensityCap;
}

const LIMBS: ReadonlySet<BodyRegion> = new Set(['lower-limb', 'upper-limb']);
const TRUNK_LOW: ReadonlySet<BodyRegion> = new Set(['abdomen', 'pelvis', 'lumbar']);
const HEAD_NECK: ReadonlySet<BodyRegion> = new Set(['head', 'anterior-neck', 'posterior-neck']);

/** The screening questions, by answer key. Every key is documented in docs/clinic.md. */
export const SCREENING_QUESTIONS = {
  demandPacemaker: {
    question: 'Does the person have a demand-type cardiac pacemaker?',
    verdictAt: () => 'contraindicated',
    reason: 'Stimulation can inhibit or trigger a demand pacemaker.',
    source: `${FDA_GUIDANCE}; ${FDA_LABEL}; ${COMPEX}`,
  },
  implantedStimulator: {
    question:
      'Does the person have another implanted electronic device (defibrillator, neurostimulator, drug pump, cochlear implant)?',
    verdictAt: () => 'contraindicated',
    reason: 'Implanted electronic devices: stimulate only after the implant specialist has given an opinion.',
    source: IEC_IFU,
  },
  pregnant: {
    question: 'Is the person pregnant?',
    verdictAt: (region) => (TRUNK_LOW.has(region) ? 'contraindicated' : 'precaution'),
    reason:
      'Pregnancy: no electrodes over the abdomen, pelvis or lumbar spine; elsewhere the safety of stimulation in pregnancy is not established.',
    source: `${COMPEX} (pregnancy, abdomen); ${FDA_LABEL} (caution: pregnancy)`,
  },
  dvtOrThrombophlebitis: {
    question: 'Is there a deep vein thrombosis or thrombophlebitis in the limb to be treated?',
    verdictAt: (region) => (LIMBS.has(region) ? 'contraindicated' : 'clear'),
    reason: 'Contractions over a venous thrombosis may dislodge it (embolism).',
    source: `${FDA_LABEL} (warning: phlebitis, thrombophlebitis); ${CONSERVATIVE}`,
  },
  activeMalignancyAtSite: {
    question: 'Is there an active malignancy (cancerous lesion) at or near the electrode site?',
    verdictAt: () => 'contraindicated',
    reason: 'No stimulation over a cancerous lesion.',
    source: `${FDA_LABEL} (warning: cancerous lesions); ${CONSERVATIVE}`,
  },
  epilepsy: {
    question: 'Does the person have epilepsy?',
    verdictAt: (region) => (HEAD_NECK.has(region) ? 'contraindicated' : 'precaution'),
    reason:
      'Epilepsy: no electrodes on the head or neck; elsewhere stimulate with care and supervision at first.',
    source: `${FDA_LABEL} (caution: epilepsy); ${COMPEX} (epilepsy)`,
  },
  brokenOrInfectedSkinAtSite: {
    question:
      'Is the skin at the electrode site broken, infected, inflamed or swollen (including burns and grafts)?',
    verdictAt: () => 'contraindicated',
    reason: 'Electrodes on broken or infected skin concentrate current (burns) and spread infection.',
    source: `${FDA_LABEL} (warning: swollen, infected, inflamed skin); ${CONSERVATIVE}`,
  },
  impairedSensationAtSite: {
    question: 'Is sensation impaired or absent at the electrode site?',
    verdictAt: () => 'precaution',
    reason:
      'Impaired sensation: the person cannot feel excess current; set intensity by visible contraction, inspect the skin after each session.',
    source: `${FDA_LABEL} (caution: absent sensation)`,
  },
  recentSurgeryAtSite: {
    question: 'Has there been surgery at or near the electrode site in the last 6 weeks?',
    verdictAt: () => 'precaution',
    reason: 'Recent surgery: strong contractions may disrupt healing; agree the dose with the surgeon.',
    source: `${FDA_LABEL} (caution: recent surgery); the 6-week window is Myotrophy's choice (UNCONFIRMED)`,
  },
  bleedingTendency: {
    question: 'Does the person have a bleeding tendency (coagulopathy or anticoagulation)?',
    verdictAt: () => 'precaution',
    reason: 'Bleeding tendency: strong contractions may cause bleeding into the muscle.',
    source: `${FDA_LABEL} (caution: tendency to haemorrhage)`,
  },
  severeArterialDiseaseOfLegs: {
    question: 'Does the person have severe arterial disease of the legs?',
    verdictAt: (region) => (region === 'lower-limb' ? 'contraindicated' : 'clear'),
    reason: 'Severe arterial disease of the legs: stimulation raises muscle demand the arteries cannot meet.',
    source: `${COMPEX} (severe arterial disease of the lower limbs)`,
  },
  heartDisease: {
    question: 'Does the person have heart disease (arrhythmia, heart failure, recent myocardial infarction)?',
    verdictAt: () => 'precaution',
    reason: 'Heart disease: stimulate with care, far from the thorax, and watch the response.',
    source: `${FDA_LABEL} (caution: heart disease); ${IEC_IFU} (electrodes near the thorax raise the risk of fibrillation)`,
  },
  unableToCommunicateDiscomfort: {
    question: 'Is the person unable to report pain or discomfort (sedated, cognitive impairment, aphasia)?',
    verdictAt: () => 'precaution',
    reason:
      'Cannot report discomfort: supervised sessions only, intensity set by visible contraction, skin checked after each session.',
    source:
      'Myotrophy precaution (UNCONFIRMED: no graded source; ICU NMES is given supervised to such patients, Maffiuletti 2013)',
  },
  autonomicDysreflexiaRisk: {
    question: 'Does the person have a spinal cord injury at or above T6 (risk of autonomic dysreflexia)?',
    verdictAt: () => 'precaution',
    reason:
      'Autonomic dysreflexia risk: stimulation below the lesion can set off a dangerous rise in blood pressure. Supervise the first sessions and measure blood pressure before, during and after; stop at once, sit the person up and get help if a pounding headache, flushing or sweating above the lesion appears.',
    source: `${HOUGHTON}; FES cycling can trigger autonomic dysreflexia (Spinal Cord Ser Cases 2020, doi 10.1038/s41394-020-0262-0); ${CAP_CHOICE}`,
    cap: {
      ceilingFraction: 0.5,
      maxPercentMvc: 30,
      maxStep: 'visible',
      note: 'Autonomic dysreflexia risk: ceiling halved, evoked force at most 30 % MVC (or a visible contraction), blood pressure checked each session until tolerance is known.',
    },
  },
  osteoporosisFragilityFracture: {
    question:
      'Does the person have osteoporosis or a fragility fracture (bone that may break under a strong contraction)?',
    verdictAt: () => 'precaution',
    reason:
      'Osteoporosis or fragility fracture: a strong evoked contraction pulls on weak bone. Keep contractions moderate and build up slowly.',
    source: `${HOUGHTON}; NMES labelling lists fractures among motion-related concerns (clinicalgate "Electrical Stimulation" ch. 41.2); ${CAP_CHOICE}`,
    cap: {
      ceilingFraction: 0.6,
      maxPercentMvc: 30,
      maxStep: 'visible',
      note: 'Osteoporosis: ceiling at 60 %, evoked force at most 30 % MVC (or a visible contraction without joint movement).',
    },
  },
  unstableFractureOrRecentRepairAtSite: {
    question:
      'Is there an unstable fracture, or a tendon or ligament repair in its healing period, under or near the electrode site?',
    verdictAt: () => 'contraindicated',
    reason:
      'Unstable fracture or healing repair under the site: the evoked contraction pulls across it and may displace the fracture or tear the repair.',
    source: `${HOUGHTON}; NMES labelling: fractures and conditions where movement is contraindicated (clinicalgate ch. 41.2)`,
  },
  activeBleedingAtSite: {
    question: 'Is there active bleeding in the tissue at or near the electrode site?',
    verdictAt: () => 'contraindicated',
    reason: 'Active bleeding: stimulation raises blood flow in the tissue and may increase the bleeding.',
    source: `${HOUGHTON}; ${FDA_LABEL} (caution: tendency to haemorrhage)`,
  },
  irradiatedTissueAtSite: {
    question: 'Has the tissue under the electrode site had radiotherapy?',
    verdictAt: () => 'contraindicated',
    reason:
      'Irradiated tissue: the skin is fragile (burns) and stimulation over a treated tumour bed is not shown to be safe.',
    source: `${HOUGHTON}; EVA electrotherapy manual, local contraindication "skin weakened by radiation therapy"`,
  },
  varicoseVeinsAtSite: {
    question: 'Are there varicose veins at or near the electrode site?',
    verdictAt: (region) => (LIMBS.has(region) ? 'precaution' : 'clear'),
    reason:
      'Varicose veins: place the electrodes beside the veins, never over them, and keep the contraction moderate; thrombophlebitis is a separate question and is contraindicated.',
    source: `${HOUGHTON}; ${FDA_LABEL} (warning: varicose veins, phlebitis); ${CAP_CHOICE}`,
    cap: {
      ceilingFraction: 0.8,
      maxPercentMvc: 50,
      maxStep: 'partial-movement',
      note: 'Varicose veins: electrodes beside the veins, ceiling at 80 %, evoked force at most 50 % MVC (or movement through part of the range).',
    },
  },
  osteomyelitisAtSite: {
    question: 'Is there osteomyelitis (bone infection) under or near the electrode site?',
    verdictAt: () => 'contraindicated',
    reason: 'Osteomyelitis: stimulation over infected tissue may spread the infection.',
    source: `${HOUGHTON}; ${FDA_LABEL} (warning: infected skin)`,
  },
} as const satisfies Record<string, Question>;

export type ScreeningKey = keyof typeof SCREENING_QUESTIONS;
export const SCREENING_KEYS = Object.keys(SCREENING_QUESTIONS) as ScreeningKey[];
export type ScreeningAnswers = Partial<Record<ScreeningKey, boolean>>;

export interface ScreeningFinding {
  key: ScreeningKey | 'forbiddenPlacement';
  verdict: Exclude<Verdict, 'clear'>;
  reason: string;
  source: string;
  /** A precaution's limit on the dose. */
  cap?: IntensityCap;
}

export interface SiteScreening {
  site: string;
  region: BodyRegion;
  /** 'incomplete' while an unanswered question could change this site's verdict. */
  verdict: ScreeningVerdict;
  findings: ScreeningFinding[];
}

export interface ScreeningResult {
  /** The worst verdict over the patient and every site ('incomplete' ranks below only 'contraindicated'). */
  verdict: ScreeningVerdict;
  /** Findings that hold wherever the electrodes go (the same at every site). */
  patient: { verdict: ScreeningVerdict; findings: ScreeningFinding[] };
  sites: SiteScreening[];
  /** Every contraindicated finding, patient-wide and per site, without repeats. */
  contraindications: ScreeningFinding[];
  precautions: ScreeningFinding[];
  /** The strictest limit of all precautions with a cap, or null when none applies. */
  cap: (Omit<IntensityCap, 'note'> & { keys: ScreeningKey[]; notes: string[] }) | null;
  /** True when every key was answered. Unanswered is never taken as "no". */
  complete: boolean;
  unanswered: ScreeningKey[];
}

/** Checks a screening answer object: only documented keys, only booleans. */
export function parseScreeningAnswers(value: unknown): ScreeningAnswers {
  const allowed = `allowed keys (each true or false): ${SCREENING_KEYS.join(', ')}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError(`screening answers must be a JSON object; ${allowed}`);
  }
  const answers: ScreeningAnswers = {};
  for (const [key, answer] of Object.entries(value)) {
    if (!(SCREENING_KEYS as string[]).includes(key)) {
      throw new InvalidInputError(`unknown screening key '${key}'; ${allowed}`);
    }
    if (typeof answer !== 'boolean') {
      throw new InvalidInputError(
        `screening key '${key}' must be true or false; got ${JSON.stringify(answer)}; ${allowed}`,
      );
    }
    answers[key as ScreeningKey] = answer;
  }
  return answers;
}

const SEVERITY: Record<ScreeningVerdict, number> = {
  clear: 0,
  precaution: 1,
  incomplete: 2,
  contraindicated: 3,
};

function worst(verdicts: Iterable<ScreeningVerdict>): ScreeningVerdict {
  let w: ScreeningVerdict = 'clear';
  for (const v of verdicts) if (SEVERITY[v] > SEVERITY[w]) w = v;
  return w;
}

/** True when a "yes" to `key` would change a verdict at a site in `region`. */
function mattersAt(key: ScreeningKey, region: BodyRegion): boolean {
  const q: Question = SCREENING_QUESTIONS[key];
  return q.verdictAt(region) !== 'clear';
}

/** The strictest of several caps. */
function strictest(findings: readonly ScreeningFinding[]): ScreeningResult['cap'] {
  const capped = findings.filter((f): f is ScreeningFinding & { key: ScreeningKey; cap: IntensityCap } =>
    Boolean(f.cap),
  );
  const first = capped[0];
  if (!first) return null;
  let maxStep = first.cap.maxStep;
  for (const f of capped) maxStep = weakerStep(maxStep, f.cap.maxStep);
  return {
    ceilingFraction: Math.min(...capped.map((f) => f.cap.ceilingFraction)),
    maxPercentMvc: Math.min(...capped.map((f) => f.cap.maxPercentMvc)),
    maxStep,
    keys: capped.map((f) => f.key),
    notes: capped.map((f) => f.cap.note),
  };
}

/** Keys whose verdict does not depend on where the electrodes go. */
function isPatientWide(key: ScreeningKey): boolean {
  const q: Question = SCREENING_QUESTIONS[key];
  const regions: BodyRegion[] = ['lower-limb', 'upper-limb', 'lumbar', 'abdomen', 'pelvis', 'head'];
  const first = q.verdictAt(regions[0] as BodyRegion);
  return regions.every((r) => q.verdictAt(r) === first) && !key.endsWith('AtSite');
}

/**
 * Screens answers against the planned electrode sites (site ids from ./electrode-sites.ts).
 * Throws InvalidInputError for unknown keys, non-boolean answers or unknown sites.
 */
export function screenContraindications(
  answers: ScreeningAnswers,
  electrodeSites: readonly string[],
): ScreeningResult {
  const checked = parseScreeningAnswers(answers);
  const yes = SCREENING_KEYS.filter((k) => checked[k] === true);
  const unanswered = SCREENING_KEYS.filter((k) => checked[k] === undefined);

  const patientFindings: ScreeningFinding[] = [];
  for (const key of yes.filter(isPatientWide)) {
    const verdict = SCREENING_QUESTIONS[key].verdictAt('lower-limb');
    if (verdict !== 'clear') patientFindings.push(finding(key, verdict));
  }
  const patientUnanswered = unanswered.filter(isPatientWide);

  const sites: SiteScreening[] = [...new Set(electrodeSites)].map((site) => {
    const region = regionOfSite(site);
    const findings: ScreeningFinding[] = [];
    if (FORBIDDEN_REGIONS.includes(region)) {
      findings.push({
        key: 'forbiddenPlacement',
        verdict: 'contraindicated',
        reason: `No electrodes over the ${region} (thorax: fibrillation risk; head: transcerebral; front of neck: carotid sinus and larynx).`,
        source: PLACEMENT_SOURCE,
      });
    }
    for (const key of yes) {
      const verdict = SCREENING_QUESTIONS[key].verdictAt(region);
      if (verdict !== 'clear') findings.push(finding(key, verdict));
    }
    const verdicts: ScreeningVerdict[] = findings.map((f) => f.verdict);
    if (unanswered.some((k) => mattersAt(k, region))) verdicts.push('incomplete');
    return { site, region, verdict: worst(verdicts), findings };
  });

  const all = [...patientFindings, ...sites.flatMap((s) => s.findings)];
  const unique = (verdict: Verdict) => {
    const seen = new Set<string>();
    return all.filter((f) => f.verdict === verdict && !seen.has(f.key) && seen.add(f.key));
  };
  const contraindications = unique('contraindicated');
  const precautions = unique('precaution').filter((p) => !contraindications.some((c) => c.key === p.key));
  const patientVerdicts: ScreeningVerdict[] = patientFindings.map((f) => f.verdict);
  if (patientUnanswered.length > 0) patientVerdicts.push('incomplete');
  const overall: ScreeningVerdict[] = [
    ...all.map((f) => f.verdict),
    ...patientVerdicts,
    ...sites.map((s) => s.verdict),
  ];
  // With no site given, any unanswered question leaves the screen incomplete.
  if (unanswered.length > 0) overall.push('incomplete');
  return {
    verdict: worst(overall),
    patient: { verdict: worst(patientVerdicts), findings: patientFindings },
    sites,
    contraindications,
    precautions,
    cap: strictest(precautions),
    complete: unanswered.length === 0,
    unanswered,
  };
}

function finding(key: ScreeningKey, verdict: Exclude<Verdict, 'clear'>): ScreeningFinding {
  const q: Question = SCREENING_QUESTIONS[key];
  const f: ScreeningFinding = { key, verdict, reason: q.reason, source: q.source };
  if (verdict === 'precaution' && q.cap) f.cap = q.cap;
  return f;
}
