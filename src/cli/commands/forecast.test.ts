import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { command, jsonOutput } from '../cli-test-fixtures.ts';
import { parseMeasurements } from './forecast.ts';

const run = command('forecast');

const dir = mkdtempSync(join(tmpdir(), 'myotrophy-forecast-'));

describe('myotrophy forecast', () => {
  it('forecasts a 14-day cast in young men within tolerance of Wall 2014 (−8.4 %), as one JSON document', () => {
    const out = jsonOutput(run('--scenario', 'cast', '--days', '14', '--age', '23', '--json'));
    expect(out.days).toHaveLength(15);
    expect(Object.keys(out.days[3])).toEqual(['day', 'changePct', 'lowPct', 'highPct']);
    expect(out.changePctAtEnd).toBe(out.days[14].changePct);
    expect(Math.abs(out.changePctAtEnd + 8.4)).toBeLessThanOrEqual(2.52);
    expect(out.comparison.savedByStimulationPct).toBeGreaterThan(5);
    expect(out.alerts).toEqual([]);
  });

  it('takes every documented flag', () => {
    const out = jsonOutput(
      run(
        ...['--scenario', 'bed-rest', '--days', '60', '--muscle', 'calf', '--age', '70', '--sex', 'female'],
        ...[
          '--nmes',
          '3',
          '--nmes-minutes',
          '30',
          '--exercise',
          '--exercise-sessions',
          '2',
          '--protein',
          '1.2',
          '--remobilise-at',
          '30',
          '--json',
        ],
      ),
    );
    expect(out.muscle).toBe('calf');
    expect(out.days).toHaveLength(61);
    expect(out.comparison.nmesSessionsPerDay).toBe(3);
    expect(out.comparison.nmesMinutesPerSession).toBe(30);
    expect(out.comparison.exerciseSessionsPerWeek).toBe(2);
  });

  it('takes the evoked force, a neurogenic cause and the training load, and says what the forecast rests on', () => {
    const at = (...extra: string[]) => {
      return jsonOutput(run('--scenario', 'bed-rest', '--days', '28', '--age', '50', ...extra, '--json'));
    };
    const strong = at('--nmes', '1', '--nmes-minutes', '40', '--nmes-force', '60');
    const weak = at('--nmes', '1', '--nmes-minutes', '40', '--nmes-force', '5');
    const untreated = at();
    expect(strong.changePctAtEnd).toBeGreaterThan(weak.changePctAtEnd);
    expect(weak.changePctAtEnd).toBe(untreated.changePctAtEnd);
    const neurogenic = at('--nmes', '1', '--nmes-minutes', '40', '--neurogenic');
    expect(neurogenic.changePctAtEnd).toBeLessThan(strong.changePctAtEnd);
    expect(neurogenic.basis.join(' ')).toMatch(/neurogenic causes: its effect here is an assumption/);
    const lowLoad = at('--exercise', '--exercise-load', 'low');
    expect(lowLoad.changePctAtEnd).toBe(untreated.changePctAtEnd);
    expect(untreated.basis[0]).toMatch(/^Based on \d+ studies of adults in bed rest/);
  });

  it('prints the leave-one-study-out validation, before and after, with --validate', () => {
    const out = jsonOutput(run('--validate', '--json'));
    expect(out.after.earlierSet).toEqual({ arms: 24, withinTolerance: 22 });
    expect(out.before.earlierSet).toEqual({ arms: 24, withinTolerance: 21 });
    expect(out.after.arms).toBe(37);
    expect(out.after.bandCoverage).toBeGreaterThanOrEqual(0.7);
    expect(out.after.bandCoverage).toBeLessThanOrEqual(0.9);
    expect(out.after.rmsErrorPct).toBeLessThan(out.before.rmsErrorPct);
    expect(out.arms).toHaveLength(37);
    expect(out.arms[0]).toMatchObject({ study: 'wall2014', before: { predictedPct: -3.08 } });
  });

  it('trains every other day with --exercise-sessions 3.5: more muscle than the default 3 a week', () => {
    const at = (...extra: string[]) => {
      const { status, stdout } = run(
        ...['--scenario', 'brace', '--days', '14', '--age', '23', '--exercise', ...extra, '--json'],
      );
      expect(status).toBe(0);
      return JSON.parse(stdout);
    };
    const usual = at();
    const often = at('--exercise-sessions', '3.5');
    expect(usual.comparison.exerciseSessionsPerWeek).toBe(3);
    expect(often.changePctAtEnd).toBeGreaterThan(usual.changePctAtEnd);
    // Oates 2010: the quadriceps held (0.0 ± 1.5 %) over 14 days of bracing with exercise every other day
    expect(Math.abs(often.changePctAtEnd)).toBeLessThanOrEqual(1.5);
  });

  it('fits the patient’s measurements (CSV) and flags a non-responder', () => {
    const file = join(dir, 'm.csv');
    writeFileSync(file, 'day,kind,value,baseline\n7,circumference,48.6,50\n14,circumference,47.8,50\n');
    const out = jsonOutput(
      run(
        ...[
          '--scenario',
          'cast',
          '--days',
          '28',
          '--nmes',
          '2',
          '--measurements',
          file,
          '--sex',
          'male',
          '--json',
        ],
      ),
    );
    expect(out.patient.measurementsUsed).toBe(2);
    expect(out.patient.severity).toBeGreaterThan(1.5);
    expect(out.measurements[1].impliedChangePct).toBeLessThan(-9);
    expect(out.alerts.map((a: { kind: string }) => a.kind)).toContain('not-responding');
  });

  it('reads a JSON measurements file', () => {
    expect(parseMeasurements('[{"day":3,"kind":"csa","value":78,"baseline":80}]', 'x.json')).toEqual([
      { day: 3, kind: 'csa', value: 78, baseline: 80 },
    ]);
  });

  const errors: [string, string[], RegExp][] = [
    [
      'an unknown scenario',
      ['--scenario', 'holiday', '--days', '5'],
      /--scenario must be one of none, sedentary, cast, brace, bed-rest, icu, spaceflight/,
    ],
    [
      'an unknown muscle',
      ['--scenario', 'cast', '--days', '5', '--muscle', 'biceps'],
      /--muscle must be one of quadriceps/,
    ],
    ['negative days', ['--scenario', 'cast', '--days=-3'], /--days must be a whole number from 1 to 3650/],
    ['absurd days', ['--scenario', 'cast', '--days', '3651'], /--days must be a whole number from 1 to 3650/],
    ['missing days', ['--scenario', 'cast'], /--days is required/],
    [
      '--nmes-minutes without --nmes',
      ['--scenario', 'cast', '--days', '5', '--nmes-minutes', '30'],
      /--nmes-minutes needs --nmes/,
    ],
    [
      '--remobilise-at beyond --days',
      ['--scenario', 'cast', '--days', '10', '--remobilise-at', '14'],
      /--remobilise-at must be a whole number from 1 to 10/,
    ],
    [
      '--remobilise-at with scenario none',
      ['--scenario', 'none', '--days', '10', '--remobilise-at', '4'],
      /--remobilise-at needs a disuse scenario/,
    ],
    ['a bad sex', ['--scenario', 'cast', '--days', '5', '--sex', 'x'], /--sex must be one of male, female/],
    [
      '--exercise-sessions without --exercise',
      ['--scenario', 'cast', '--days', '5', '--exercise-sessions', '3'],
      /--exercise-sessions needs --exercise .*1–7 sessions a week, default 3/,
    ],
    [
      'too many exercise sessions',
      ['--scenario', 'cast', '--days', '5', '--exercise', '--exercise-sessions', '9'],
      /--exercise-sessions must be a number from 1 to 7 resistance training sessions a week/,
    ],
    [
      '--nmes-force without --nmes',
      ['--scenario', 'cast', '--days', '5', '--nmes-force', '40'],
      /--nmes-force needs --nmes/,
    ],
    [
      'an unknown exercise load',
      ['--scenario', 'cast', '--days', '5', '--exercise', '--exercise-load', 'heavy'],
      /--exercise-load must be one of high, moderate, low-to-failure, low/,
    ],
    [
      '--exercise-load without --exercise',
      ['--scenario', 'cast', '--days', '5', '--exercise-load', 'high'],
      /--exercise-load needs --exercise/,
    ],
    [
      'a missing measurements file',
      ['--scenario', 'cast', '--days', '5', '--measurements', '/nonexistent/m.csv'],
      /cannot read the file/,
    ],
  ];
  for (const [what, args, message] of errors) {
    it(`exits 2 on ${what}, saying what is allowed`, () => {
      const { status, stdout, stderr } = run(...args, '--json');
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
    });
  }

  it('exits 2 on a measurement outside the forecast', () => {
    const file = join(dir, 'late.csv');
    writeFileSync(file, 'day,kind,value,baseline\n20,csa,70,80\n');
    const { status, stderr } = run('--scenario', 'cast', '--days', '10', '--measurements', file, '--json');
    expect(status).toBe(2);
    expect(stderr).toMatch(/day must be a number from 0 to 10/);
  });

  it('exits 2 on a malformed measurements file, naming the format', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'day,kind,value\n3,csa,70\n');
    const { status, stderr } = run('--scenario', 'cast', '--days', '10', '--measurements', file, '--json');
    expect(status).toBe(2);
    expect(stderr).toMatch(/header lacks 'baseline'.*expected CSV/);
  });
});
