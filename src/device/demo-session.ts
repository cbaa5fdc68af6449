/**
 * A short demonstration programme for the virtual stimulator (the device tests, the bench and the
 * web app's demonstration page). The programme is the planner's calf programme with its first level shortened to
 * 21 s (warm-up 6 s at 5 Hz, work 12 s at 35 Hz with 4 s contractions, cool-down 3 s at 3 Hz), on
 * one calf or on both.
 */
import { planProgramme, requireDraft } from '../clinic/programme/plan.ts';
import type { StimulationProgramme } from '../clinic/programme/stimulation-types.ts';
import { type GateInput, gateProgramme } from '../clinic/safety/programme-gate.ts';
import { SCREENING_KEYS, type ScreeningAnswers } from '../clinic/screening/contraindications.ts';

const allNo: ScreeningAnswers = Object.fromEntries(SCREENING_KEYS.map((k) => [k, false]));

export function shortCalfProgramme(): StimulationProgramme {
  const programme = requireDraft(
    planProgramme({ goal: 'reverse-atrophy', muscle: 'triceps-surae', side: 'left', screening: allNo }),
  ).stimulation;
  const level = programme.levels[0];
  if (!level) throw new Error('the planner returned no level');
  const [warmUp, work, coolDown] = level.blocks;
  if (!warmUp || !work || !coolDown) throw new Error('the planner changed its blocks');
  warmUp.minutes = 0.1;
  work.minutes = 0.2;
  work.cycle = { onS: 4, offS: 2, rampUpS: 1, rampDownS: 1 };
  coolDown.minutes = 0.05;
  programme.levels = [level];
  return programme;
}

/** The short programme cut to 12 s (3 s warm-up, 6 s work with one 4 s contraction, 3 s cool-down): the CLI tests play it in real time. */
export function twelveSecondCalfProgramme(): StimulationProgramme {
  const programme = shortCalfProgramme();
  const [warmUp, work, coolDown] = programme.levels[0]?.blocks ?? [];
  if (!warmUp || !work || !coolDown) throw new Error('the planner changed its blocks');
  warmUp.minutes = 0.05;
  work.minutes = 0.1;
  coolDown.minutes = 0.05;
  return programme;
}

/**
 * The short programme on both calves: channel 1 on the left calf, channel 2 on the right (the same
 * electrode site on each side, so the one screening of the calf covers both). Each channel's
 * intensity is set on its own.
 */
export function twoCalfProgramme(programme = shortCalfProgramme()): StimulationProgramme {
  const [left] = programme.channels;
  if (!left) throw new Error('the planner returned no channel');
  programme.channels = [left, { electrodes: left.electrodes.map((e) => ({ ...e, side: 'right' })) }];
  return programme;
}

/** What the gate needs besides the programme: a screening of the calf on the day, a coded diagnosis, no red flag. */
export function gateInputFor(programme: unknown, now = '2025-03-10T12:00:00Z'): GateInput {
  return {
    purpose: 'send-to-device',
    programme,
    screening: { screenedAt: now.slice(0, 10), answers: allNo, electrodeSites: ['triceps-surae'] },
    openRedFlags: [],
    conditions: [{ code: 'M62.562', recordedAt: '2025-03-05T09:30:00Z' }],
    now,
  };
}

export function clearedShortProgramme(now?: string, programme = shortCalfProgramme()) {
  const decision = gateProgramme(gateInputFor(programme, now));
  if (!decision.allowed)
    throw new Error(`the gate refused the test programme: ${JSON.stringify(decision.blockers)}`);
  return decision.cleared;
}
