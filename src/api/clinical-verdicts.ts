/**
 * The clinic module's verdicts that the API stores beside the records it judges. Each is one
 * call into src/clinic; the record keeps the verdict so the chart shows what was decided then.
 */

import { checkOutputSafety, type OutputSafetyReport } from '../clinic/safety/output-safety.ts';
import {
  parseScreeningAnswers,
  type ScreeningResult,
  screenContraindications,
} from '../clinic/screening/contraindications.ts';
import {
  assessRedFlags,
  parseRedFlagFindings,
  type RedFlagAssessment,
} from '../clinic/screening/red-flags.ts';

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
 * when it is a stimulation programme). A body that is both (a `stimulation` part and stimulation
 * settings at its top level) is refused: a reader could take either, so the gate checks neither as
 * the one. A programme without stimulation (exercise only) has no electrical output to check.
 */
export function programmeSafety(
  body: unknown,
): OutputSafetyReport | { ok: true; violations: []; warnings: []; checked: false } {
  const b = (body ?? {}) as Record<string, unknown>;
  const topLevel = 'waveform' in b || 'channels' in b || 'levels' in b;
  if ('stimulation' in b) {
    const report = checkOutputSafety(b.stimulation);
    if (!topLevel) return report;
    return {
      ...report,
      ok: false,
      violations: [
        ...report.violations,
        {
          rule: 'malformed',
          where: 'programme',
          message:
            'the programme has a stimulation part and stimulation settings (waveform, channels or levels) at its top level; keep them in one place',
          source: 'Myotrophy programme format',
        },
        ...checkOutputSafety(b).violations.map((v) => ({ ...v, where: `top level ${v.where}` })),
      ],
    };
  }
  if (topLevel) return checkOutputSafety(b);
  return { ok: true, violations: [], warnings: [], checked: false };
}
