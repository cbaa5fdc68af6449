import { describe, expect, it } from 'vitest';
import { command, jsonOutput } from '../cli-test-fixtures.ts';
import { parsePoints } from './sd-fit.ts';

const run = command('sd-fit');

/** A Weiss curve with rheobase b (mA) and chronaxie c (ms), as the --points string. */
const curve = (b: number, c: number, widths = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300]) =>
  widths.map((d) => `${d}:${b * (1 + c / d)}`).join(',');

describe('myotrophy sd-fit', () => {
  it('fits a normal nerve curve and prints one JSON document', () => {
    const out = jsonOutput(run('--points', curve(6, 0.3), '--json'));
    expect(out.model).toBe('weiss');
    expect(Math.abs(out.rheobaseMa / 6 - 1)).toBeLessThan(1e-6);
    expect(Math.abs(out.chronaxieMs / 0.3 - 1)).toBeLessThan(1e-6);
    expect(out.innervation).toBe('normal');
    expect(out.innervationBasis).toBe('chronaxie-band');
    expect(out.goodnessOfFit.rmsRelativeResidual).toBeLessThan(1e-9);
    expect(Object.keys(out.fits)).toEqual(['weiss', 'lapicque']);
    expect(out.fits.lapicque.model).toBe('lapicque');
    expect(out.fits.lapicque.timeConstantMs).toBeCloseTo(out.fits.lapicque.chronaxieMs / Math.LN2, 12);
    expect(out.fits.weiss.relativeResiduals).toHaveLength(10);
    expect(out.kink.detected).toBe(false);
    expect(out.evidence.bands.map((b: { status: string }) => b.status)).toEqual([
      'implied by sources',
      'UNCONFIRMED',
      'UNCONFIRMED',
    ]);
    expect(out.evidence.bands[2].toMs).toBeNull();
    expect(out.evidence.notes.join(' ')).toMatch(/UNCONFIRMED/);
  });

  it('classifies partial and complete denervation', () => {
    const partial = JSON.parse(run('--points', curve(5, 4), '--json').stdout);
    expect(partial.innervation).toBe('partial-denervation');
    expect(partial.chronaxieMs).toBeCloseTo(4, 6);
    const complete = JSON.parse(run('--points', curve(3, 40, [1, 3, 10, 30, 100, 300]), '--json').stdout);
    expect(complete.innervation).toBe('complete-denervation');
    expect(complete.chronaxieMs).toBeCloseTo(40, 5);
  });

  it('reports a partial-denervation kink', () => {
    const widths = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300];
    const points = widths.map((d) => `${d}:${Math.min(8 * (1 + 0.3 / d), 4 * (1 + 20 / d))}`).join(',');
    const out = JSON.parse(run('--points', points, '--json').stdout);
    expect(out.kink.detected).toBe(true);
    expect(out.innervation).toBe('partial-denervation');
    expect(out.innervationBasis).toBe('kink');
    expect(out.kink.breakWidthMs).toBeCloseTo(19.4, 6);
  });

  it('prints readable text without --json', () => {
    const { status, stdout } = run('--points', curve(6, 0.3));
    expect(status).toBe(0);
    expect(stdout).toMatch(/^rheobase 6\.000 mA, chronaxie 0\.3000 ms \(weiss\)/);
    expect(stdout).toMatch(/innervation: normal \(from the chronaxie band\)/);
    expect(stdout).toMatch(/UNCONFIRMED/);
  });

  it('exits 2 with the expected format for malformed --points', () => {
    for (const bad of [
      '0.1-24,1:7,10:6',
      '0.1:24,,10:6',
      '0.1:24:3,1:7,10:6',
      'a:b',
      '0.1:24,1:7x,10:6',
      '',
    ]) {
      const { status, stdout, stderr } = run('--points', bad, '--json');
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/WIDTH_MS:THRESHOLD_MA/);
    }
    const { stderr } = run('--points', '0.1:24,1-7,10:6', '--json');
    expect(stderr).toMatch(/--points item 2 '1-7' is not WIDTH_MS:THRESHOLD_MA; expected comma-separated/);
  });

  it('exits 2 when --points is missing', () => {
    const { status, stderr } = run('--json');
    expect(status).toBe(2);
    expect(stderr).toMatch(/--points is required/);
  });

  it('exits 2 with the physiology message for curves it cannot fit', () => {
    const cases: [string, RegExp][] = [
      ['0.1:24,1:7.8', /3 or more distinct pulse widths; got 2/],
      ['0.1:24,1:0,10:6', /point 2: threshold must be a finite number > 0 mA; got 0/],
      ['-0.1:24,1:7,10:6', /point 1: pulse width must be a finite number > 0 ms; got -0.1/],
      ['0.1:5,1:7,10:8', /must not fall as pulses get shorter/],
    ];
    for (const [points, message] of cases) {
      // The = form lets a value start with '-'.
      const { status, stdout, stderr } = run(`--points=${points}`, '--json');
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
    }
  });
});

describe('parsePoints', () => {
  it('reads numbers with spaces, decimals and exponents', () => {
    expect(parsePoints(' 0.1 : 24 , 1e0:7.5,.3:12')).toEqual([
      { widthMs: 0.1, thresholdMa: 24 },
      { widthMs: 1, thresholdMa: 7.5 },
      { widthMs: 0.3, thresholdMa: 12 },
    ]);
  });
  it('rejects hex, Infinity and empty parts', () => {
    for (const bad of ['0x1:5', 'Infinity:5', ':5', '1:'])
      expect(() => parsePoints(bad)).toThrow(/WIDTH_MS:THRESHOLD_MA/);
  });
});
