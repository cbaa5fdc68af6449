import { describe, expect, it } from 'vitest';
import { FORCE_MODELS } from '../../physiology/force/model.ts';
import { simulatePattern } from '../../physiology/optimisation/optimise.ts';
import { command, jsonOutput } from '../cli-test-fixtures.ts';

const run = command('optimise');

const CONVENTIONAL_TIMING = ['--on-min', '6', '--on-max', '6', '--off-min', '18', '--off-max', '18'];

describe('myotrophy optimise', () => {
  it('target-force: prints the chosen pattern, objective, constraints and result beside the 30 Hz programme', () => {
    const out = jsonOutput(
      run(
        '--model',
        'hmed2018-fatigue',
        '--goal',
        'target-force',
        '--target-force',
        '150',
        '--contractions',
        '5',
        ...CONVENTIONAL_TIMING,
        '--json',
      ),
    );
    expect(out.goal).toBe('target-force');
    expect(out.lever).toBe('intensityMa');
    expect(out.chosen.feasible).toBe(true);
    expect(out.chosen.objective.name).toBe('fatigue');
    expect(out.chosen.constraints[0]).toMatchObject({
      name: 'weakest contraction peak',
      limit: 150,
      satisfied: true,
    });
    expect(out.chosen.result.minContractionPeakN).toBeGreaterThanOrEqual(150);
    expect(out.chosen.result.contractions).toHaveLength(5);
    expect(out.conventional.pattern).toMatchObject({
      frequencyHz: 30,
      onS: 6,
      offS: 18,
      doubletIntervalMs: null,
    });
    expect(out.chosen.objective.value).toBeLessThan(out.conventional.objective.value);
    expect(out.improvement.relative).toBeGreaterThan(0);
    expect(out.chosen.outputSafety.limitMa).toBe(50);
    expect(out.chosen.outputSafety.withinLimit).toBe(true);
    // The printed result is the pattern's own simulation.
    const check = simulatePattern(FORCE_MODELS['hmed2018-fatigue'], out.chosen.pattern);
    expect(check.fatigueDropPercent).toBeCloseTo(out.chosen.result.fatigueDropPercent, 10);
  });

  it('max-fti: an onset doublet at fixed 30 Hz, within the fatigue budget', () => {
    const out = JSON.parse(
      run(
        '--model',
        'hmed2018-fatigue',
        '--goal',
        'max-fti',
        '--max-fatigue',
        '20',
        '--contractions',
        '5',
        '--frequency-min',
        '30',
        '--frequency-max',
        '30',
        ...CONVENTIONAL_TIMING,
        '--json',
      ).stdout,
    );
    expect(out.chosen.pattern.doubletIntervalMs).toBe(5);
    expect(out.chosen.result.fatigueDropPercent).toBeLessThanOrEqual(20);
    expect(out.chosen.objective.sense).toBe('maximise');
    expect(out.chosen.result.forceTimeIntegralNs).toBeGreaterThan(
      out.conventional.result.forceTimeIntegralNs,
    );
  });

  it('prints a readable comparison without --json', () => {
    const { status, stdout } = run(
      '--model',
      'ding2003-fatigue',
      '--goal',
      'target-force',
      '--target-force',
      '150',
      '--contractions',
      '3',
      ...CONVENTIONAL_TIMING,
    );
    expect(status).toBe(0);
    expect(stdout).toMatch(/chosen: +\d+ Hz, 6 s on \/ 18 s off/);
    expect(stdout).toMatch(/conventional: 30 Hz, 6 s on \/ 18 s off, no doublet/);
    expect(stdout).toMatch(/weakest peak \(N\)/);
    expect(stdout).toMatch(/improvement over the conventional programme: \d+\.\d %/);
  });

  it('exits 2 with the reason for impossible or malformed requests', () => {
    const cases: [string[], RegExp][] = [
      [
        [
          '--model',
          'ding2003-fatigue',
          '--goal',
          'target-force',
          '--target-force',
          '400',
          '--contractions',
          '3',
        ],
        /the target force 400 N is beyond what model ding2003-fatigue can reach within the allowed ranges: at most 31\d\.\d N/,
      ],
      [
        ['--model', 'ding2003-fatigue', '--goal', 'target-force'],
        /--goal target-force needs --target-force N/,
      ],
      [['--model', 'ding2003-fatigue', '--goal', 'max-fti'], /--goal max-fti needs --max-fatigue PERCENT/],
      [
        ['--model', 'ding2003-fatigue', '--goal', 'fastest'],
        /--goal must be one of target-force, max-fti; got 'fastest'/,
      ],
      [
        [
          '--model',
          'ding2003-fatigue',
          '--goal',
          'target-force',
          '--target-force',
          '100',
          '--doublet',
          'soon',
        ],
        /--doublet must be 'none' or intervals from 1 to 50 ms/,
      ],
      [
        ['--model', 'ding2003', '--goal', 'target-force', '--target-force', '100'],
        /minimising fatigue needs the drop in A, which model ding2003 does not simulate/,
      ],
    ];
    for (const [args, message] of cases) {
      const { status, stdout, stderr } = run(...args, '--json');
      expect(status, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
    }
  });
});
