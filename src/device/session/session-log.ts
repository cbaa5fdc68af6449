/**
 * The session log the patient's session player sends (POST …/sessions with an Idempotency-Key),
 * built from what was delivered: the controller's summary for a session played on a stimulator (or
 * the virtual stimulator), or the timer and the patient's own peak intensity on each channel for a manual session.
 * A session that did not play to its end is logged as interrupted (completed: false) with why.
 * Pure.
 */
import type { ContractionStep } from '../../clinic/programme/evoked-force.ts';
import type { SessionDelivery, SessionInput } from '../../clinic/record/session.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { SessionSummary } from './controller.ts';
import { contractionsPlayed } from './player-timeline.ts';
import type { SessionPlan } from './session-plan.ts';

/** What the patient adds at the end, and the contraction they saw while titrating. */
export interface PatientReport {
  programmeId: string;
  /** When the session began (ISO 8601). */
  startedAt: string;
  /** Whole numbers 0–10, or null when the patient did not answer. */
  comfort: number | null;
  pain: number | null;
  /** The patient's own words for the clinic, if any. */
  notes: string | null;
  /** The contraction the patient saw, and the intensity (mA) at which they saw it (unknown in a manual session). */
  seen: { step: ContractionStep; atMa?: number } | null;
}

const MAX_FAULT_MESSAGE = 500;

function logOf(report: PatientReport, delivery: SessionDelivery, peakIntensityMa: number): SessionInput {
  const notes = report.notes?.trim() ?? '';
  return {
    kind: 'stimulation',
    startedAt: report.startedAt,
    minutes: delivery.deliveredMinutes,
    peakIntensityMa,
    comfort: report.comfort,
    pain: report.pain,
    completed: delivery.stopReason === 'completed',
    notes: notes === '' ? null : notes,
    programmeId: report.programmeId,
    evokedForce: report.seen ? { step: report.seen.step } : null,
    delivery:
      report.seen?.atMa === undefined ? delivery : { ...delivery, intensityAtAimMa: report.seen.atMa },
  };
}

/**
 * A session played on a stimulator. `pageHidden`: the player stopped it because the page was
 * hidden (the controller reports that as an emergency stop).
 */
export function playedSessionLog(
  summary: SessionSummary,
  plan: SessionPlan,
  mode: 'stimulator' | 'virtual-stimulator',
  report: PatientReport,
  pageHidden = false,
): SessionInput {
  const peaks = Object.values(summary.peakCurrentMaByChannel);
  const delivery: SessionDelivery = {
    mode,
    device: summary.device ? { ...summary.device } : null,
    level: summary.level,
    stopReason: pageHidden && summary.stopReason === 'emergency-stop' ? 'page-hidden' : summary.stopReason,
    // The controller notices the end at its next tick (up to one update period late): not more than planned.
    deliveredMinutes: Math.min(summary.deliveredMinutes, summary.plannedMinutes),
    plannedMinutes: summary.plannedMinutes,
    peakCurrentMaByChannel: { ...summary.peakCurrentMaByChannel },
    frequencyHz: [...summary.deliveredFrequencyHz],
    contractions: contractionsPlayed(plan, summary.deliveredMinutes * 60),
    faults: summary.faults.map((f) => ({ kind: f.kind, message: f.message.slice(0, MAX_FAULT_MESSAGE) })),
  };
  return logOf(report, delivery, Math.max(0, ...peaks));
}

/**
 * A manual session: the patient's own stimulator, guided by the player's timer; the peaks are the
 * patient's figures, one per channel (index 0 = channel 1), each a whole number of mA.
 */
export function manualSessionLog(
  plan: SessionPlan,
  playedS: number,
  peaksMa: readonly number[],
  report: PatientReport,
): SessionInput {
  if (peaksMa.length !== plan.channels) {
    throw new InvalidInputError(
      `give the highest strength used on each of the programme's ${plan.channels} channels; got ${peaksMa.length}`,
    );
  }
  peaksMa.forEach((peakMa, i) => {
    if (!Number.isInteger(peakMa) || peakMa < 0) {
      throw new InvalidInputError(
        `the highest strength on channel ${i + 1} must be a whole number of mA, 0 or more; got ${peakMa}`,
      );
    }
  });
  const played = Math.min(playedS, plan.totalS);
  const delivery: SessionDelivery = {
    mode: 'manual',
    device: null,
    level: plan.level,
    stopReason: played >= plan.totalS ? 'completed' : 'stopped-by-user',
    deliveredMinutes: Number((played / 60).toFixed(4)),
    plannedMinutes: Number((plan.totalS / 60).toFixed(4)),
    peakCurrentMaByChannel: Object.fromEntries(peaksMa.map((peakMa, i) => [String(i + 1), peakMa])),
    frequencyHz: [],
    contractions: contractionsPlayed(plan, played),
    faults: [],
  };
  return logOf(report, delivery, Math.max(0, ...peaksMa));
}
