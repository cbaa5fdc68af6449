import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { command, trainArgs } from '../cli-test-fixtures.ts';

const simulate = command('simulate');
const run = (...args: string[]) => {
  const { status, stdout, stderr } = simulate(...args);
  return { code: status, stdout, stderr };
};

describe('myotrophy simulate', () => {
  it('prints one JSON document with the contract fields', () => {
    const { code, stdout } = run(...trainArgs('ding2003-fatigue', '30', '60'), '--trace', '5', '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.pulses).toBe(1800);
    expect(out.contractions).toHaveLength(60);
    expect(out.contractions[1].startS).toBe(2);
    expect(out.peakForceN).toBeGreaterThan(260);
    expect(out.peakForceN).toBeLessThan(270);
    expect(out.fatigueIndex).toBeCloseTo(
      out.contractions[59].peakForceN / out.contractions[0].peakForceN,
      12,
    );
    expect(out.finalState.A).toBeLessThan(3009);
    expect(Object.keys(out.finalState).sort()).toEqual(['A', 'Km', 'tau1']);
    expect(out.elapsedMs).toBeGreaterThan(0);
    expect(out.trace.timesS).toEqual([0, 30, 60, 90, 120]);
    expect(out.trace.forceN[0]).toBe(0);
  });

  it('reads explicit pulses with per-pulse widths, and identified parameters from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'myotrophy-simulate-'));
    const pulses = join(dir, 'pulses.csv');
    writeFileSync(pulses, 'time_s,width_us\n0,300\n0.025,300\n0.05,400\n1.0,300\n1.03,300\n');
    const byModel = JSON.parse(run('--model', 'ding2007', '--pulses', pulses, '--json').stdout);
    expect(byModel.pulses).toBe(5);
    expect(byModel.contractions.map((c: { startS: number }) => c.startS)).toEqual([0, 1]);
    const parameters = join(dir, 'person.json');
    const stronger = {
      id: 'person',
      source: 'test',
      base: {
        tauCalciumS: 0.011,
        forceScalingNPerS: 9840,
        tau1S: 0.060601,
        tau2S: 0.001,
        km: 0.137,
        r0OffsetOverKm: 1.04,
      },
      pulseWidth: { pd0Us: 131.405, pdtUs: 194.138 },
    };
    writeFileSync(parameters, JSON.stringify({ model: stronger }));
    const byFile = JSON.parse(run('--parameters', parameters, '--pulses', pulses, '--json').stdout);
    expect(byFile.model).toBe('person');
    // Doubling A doubles a force that starts from rest without fatigue: the model is linear in A.
    expect(byFile.peakForceN / byModel.peakForceN).toBeCloseTo(2, 9);
  });

  it('refuses bad arguments with what is wrong and what is allowed', () => {
    const unknown = run(...trainArgs('ding2099', '30', '1'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--model must be one of ding2003, ding2003-fatigue');
    const badNumber = run(...trainArgs('ding2003', 'fast', '1'));
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain("--frequency must be a number from 0.1 to 1000 Hz; got 'fast'");
    const negative = run(...trainArgs('ding2003', '-30', '1'));
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain("--frequency must be a number from 0.1 to 1000 Hz; got '-30'");
    const missing = run('--model', 'ding2003', '--frequency', '30');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--on, --off and --repetitions');
    const ramp = run(...trainArgs('ding2003', '30', '1'), '--ramp-up', '0.5');
    expect(ramp.code).toBe(2);
    expect(ramp.stderr).toContain('cannot change its force');
    const stray = run('--model', 'ding2003', '--bogus');
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain("Unknown option '--bogus'");
    expect(stray.stdout).toBe('');
  });
});
