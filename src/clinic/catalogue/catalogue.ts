import { MUSCLE_SITES } from '../anatomy/electrode-sites.ts';
import { CAUSES } from '../coding/causes.ts';
import { BODY_SITES, codeForSite, SIDES } from '../coding/icd10cm.ts';
import { GOALS } from '../programme/stimulation-programme.ts';
import { MEASUREMENT_KINDS } from '../record/measurement-kinds.ts';
import { LEFS_ITEM_MAX, LEFS_ITEMS, LEFS_MAX } from '../scores/lefs.ts';
import { MRC_DESCRIPTIONS } from '../scores/mrc-grade.ts';
import { SCREENING_QUESTIONS } from '../screening/contraindications.ts';
import { RED_FLAG_RULES } from '../screening/red-flags.ts';

/**
 * The catalogue the clinician's workspace offers: body sites with their ICD-10-CM codes, causes,
 * screening questions, red flags, muscles, goals, measurement kinds, LEFS items and MRC grades.
 */
export function catalogue() {
  const icdCodes: { site: string; side: string; code: string; title: string; billable: boolean }[] = [];
  for (const site of BODY_SITES) {
    for (const side of SIDES) {
      try {
        const coded = codeForSite(site, side);
        icdCodes.push({ site, side, code: coded.code, title: coded.title, billable: coded.billable });
      } catch {
        // A site without that laterality has no code for it; the list shows only the valid pairs.
      }
    }
  }
  return {
    bodySites: BODY_SITES,
    sides: SIDES,
    icdCodes,
    causes: CAUSES.map((c) => ({
      id: c.id,
      label: c.label,
      group: c.group,
      codes: c.codes,
      atrophyCoding: c.atrophyCoding,
      innervation: c.innervation,
      expectedCourse: c.expectedCourse,
      stimulation: c.stimulation,
    })),
    screeningQuestions: Object.entries(SCREENING_QUESTIONS).map(([key, q]) => ({
      key,
      question: q.question,
      reason: q.reason,
    })),
    redFlags: Object.entries(RED_FLAG_RULES).map(([key, r]) => ({ key, label: r.label })),
    muscles: MUSCLE_SITES.map((m) => ({
      id: m.id,
      label: m.label,
      bodySite: m.bodySite,
      region: m.region,
      electrodes: m.electrodes,
      electrodeCm2: m.electrodeCm2,
    })),
    goals: GOALS,
    measurementKinds: MEASUREMENT_KINDS,
    lefs: { items: LEFS_ITEMS, maxScore: LEFS_MAX, itemMax: LEFS_ITEM_MAX },
    mrcGrades: MRC_DESCRIPTIONS,
  };
}
