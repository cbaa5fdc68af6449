import { assessmentChange } from '../scores/assessment-change.ts';
import { LEFS_MAX, LEFS_MCID } from '../scores/lefs.ts';

/** One LEFS total as stored (a measurement of kind 'lefs'). */
export interface LefsAnswer {
  value: number;
  measuredAt: string;
}

export interface LefsTrend {
  /** Every total, oldest first. */
  points: LefsAnswer[];
  baseline: LefsAnswer;
  latest: LefsAnswer;
  /** Latest minus baseline, in points (higher is better). */
  changeFromBaseline: number;
  /** The minimal clinically important difference (LEFS 9 points, Binkley 1999). */
  mcid: number;
  /** Whether the change from baseline is at least the MCID, either way; null with one answer only. */
  passesMcid: boolean | null;
}

/** The LEFS trend from the first total (the baseline) to the latest, judged against the MCID. */
export function lefsTrend(answers: readonly LefsAnswer[]): LefsTrend | null {
  const points = [...answers].sort((a, b) => Date.parse(a.measuredAt) - Date.parse(b.measuredAt));
  const baseline = points[0];
  const latest = points.at(-1);
  if (!baseline || !latest) return null;
  if (points.length === 1) {
    return { points, baseline, latest, changeFromBaseline: 0, mcid: LEFS_MCID, passesMcid: null };
  }
  const change = assessmentChange({ previous: baseline.value, current: latest.value, measure: 'lefs' });
  return {
    points,
    baseline,
    latest,
    changeFromBaseline: change.change,
    mcid: LEFS_MCID,
    passesMcid: change.clinicallyImportant ?? null,
  };
}

/** The trend in the patient's words: whole numbers, no scale names, what the change means. */
export function lefsTrendInWords(trend: LefsTrend): string {
  const score = `Your latest score is ${trend.latest.value} out of ${LEFS_MAX} (higher means everyday activities are easier).`;
  if (trend.passesMcid === null)
    return `${score} This is your starting point: later answers are compared with it.`;
  const change = trend.changeFromBaseline;
  const size = Math.abs(change);
  const since =
    change === 0
      ? 'the same as when you started'
      : `${size} ${size === 1 ? 'point' : 'points'} ${change > 0 ? 'higher' : 'lower'} than when you started`;
  const meaning = !trend.passesMcid
    ? `A change of ${trend.mcid} points or more is the smallest you would really notice; this one is smaller than that.`
    : change > 0
      ? `That is ${trend.mcid} points or more: a real improvement you should notice in daily life.`
      : `That is ${trend.mcid} points or more: a real worsening. Please tell your clinic.`;
  return `${score} It is ${since}. ${meaning}`;
}
