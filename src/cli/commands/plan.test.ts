import { describe, expect, it } from 'vitest';
import { SCREENING_KEYS } from '../../clinic/screening/contraindications.ts';
import { FORCE_MODELS } from '../../physiology/force/model.ts';
import { ALL_NO_SCREENING as allNo, command, fileWriter, jsonOutput } from '../cli-test-fixtures.ts';

const file = fileWriter('plan');
const run = command('plan');

describe('myotrophy plan', () => {
  it('prints a draft programme with its pulse width set from chronaxie, and its preview', () => {
    const screening = file('clear.json', allNo);
    const { status, stdout } = run(
      '--goal',
      'reverse-atrophy',
      '--muscle',
      'triceps-surae',
      '--side',
      'left',
      '--chronaxie',
      '0.35',
      '--screening',
      screening,
      '--age',
      '70',
      '--sex',
      'female',
      '--json',
    );
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.status).toBe('draft');
    expect(out.approval.required).toBe(true);
    expect(out.diagnosis.codes[0]).toMatchObject({ code: 'M62.562', billable: true });
    expect(out.stimulation.pulseWidth).toMatchObject({ phaseWidthUs: 350, basis: 'chronaxie' });
    expect(out.safety.ok).toBe(true);
    expect(out.safety.rmsCurrentMa).toBeCloseTo(100 * Math.sqrt(2 * 350 * 45e-6), 9);
    expect(out.screening.verdict).toBe('clear');
    expect(out.exercise.region).toBe('lower-leg');
    expect(out.protein.minGPerKgPerDay).toBe(1.2);
    // 25 min of 6 s on / 24 s off: reverse-atrophy starts at 1:4 for deconditioned muscle.
    expect(out.preview.session.contractions).toBe(50);
    expect(out.preview.session.fatigueWords).toMatch(/^force at the end is \d+ % of the start/);
    expect(out.preview.trajectory.muscle).toBe('calf');
  }, 30_000);

  it('exits non-zero on a contraindication, naming it and its source', () => {
    const screening = file('pacemaker.json', { ...allNo, demandPacemaker: true });
    const { status, stdout, stderr } = run(
      '--goal',
      'strengthen',
      '--muscle',
      'quadriceps',
      '--side',
      'right',
      '--screening',
      screening,
      '--json',
    );
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/programme refused: contraindication 'demandPacemaker'/);
    expect(stderr).toMatch(/source: FDA Guidance for Powered Muscle Stimulator/);
  });

  it('refuses lumbar stimulation in pregnancy', () => {
    const screening = file('pregnant.json', { pregnant: true });
    const { status, stderr } = run(
      '--goal',
      'strengthen',
      '--muscle',
      'lumbar-paraspinals',
      '--side',
      'left',
      '--screening',
      screening,
      '--json',
    );
    expect(status).toBe(2);
    expect(stderr).toMatch(/contraindication 'pregnant'.*Compex/);
  });

  it('exits 2 naming the allowed keys for an unknown key or a non-boolean answer', () => {
    const withAnswers = (screening: string) =>
      run(
        '--goal',
        'strengthen',
        '--muscle',
        'quadriceps',
        '--side',
        'left',
        '--screening',
        screening,
        '--json',
      );
    const unknown = withAnswers(file('unknown.json', { pacemaker: true }));
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(
      /unknown screening key 'pacemaker'; allowed keys \(each true or false\): demandPacemaker, implantedStimulator/,
    );
    const notBool = withAnswers(file('yes.json', { pregnant: 'yes' }));
    expect(notBool.status).toBe(2);
    expect(notBool.stderr).toMatch(/'pregnant' must be true or false; got "yes".*allowed keys/);
    const notJson = withAnswers(file('bad.json', '{nope'));
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toMatch(/not valid JSON.*demandPacemaker/);
  });

  it('plans denervated muscle with long pulses and refuses what the energy limit cannot reach', () => {
    const ok = run(
      '--goal',
      'denervated-maintenance',
      '--muscle',
      'tibialis-anterior',
      '--side',
      'left',
      '--chronaxie',
      '30',
      '--rheobase',
      '14',
      '--no-preview',
      '--json',
    );
    expect(ok.status).toBe(0);
    const out = JSON.parse(ok.stdout);
    expect(out.stimulation.kind).toBe('denervated-rectangular');
    expect(out.stimulation.pulseWidth.phaseWidthUs).toBe(30_000);
    expect(out.preview).toBeNull();
    const refused = run(
      '--goal',
      'denervated-maintenance',
      '--muscle',
      'quadriceps',
      '--side',
      'left',
      '--chronaxie',
      '40',
      '--rheobase',
      '60',
      '--json',
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/threshold-above-limit.*120\.0 mA.*86\.6 mA/);
  });

  it('documents every screening key in its help, and rejects bad options', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const key of SCREENING_KEYS) expect(help.stdout).toContain(`${key}: `);
    const badGoal = run('--goal', 'bulk', '--muscle', 'quadriceps', '--side', 'left', '--json');
    expect(badGoal.status).toBe(2);
    expect(badGoal.stderr).toMatch(
      /--goal must be one of prevent-disuse-atrophy, reverse-atrophy, strengthen, denervated-maintenance/,
    );
    expect(run('--goal', 'strengthen', '--muscle', 'quadriceps', '--json').stderr).toMatch(
      /--side is required/,
    );
  });
});

describe('myotrophy plan --identified FILE --mvc N', () => {
  const base = [
    '--goal',
    'reverse-atrophy',
    '--muscle',
    'quadriceps',
    '--side',
    'left',
    '--cause',
    'cast',
    '--no-preview',
  ];
  it('doses the current by evoked force with an identified intensity model', () => {
    const screening = file('clear-dose.json', allNo);
    const identified = file('identified-hmed.json', { model: FORCE_MODELS['hmed2018-fatigue'] });
    const out = jsonOutput(
      run(...base, '--screening', screening, '--identified', identified, '--mvc', '500', '--json'),
    );
    expect(out.forceDose).toMatchObject({
      status: 'dosed',
      basis: 'intensity',
      model: 'hmed2018-fatigue',
      mvcN: 500,
      targetPercentMvc: 50,
      targetN: 250,
    });
    expect(out.forceDose.predicted.firstContractionN).toBeGreaterThanOrEqual(250 * 0.998);
    expect(out.forceDose.intensityMa).toBeLessThanOrEqual(out.stimulation.levels[0].blocks[1].maxIntensityMa);
    expect(out.stimulation.levels[0].blocks[1].intensityTarget).toMatch(
      new RegExp(`^start at ${out.forceDose.intensityMa} mA`),
    );
    expect(out.stimulation.levels[0].evokedForceTarget.minForceN).toBe(250);
    expect(out.safety.ok).toBe(true);
    const text = run(...base, '--screening', screening, '--identified', identified, '--mvc', '500');
    expect(text.stdout).toMatch(
      /dose by evoked force \(hmed2018-fatigue, MVC 500 N\): \d+ mA at 35 Hz, 6 s on \/ 24 s off — dosed/,
    );
    expect(text.stdout).toMatch(/predicted force per contraction \(N\): (\d+ ){10}/);
  });

  it('says what is missing or wrong', () => {
    const screening = file('clear-dose2.json', allNo);
    const ding = file('identified-ding.json', { model: FORCE_MODELS.ding2003 });
    const cases: [string[], RegExp][] = [
      [['--identified', ding], /--identified needs --mvc N/],
      [
        ['--identified', ding, '--mvc', '500'],
        /model ding2003 predicts the same force at every current and pulse width/,
      ],
      [
        ['--identified', file('bad.json', '{'), '--mvc', '500'],
        /not valid JSON; expected the output of `myotrophy identify --json`/,
      ],
      [['--mvc', '0'], /--mvc/],
    ];
    for (const [args, message] of cases) {
      const { status, stderr } = run(...base, '--screening', screening, ...args);
      expect(status, args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
    }
  });
});
