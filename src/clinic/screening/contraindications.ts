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
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';
import {
  type BodyRegion,
  FORBIDDEN_REGIONS,
  PLACEMENT_SOURCE,
  regionOfSite,
} from '../anatomy/electrode-sites.ts';

export type Verdict = 'contraindicated' | 'precaution' | 'clear';

const FDA_LABEL = 'FDA powered muscle stimulator labelling (21 CFR 890.5850 devices)';
const FDA_GUIDANCE = 'FDA Guidance for Powered Muscle Stimulator 510(k)s, 1999 (reguvirta summary)';
const IEC_IFU = 'IEC 60601-2-10:2012 instructions for use (AS 60601.2.10:2018 text)';
const COMPEX = 'Compex user manuals: counter-indications';
const CONSERVATIVE = 'graded contraindicated by Myotrophy (the label lists it as a warning)';

interface Question {
  question: string;
  /** The verdict this "yes" gives at a site in `region`. */
  verdictAt(region: BodyRegion): Verdict;
  reason: string;
  source: string;
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
} as const satisfies Record<string, Question>;

export type ScreeningKey = keyof typeof SCREENING_QUESTIONS;
export const SCREENING_KEYS = Object.keys(SCREENING_QUESTIONS) as ScreeningKey[];
export type ScreeningAnswers = Partial<Record<ScreeningKey, boolean>>;

export interface ScreeningFinding {
  key: ScreeningKey | 'forbiddenPlacement';
  verdict: Exclude<Verdict, 'clear'>;
  reason: string;
  source: string;
}

export interface SiteScreening {
  site: string;
  region: BodyRegion;
  verdict: Verdict;
  findings: ScreeningFinding[];
}

export interface ScreeningResult {
  /** The worst verdict over the patient and every site. */
  verdict: Verdict;
  /** Findings that hold wherever the electrodes go (the same at every site). */
  patient: { verdict: Verdict; findings: ScreeningFinding[] };
  sites: SiteScreening[];
  /** Every contraindicated finding, patient-wide and per site, without repeats. */
  contraindications: ScreeningFinding[];
  precautions: ScreeningFinding[];
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

const SEVERITY: Record<Verdict, number> = { clear: 0, precaution: 1, contraindicated: 2 };

function worst(verdicts: Iterable<Verdict>): Verdict {
  let w: Verdict = 'clear';
  for (const v of verdicts) if (SEVERITY[v] > SEVERITY[w]) w = v;
  return w;
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
    const q: Question = SCREENING_QUESTIONS[key];
    const verdict = q.verdictAt('lower-limb');
    if (verdict !== 'clear') patientFindings.push({ key, verdict, reason: q.reason, source: q.source });
  }

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
      const q: Question = SCREENING_QUESTIONS[key];
      const verdict = q.verdictAt(region);
      if (verdict !== 'clear') findings.push({ key, verdict, reason: q.reason, source: q.source });
    }
    return { site, region, verdict: worst(findings.map((f) => f.verdict)), findings };
  });

  const all = [...patientFindings, ...sites.flatMap((s) => s.findings)];
  const unique = (verdict: Verdict) => {
    const seen = new Set<string>();
    return all.filter((f) => f.verdict === verdict && !seen.has(f.key) && seen.add(f.key));
  };
  const contraindications = unique('contraindicated');
  const precautions = unique('precaution').filter((p) => !contraindications.some((c) => c.key === p.key));
  return {
    verdict: worst(all.map((f) => f.verdict)),
    patient: { verdict: worst(patientFindings.map((f) => f.verdict)), findings: patientFindings },
    sites,
    contraindications,
    precautions,
    complete: unanswered.length === 0,
    unanswered,
  };
}
