import { describe, expect, it } from 'vitest';
import {
  DING2003_PERSON,
  FATIGUE_BLOCK,
  FATIGUE_PERSON,
  PUBLISHED_FATIGUE_MODEL,
} from '../../../test/identification-people.ts';
import { FORCE_MODELS, type ForceModel } from '../../physiology/force/model.ts';
import { buildProgrammeTrain } from '../../physiology/force/programme-train.ts';
import type { PulseTrain } from '../../physiology/force/pulse-train.ts';
import { simulateForce } from '../../physiology/force/simulate.ts';
import { syntheticForceRecording } from '../../physiology/identification/testdata/synthetic-recording.ts';
import { RECORDING_FIXTURE } from '../../recordings/testdata/fixture.ts';
import { command, fileWriter, jsonOutput, trainArgs } from '../cli-test-fixtures.ts';

const run = (...args: string[]) => {
  const [name = '', ...rest] = args;
  return command(name)(...rest);
};
const file = fileWriter('identify');

function recordingCsv(truth: ForceModel, train: PulseTrain, endS: number, rateHz: number, noiseN: number) {
  const { timesS, forceN } = syntheticForceRecording(truth, train, { endS, rateHz, noiseN, seed: 42 });
  return `t,force\n${timesS.map((t, i) => `${t},${forceN[i]}`).join('\n')}\n`;
}

const ding2003 = FORCE_MODELS.ding2003;
const truth = DING2003_PERSON;
const TRAIN_ARGS = ['--frequency', '30', '--on', '0.6', '--off', '0.4', '--repetitions', '1'];
const train = buildProgrammeTrain({ frequencyHz: 30, onS: 0.6, offS: 0.4, repetitions: 1 }, ding2003).train;
const recording = file('ding2003.csv', recordingCsv(truth, train, 1, 1000, 2));

/** `myotrophy identify` fitting Ding 2003 to the test recording, with any further arguments. */
const identifyDing = (...extra: string[]) =>
  run('identify', '--model', 'ding2003', '--recording', recording, ...TRAIN_ARGS, ...extra);

describe('myotrophy identify', () => {
  it('fits Ding 2003 to a recording, and the model drops straight into simulate --parameters', () => {
    const identified = identifyDing('--json');
    const out = jsonOutput(identified);
    expect(out.fitted).toBe('force');
    expect(out.converged).toBe(true);
    expect(Object.keys(out.parameters)).toEqual(['forceScalingNPerS', 'tau1S', 'tau2S', 'km']);
    expect(out.parameters.forceScalingNPerS.unit).toBe('N/s');
    expect(out.parameters.tau1S.symbol).toBe('τ1');
    const expected: Record<string, number> = {
      forceScalingNPerS: truth.base.forceScalingNPerS,
      tau1S: truth.base.tau1S,
      tau2S: truth.base.tau2S,
      km: truth.base.km,
    };
    for (const [name, value] of Object.entries(expected)) {
      const fitted = out.parameters[name].value;
      expect(Math.abs(fitted - value), name).toBeLessThan(3 * out.standardErrors[name]);
      expect(Math.abs(fitted / value - 1), name).toBeLessThan(0.02);
    }
    // Noise of SD 2 N through the default 100 Hz zero-phase low-pass at 1 kHz: 2·√(90/500) = 0.85 N.
    expect(out.residual.rmsN).toBeGreaterThan(0.75);
    expect(out.residual.rmsN).toBeLessThan(0.95);
    expect(out.recording.processing.cutoffHz).toBe(100);
    expect(out.recording.pulsesFrom).toBe('programme');
    expect(out.residual.relativeToPeak).toBeGreaterThan(0);
    expect(out.iterations).toBeGreaterThan(0);
    expect(out.correlations.parameters).toHaveLength(4);
    expect(out.model.id).toBe('ding2003-identified');

    const parameters = file('identified.json', identified.stdout);
    const simulated = JSON.parse(run('simulate', '--parameters', parameters, ...TRAIN_ARGS, '--json').stdout);
    const truthPeak = simulateForce(truth, train, { endS: 1 }).peakForceN;
    expect(simulated.model).toBe('ding2003-identified');
    expect(Math.abs(simulated.peakForceN / truthPeak - 1)).toBeLessThan(0.005);
  });

  it('identifies the fatigue coefficients with the base held, and says so', () => {
    const person = FATIGUE_PERSON.fatigue as NonNullable<ForceModel['fatigue']>;
    const path = file('fatigue.csv', recordingCsv(FATIGUE_PERSON, FATIGUE_BLOCK.train, 60, 200, 1));
    /** `identify --fatigue` on this recording, with any further arguments. */
    const identifyFatigue = (...extra: string[]) =>
      run(
        'identify',
        ...trainArgs('ding2003-fatigue', '30', '30'),
        '--recording',
        path,
        '--fatigue',
        ...extra,
        '--json',
      );
    const out = jsonOutput(identifyFatigue());
    expect(out.fitted).toBe('fatigue');
    expect(out.held).toMatch(/base parameters .* held at the given model/);
    expect(Object.keys(out.parameters)).toEqual([
      'alphaAPerS2',
      'alphaTau1PerN',
      'alphaKmPerSN',
      'tauFatigueS',
    ]);
    expect(out.model.base).toEqual(PUBLISHED_FATIGUE_MODEL.base);
    const fitted = out.model.fatigue;
    expect(Math.abs(fitted.alphaAPerS2 / person.alphaAPerS2 - 1)).toBeLessThan(0.02);
    expect(Math.abs(fitted.tauFatigueS / person.tauFatigueS - 1)).toBeLessThan(0.02);
    expect(out.notes.join(' ')).toMatch(/recovery is not observed/);

    // --refit-base fits the base jointly from the same recording.
    const joint = JSON.parse(identifyFatigue('--refit-base', '--hold', 'tau2S').stdout);
    expect(joint.held).toBe('base parameters fitted jointly with αA, ατ1, αKm, τfat; held: tau2S');
    expect(Object.keys(joint.parameters)).toEqual([
      'forceScalingNPerS',
      'tau1S',
      'km',
      'alphaAPerS2',
      'alphaTau1PerN',
      'alphaKmPerSN',
      'tauFatigueS',
    ]);
    expect(joint.converged).toBe(true);
  });

  it('holds parameters named with --hold', () => {
    const out = JSON.parse(identifyDing('--hold', 'km', '--json').stdout);
    expect(Object.keys(out.parameters)).toEqual(['forceScalingNPerS', 'tau1S', 'tau2S']);
    expect(out.model.base.km).toBe(0.103);
    expect(out.notes[0]).toMatch(/Held at the start model's values on request: Km/);
  });

  it('prints readable text without --json', () => {
    const { status, stdout } = identifyDing();
    expect(status).toBe(0);
    expect(stdout).toMatch(/force parameters of ding2003 fitted to 1000 samples/);
    expect(stdout).toMatch(/ {2}A +\d+\.\d+ N\/s/);
    expect(stdout).toMatch(/residual: RMS \d/);
  });

  it('exits 2 with a clear message for bad recordings and options', () => {
    const cases: [string[], RegExp][] = [
      [
        ['--recording', file('bad.csv', 't,force\n0.1,5\n0.2,abc\n')],
        /bad.csv: line 3, column 'force': expected a number, got 'abc'/,
      ],
      [
        ['--recording', file('cols.csv', 'when,force\n0.1,5\n')],
        /cols.csv: line 1: no time column among 'when', 'force'; expected a heading such as 'time \(s\)'/,
      ],
      [
        ['--recording', file('semicolons.csv', 't force\n0.1 5\n')],
        /no row of the file splits into two or more numbers at a comma, semicolon, tab or bar/,
      ],
      [
        [
          '--recording',
          file(
            'few.csv',
            `t,force\n${Array.from({ length: 10 }, (_, i) => `${(i + 1) / 100},${i}`).join('\n')}\n`,
          ),
        ],
        /zero-phase filtering needs more than 15 samples/,
      ],
      [
        [
          '--recording',
          file(
            'few.csv',
            `t,force\n${Array.from({ length: 10 }, (_, i) => `${(i + 1) / 100},${i}`).join('\n')}\n`,
          ),
          '--cutoff',
          'off',
        ],
        /the recording has 10 samples; fitting 4 parameters needs at least 20/,
      ],
      [
        [
          '--recording',
          file(
            'order.csv',
            `t,force\n${Array.from({ length: 30 }, (_, i) => `${i === 5 ? 0.001 : (i + 1) / 100},${i}`).join('\n')}\n`,
          ),
        ],
        /order.csv: line 7: time 0.001 s does not follow 0.05 s; times must increase strictly/,
      ],
      [
        [
          '--recording',
          file(
            'late.csv',
            `t,force\n${Array.from({ length: 30 }, (_, i) => `${5 + i / 100},${i}`).join('\n')}\n`,
          ),
        ],
        /does not overlap the pulse train/,
      ],
      [
        ['--recording', recording, '--trigger', 'trig'],
        /--trigger gives the pulse times; do not combine it with --frequency/,
      ],
      [['--recording', recording, '--format', 'xlsx'], /--format must be one of csv, sto, c3d; got 'xlsx'/],
      [['--recording', `${recording}.absent`], /cannot read the file/],
      [
        ['--recording', recording, '--hold', 'tau9'],
        /--hold: 'tau9' is not fitted here; choose from forceScalingNPerS, tau1S, tau2S, km/,
      ],
      [['--recording', recording, '--refit-base'], /--refit-base goes with --fatigue/],
      [[], /--recording FILE is required/],
    ];
    for (const [args, message] of cases) {
      const { status, stderr, stdout } = run(
        'identify',
        '--model',
        'ding2003',
        ...TRAIN_ARGS,
        ...args,
        '--json',
      );
      expect(status, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
    }
  });
});

describe('myotrophy identify on the committed sample recordings', () => {
  const truthBase = RECORDING_FIXTURE.truth.base;
  for (const [name, format] of [
    ['ding2003-person.csv', 'csv'],
    ['ding2003-person.sto', 'sto'],
    ['ding2003-person-int.c3d', 'c3d'],
    ['ding2003-person-float.c3d', 'c3d'],
  ] as const) {
    it(`identifies the person from ${name} with the pulses from its trigger channel`, () => {
      const out = jsonOutput(
        run(
          'identify',
          '--model',
          'ding2003',
          '--recording',
          `examples/recordings/${name}`,
          '--format',
          format,
          '--trigger',
          'trigger',
          '--json',
        ),
      );
      expect(out.recording.format).toBe(format);
      expect(out.recording.pulsesFrom).toBe('trigger');
      expect(out.pulses).toBe(18);
      expect(out.undetermined).toEqual([]);
      for (const [key, value] of Object.entries(truthBase)) {
        if (!(key in out.parameters)) continue;
        expect(Math.abs(out.parameters[key].value / value - 1), `${name} ${key}`).toBeLessThan(0.03);
      }
    });
  }

  it('says which channels exist when the trigger channel is wrong, and when the trigger is missing', () => {
    const wrong = run(
      'identify',
      '--model',
      'ding2003',
      '--recording',
      'examples/recordings/ding2003-person.sto',
      '--trigger',
      'stim',
    );
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(
      /the recording has no channel 'stim' for the trigger; its channels are: 'force', 'trigger'/,
    );
    const flat = file(
      'flat-trigger.csv',
      `t,force,trigger\n${Array.from({ length: 100 }, (_, i) => `${i / 100},${i},0`).join('\n')}\n`,
    );
    const missing = run('identify', '--model', 'ding2003', '--recording', flat, '--trigger', 'trigger');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing trigger: channel 'trigger' is flat \(0 throughout\)/);
  });
});
