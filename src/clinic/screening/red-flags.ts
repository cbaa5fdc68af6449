/**
 * Red flags: findings in a person with wasting or weakness that mean "refer, do not start a
 * programme". Wasting from motor neuron disease, Guillain–Barré syndrome, stroke or cauda equina
 * compression must not be treated as disuse.
 *
 * Sources: NICE NG42 (motor neurone disease) red flags, via Red Whale / iatroX summaries; BMJ 2014
 * g4052 (weakness: when to refer); guidelines.co.uk MND red-flag tool (clinical.md §3).
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';

export type ReferralUrgency = 'immediate' | 'without-delay';

/**
 * What exercise may go on while the flag is open (stimulation always pauses): 'pause' stops all
 * prescribed exercise; 'hold' lets the person keep to the exercise they already do without raising
 * load or moving to the next stage. No source grades exercise per red flag, so each choice below is
 * Myotrophy's conservative one (UNCONFIRMED): 'pause' where the flag may be an emergency or where
 * exertion may harm (clot, breathing, acute cord or nerve compromise), 'hold' where the referral is
 * "without delay" and gentle activity is not the hazard.
 */
export type ExerciseWhileOpen = 'pause' | 'hold';

interface RedFlagRule {
  label: string;
  urgency: ReferralUrgency;
  referTo: string;
  reason: string;
  source: string;
  exerciseWhileOpen: ExerciseWhileOpen;
}

const NICE_NG42 = 'NICE NG42 (MND) red flags, via Red Whale / iatroX; guidelines.co.uk MND red-flag tool';
const BMJ_WEAKNESS = 'BMJ 2014;348:g4052 (assessing weakness), as summarised in clinical.md §3';

/** The findings a clinician answers yes/no, each with its rule. Keys are the answer keys. */
export const RED_FLAG_RULES = {
  progressiveWeaknessWithoutSensoryLoss: {
    label: 'Progressive weakness without sensory loss',
    urgency: 'without-delay',
    referTo: 'neurology',
    reason: 'Progressive painless weakness without sensory loss suggests motor neuron disease, not disuse.',
    source: NICE_NG42,
    exerciseWhileOpen: 'hold',
  },
  fasciculationsWithWasting: {
    label: 'Fasciculations with weakness or wasting',
    urgency: 'without-delay',
    referTo: 'neurology',
    reason:
      'Fasciculations together with weakness or wasting suggest motor neuron disease (fasciculations alone are common in healthy people).',
    source: NICE_NG42,
    exerciseWhileOpen: 'hold',
  },
  bulbarSigns: {
    label: 'Bulbar signs (dysarthria, dysphagia)',
    urgency: 'without-delay',
    referTo: 'neurology',
    reason:
      'Slurred speech or difficulty swallowing with weakness suggests bulbar-onset motor neuron disease.',
    source: NICE_NG42,
    exerciseWhileOpen: 'hold',
  },
  breathlessLyingFlat: {
    label: 'Breathlessness lying flat or at rest',
    urgency: 'without-delay',
    referTo: 'neurology / respiratory',
    reason:
      'Breathlessness lying flat (orthopnoea) with weakness suggests diaphragm weakness from neuromuscular disease.',
    source: NICE_NG42,
    exerciseWhileOpen: 'pause',
  },
  symmetricWeaknessProgressingOverDays: {
    label: 'Symmetric limb weakness progressing over days (within 4 weeks)',
    urgency: 'immediate',
    referTo: 'emergency department / acute neurology',
    reason:
      'Symmetric weakness progressing over days to 4 weeks suggests Guillain–Barré syndrome, which can reach the breathing muscles.',
    source: BMJ_WEAKNESS,
    exerciseWhileOpen: 'pause',
  },
  limbWeaknessProgressingOverHours: {
    label: 'Weakness of one limb or one side progressing over hours to days',
    urgency: 'immediate',
    referTo: 'emergency department',
    reason:
      'Hemiparesis or single-limb weakness progressing over hours to days suggests a stroke or a compressive lesion.',
    source: BMJ_WEAKNESS,
    exerciseWhileOpen: 'pause',
  },
  suddenWeakness: {
    label: 'Sudden weakness',
    urgency: 'immediate',
    referTo: 'emergency department (stroke pathway)',
    reason: 'Sudden weakness is a stroke until shown otherwise.',
    source: BMJ_WEAKNESS,
    exerciseWhileOpen: 'pause',
  },
  caudaEquinaSymptoms: {
    label:
      'Cauda equina symptoms (saddle numbness, new bladder or bowel dysfunction, bilateral leg weakness)',
    urgency: 'immediate',
    referTo: 'emergency department (spinal surgery)',
    reason: 'Cauda equina compression needs emergency decompression.',
    source: BMJ_WEAKNESS,
    exerciseWhileOpen: 'pause',
  },
  suspectedDeepVeinThrombosis: {
    label: 'Suspected deep vein thrombosis (new calf or thigh pain, swelling, warmth or redness)',
    urgency: 'immediate',
    referTo: 'same-day medical assessment (suspected DVT pathway)',
    reason:
      'A new painful, swollen, warm leg may be a deep vein thrombosis; muscle contractions over a clot may dislodge it (embolism).',
    source:
      'FDA powered muscle stimulator labelling (warning: thrombophlebitis); same-day assessment of suspected DVT: NICE NG158 (UNCONFIRMED: not in Myotrophy research notes)',
    exerciseWhileOpen: 'pause',
  },
} as const satisfies Record<string, RedFlagRule>;

export type RedFlagKey = keyof typeof RED_FLAG_RULES;
export const RED_FLAG_KEYS = Object.keys(RED_FLAG_RULES) as RedFlagKey[];
export type RedFlagFindings = Partial<Record<RedFlagKey, boolean>>;

export interface Referral extends RedFlagRule {
  flag: RedFlagKey;
}

export interface RedFlagAssessment {
  /** True when any red flag is present: refer before starting a programme. */
  refer: boolean;
  /** The most urgent referral, or 'none'. */
  urgency: ReferralUrgency | 'none';
  /** One per flag present, most urgent first. */
  referrals: Referral[];
  /** Keys not answered; an incomplete screen is said, never taken as "no". */
  unanswered: RedFlagKey[];
}

/** Checks findings: an object of the documented keys with boolean values. */
export function parseRedFlagFindings(value: unknown): RedFlagFindings {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError(
      `red-flag findings must be an object with boolean keys: ${RED_FLAG_KEYS.join(', ')}`,
    );
  }
  const out: RedFlagFindings = {};
  for (const [key, answer] of Object.entries(value)) {
    if (!(RED_FLAG_KEYS as string[]).includes(key)) {
      throw new InvalidInputError(`unknown red-flag finding '${key}'; allowed: ${RED_FLAG_KEYS.join(', ')}`);
    }
    if (typeof answer !== 'boolean') {
      throw new InvalidInputError(
        `red-flag finding '${key}' must be true or false; got ${JSON.stringify(answer)}`,
      );
    }
    out[key as RedFlagKey] = answer;
  }
  return out;
}

/** Turns red-flag findings into referrals with urgency and reason. */
export function assessRedFlags(findings: RedFlagFindings): RedFlagAssessment {
  const checked = parseRedFlagFindings(findings);
  const referrals: Referral[] = [];
  const unanswered: RedFlagKey[] = [];
  for (const flag of RED_FLAG_KEYS) {
    const answer = checked[flag];
    if (answer === undefined) unanswered.push(flag);
    if (answer !== true) continue;
    const rule: RedFlagRule = RED_FLAG_RULES[flag];
    referrals.push({ flag, ...rule });
  }
  referrals.sort((a, b) => rank(a.urgency) - rank(b.urgency));
  return {
    refer: referrals.length > 0,
    urgency: referrals[0]?.urgency ?? 'none',
    referrals,
    unanswered,
  };
}

function rank(urgency: ReferralUrgency): number {
  return urgency === 'immediate' ? 0 : 1;
}
