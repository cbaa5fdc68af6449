import { describe, expect, it } from 'vitest';
import { planProgramme } from '../clinic/programme/plan.ts';
import { programmeSafety } from './clinical-verdicts.ts';

describe('programmeSafety', () => {
  const plan = planProgramme({ goal: 'reverse-atrophy', muscle: 'quadriceps', side: 'left' });
  if (plan.status !== 'draft') throw new Error('the planner refused');
  const stimulation = plan.stimulation as unknown as Record<string, unknown>;

  it('checks the stimulation part, or the body when it is the stimulation programme', () => {
    expect(programmeSafety(plan).ok).toBe(true);
    expect(programmeSafety(stimulation).ok).toBe(true);
    expect(programmeSafety({ sessionsPerWeek: 3 })).toMatchObject({ ok: true, checked: false });
  });

  it('refuses a body with both a stimulation part and top-level settings, naming both problems', () => {
    const hot = [
      { level: 1, blocks: [{ kind: 'work', frequencyHz: 100, phaseWidthUs: 1000, maxIntensityMa: 250 }] },
    ];
    const verdict = programmeSafety({
      ...plan,
      waveform: stimulation.waveform,
      channels: stimulation.channels,
      levels: hot,
    });
    expect(verdict.ok).toBe(false);
    const rules = verdict.violations.map((v) => `${v.rule} ${v.where}`);
    expect(rules).toContain('malformed programme');
    // 250 mA · √(2 · 1000 µs · 100 Hz) = 111.8 mA r.m.s. > 50 mA
    expect(rules).toContain('rms-current top level level 1 work');
  });
});
