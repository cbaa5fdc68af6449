/**
 * The CLI door of the safety gate (issue 14): `myotrophy plan` prints the gate's blockers on every
 * draft, and with --require-approvable refuses (exit 2) a draft that could not be approved as given,
 * listing every blocker. The blockers a command-line plan can meet are each exercised; the others
 * cannot arise from the command's inputs, for the reason given (src/api/safety-doors.test.ts covers
 * them at the HTTP, Today, session, FHIR and device doors).
 */
import { describe, expect, it } from 'vitest';
import { myotrophy } from '../../../test/cli.ts';
import { BLOCKER_CODES, type BlockerCode } from '../../clinic/safety/programme-gate.ts';
import { ALL_NO_SCREENING, fileWriter, planArgs } from '../cli-test-fixtures.ts';

const file = fileWriter('plan-gate');
const allNo = ALL_NO_SCREENING;
const base = planArgs('triceps-surae');

const NOT_AT_THE_CLI: Partial<Record<BlockerCode, string>> = {
  'screening-malformed': 'the command refuses a malformed answers file before planning (exit 2)',
  'screening-site-not-covered': 'the command screens exactly the sites it plans',
  'caution-cap-missing': 'the planner applies every caution cap it screens',
  'screening-older-than-condition': 'the command has no dated record: screening and code are given now',
  'screening-expired': 'the command has no dated record: the screening is given now',
  'record-malformed': 'the command builds the record itself',
  'programme-malformed': 'the planner only emits whole programmes',
  'output-limit': 'the planner only emits programmes within the limits (plan.test.ts property)',
  'not-device-settable': 'the planner only emits device steps (plan.test.ts property)',
  'immobilised-joint-moved':
    'the command records no cast or brace: the planner removes the moves of every joint it is told is held',
};

const CASES: Partial<Record<BlockerCode, { args: string[]; stderr: RegExp }>> = {
  'screening-missing': {
    args: ['--code', 'M62.562'],
    stderr: /\[screening-missing\] No contraindication screening/,
  },
  'screening-unanswered': {
    args: ['--code', 'M62.562', '--screening', file('unanswered.json', { ...allNo, epilepsy: undefined })],
    stderr: /\[screening-unanswered\] Screening question not answered: "[^"]*seizure|epilep/i,
  },
  contraindicated: {
    args: ['--code', 'M62.562', '--screening', file('pacemaker.json', { ...allNo, demandPacemaker: true })],
    stderr: /pacemaker/i,
  },
  'red-flag-open': {
    args: [
      '--code',
      'M62.562',
      '--screening',
      file('clear.json', allNo),
      '--red-flags',
      file('flag.json', { symmetricWeaknessProgressingOverDays: true }),
    ],
    stderr: /red-flag 'symmetricWeaknessProgressingOverDays': refer immediately/,
  },
  'no-coded-diagnosis': {
    args: ['--screening', file('clear-2.json', allNo)],
    stderr: /\[no-coded-diagnosis\] No coded diagnosis/,
  },
};

describe('myotrophy plan: the safety gate', () => {
  it('prints "approvable as given" for a screened, coded, flag-free plan, and exits 0 even when required', () => {
    const r = myotrophy([
      ...base,
      '--code',
      'M62.562',
      '--screening',
      file('ok.json', allNo),
      '--require-approvable',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('safety gate: approvable as given');
    const json = myotrophy([...base, '--code', 'M62.562', '--screening', file('ok.json', allNo), '--json']);
    expect(JSON.parse(json.stdout).gate).toMatchObject({ allowed: true, blockers: [] });
  }, 180_000);

  it('prints every blocker on a draft that could not be approved as given, and still prints the draft', () => {
    const r = myotrophy([...base]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/safety gate: NOT approvable as given — 2 blockers:/);
    expect(r.stdout).toContain('[screening-missing]');
    expect(r.stdout).toContain('[no-coded-diagnosis]');
    const json = JSON.parse(myotrophy([...base, '--json']).stdout);
    expect(json.gate.allowed).toBe(false);
    expect(json.gate.blockers.map((b: { code: string }) => b.code)).toEqual([
      'screening-missing',
      'no-coded-diagnosis',
    ]);
  }, 180_000);

  it.each(Object.entries(CASES))(
    '%s: refused (exit 2), naming it',
    (_code, c) => {
      const r = myotrophy([...base, ...c.args, '--require-approvable']);
      expect(r.status, r.stdout).toBe(2);
      expect(r.stderr).toMatch(c.stderr);
      expect(r.stdout).toBe('');
    },
    180_000,
  );

  it('every blocker is exercised here or says why it cannot arise at the command line', () => {
    for (const code of BLOCKER_CODES) {
      expect(Boolean(CASES[code]) !== Boolean(NOT_AT_THE_CLI[code]), code).toBe(true);
    }
  });
});
