/**
 * The clinic module's verdicts that the API stores beside the records it judges. Each is one
 * call into src/clinic; the record keeps the verdict so the chart shows what was decided then.
 */
import {
  parseScreeningAnswers,
  type ScreeningResult,
  screenContraindications,
} from '../clinic/contraindications.ts';
import { checkOutputSafety, type OutputSafetyReport } from '../clinic/output-safety.ts';
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

/**
 * The output-safety gate every programme passes on create and approve: the clinic module's check of
 * the programme's stimulation part (`body.stimulation`, as the planner drafts it, or the body itself
 * when it is a stimulation programme). A programme without stimulation (exercise only) has no
 * electrical output to check.
 */
export function programmeSafety(
  body: unknown,
): OutputSafetyReport | { ok: true; violations: []; warnings: []; checked: false } {
  const b = (body ?? {}) as Record<string, unknown>;
  if ('stimulation' in b) return checkOutputSafety(b.stimulation);
  if ('waveform' in b || 'channels' in b || 'levels' in b) return checkOutputSafety(b);
  return { ok: true, violations: [], warnings: [], checked: false };
}
