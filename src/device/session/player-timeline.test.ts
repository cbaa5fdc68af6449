import { describe, expect, it } from 'vitest';
import { shortCalfProgramme } from '../demo-session.ts';
import { contractionsPlayed, type PlayerMoment, playerMoment } from './player-timeline.ts';
import { planSession, planTimeline } from './session-plan.ts';

// Warm-up 6 s, work 12 s with 4 s contractions (1 s ramps) and 2 s rests, cool-down 3 s: 21 s.
const plan = planSession(shortCalfProgramme());

describe("the session player's timeline", () => {
  it('counts two contractions in the 12 s of work, each finished when its 4 s "on" time ends', () => {
    expect(contractionsPlayed(plan, plan.totalS)).toBe(2);
    expect(contractionsPlayed(plan, 9.99)).toBe(0);
    expect(contractionsPlayed(plan, 10)).toBe(1);
    expect(contractionsPlayed(plan, 16)).toBe(2);
  });

  it('names the phase, whole seconds left in it, contractions left and the ceiling', () => {
    const ceilings = plan.blocks.map((b) => b.maxIntensityMa);
    expect(playerMoment(plan, 0.5)).toEqual({
      phase: 'warm-up',
      blockIndex: 0,
      secondsLeftInPhase: 6,
      contractionsTotal: 2,
      contractionsDone: 0,
      contractionsLeft: 2,
      ceilingMa: ceilings[0],
      elapsedS: 0.5,
      totalS: 21,
    });
    const later: [number, Partial<PlayerMoment>][] = [
      [7, { phase: 'contraction', secondsLeftInPhase: 3, contractionsLeft: 2 }],
      [10.5, { phase: 'rest', secondsLeftInPhase: 2, contractionsLeft: 1 }],
      [12, { phase: 'contraction', secondsLeftInPhase: 4, contractionsLeft: 1 }],
      [
        19,
        {
          phase: 'cool-down',
          blockIndex: 2,
          secondsLeftInPhase: 2,
          contractionsLeft: 0,
          ceilingMa: ceilings[2],
        },
      ],
      [25, { phase: 'done', blockIndex: -1, elapsedS: 21, contractionsDone: 2 }],
    ];
    for (const [tS, expected] of later) expect(playerMoment(plan, tS), `at ${tS} s`).toMatchObject(expected);
  });

  it('times a programme the device driver cannot play (triangular pulses) for a manual session', () => {
    const programme = shortCalfProgramme();
    programme.waveform = { ...programme.waveform, pulseShape: 'triangular' };
    expect(() => planSession(programme)).toThrow('symmetric rectangular biphasic pulses only');
    expect(playerMoment(planTimeline(programme), 7).phase).toBe('contraction');
  });
});
