/**
 * Every enumerated command-line input (issue 14, W10): prototype keys (constructor, __proto__,
 * toString, …) and random strings given to each option that takes one of a fixed set — goals,
 * muscles, sides, causes, sexes, innervations, illness levels, scenarios, body sites, exercise
 * loads, optimisation goals and objectives, account roles, export formats — exit 2 with a message
 * naming the allowed values, and print nothing on stdout (no programme, account or export). Runs
 * the commands in-process through `main`.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test/cli.ts';
import { PROTOTYPE_KEYS, planArgs, runInProcess } from './cli-test-fixtures.ts';

const data = tempDir('enumerated-input');
const PASSWORD = 'a long enough secret';
const NO_SUCH_PATIENT = '00000000-0000-4000-8000-000000000000';

interface EnumeratedOption {
  command: string[];
  option: string;
  /** One allowed value: the refusal must name it. */
  allowedExample: string;
  /**
   * How the command ends with the allowed value: 0, or (export, whose record is not in the empty
   * test database) the exit code of a refusal that has nothing to do with the option.
   */
  validStatus?: number;
}

const options = (command: string[], pairs: string[][]): EnumeratedOption[] =>
  pairs.map(([option, allowedExample]) => ({
    command,
    option: option as string,
    allowedExample: allowedExample as string,
  }));

/** Each enumerated option, with the command's other arguments valid, and one allowed value to expect. */
const OPTIONS: EnumeratedOption[] = [
  ...options(planArgs('quadriceps'), [
    ['goal', 'reverse-atrophy'],
    ['muscle', 'quadriceps'],
    ['side', 'left'],
    ['cause', 'cast'],
    ['sex', 'female'],
    ['innervation', 'normal'],
    ['illness', 'none'],
    ['scenario', 'cast'],
  ]),
  ...options(
    ['forecast', '--scenario', 'cast', '--days', '14', '--exercise'],
    [
      ['scenario', 'cast'],
      ['muscle', 'quadriceps'],
      ['sex', 'female'],
      ['exercise-load', 'moderate'],
    ],
  ),
  ...options(
    ['icd', '--site', 'thigh', '--side', 'left'],
    [
      ['site', 'thigh'],
      ['side', 'left'],
    ],
  ),
  ...options(
    [
      'optimise',
      '--model',
      'hmed2018-fatigue',
      '--goal',
      'max-fti',
      '--max-fatigue',
      '30',
      '--contractions',
      '3',
      '--on-min',
      '6',
      '--on-max',
      '6',
      '--off-min',
      '18',
      '--off-max',
      '18',
      '--json',
    ],
    [
      ['goal', 'max-fti'],
      ['minimise', 'fatigue'],
    ],
  ),
  ...options(
    [
      'user',
      'add',
      '--email',
      'enum-admin@clinic.test',
      '--name',
      'Enum Admin',
      '--password',
      PASSWORD,
      '--data',
      data,
    ],
    [['role', 'clinician']],
  ),
  ...options(
    ['user', 'invite', '--email', 'enum-invite@clinic.test', '--name', 'Enum Invite', '--data', data],
    [['role', 'clinician']],
  ),
  {
    command: ['export', '--patient', NO_SUCH_PATIENT, '--data', data],
    option: 'format',
    allowedExample: 'fhir',
    validStatus: 2,
  },
];

/** The command line with `--option value` set (replacing the option's valid value where there is one). */
function withOption(command: string[], option: string, value: string): string[] {
  const flag = `--${option}`;
  const at = command.indexOf(flag);
  if (at >= 0) return [...command.slice(0, at), `${flag}=${value}`, ...command.slice(at + 2)];
  return [...command, `${flag}=${value}`];
}

describe('every enumerated command-line input', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(
    OPTIONS.map(
      (o) =>
        [
          `${o.command[0] === 'user' ? o.command.slice(0, 2).join(' ') : o.command[0]} --${o.option}`,
          o,
        ] as const,
    ),
  )(
    '%s: a prototype key or a random string exits 2 naming the allowed values',
    async (_name, o) => {
      const valid = await runInProcess(withOption(o.command, o.option, o.allowedExample));
      expect(valid.status, valid.stderr).toBe(o.validStatus ?? 0);
      if (o.validStatus !== undefined) expect(valid.stderr).not.toContain(`--${o.option}`);
      await fc.assert(
        fc.asyncProperty(
          fc
            .oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ minLength: 1, maxLength: 16 }))
            .filter(
              (v) => !valid.stderr.includes(v) && !/^-/.test(v) && v.trim() === v && v !== o.allowedExample,
            ),
          async (value) => {
            const r = await runInProcess(withOption(o.command, o.option, value));
            expect(r.status, `--${o.option}=${JSON.stringify(value)}: ${r.stderr}`).toBe(2);
            expect(r.stdout).toBe('');
            expect(r.stderr).toContain(`--${o.option}`);
            expect(r.stderr).toContain(o.allowedExample);
          },
        ),
        { numRuns: 12, examples: PROTOTYPE_KEYS.map((k) => [k]) },
      );
    },
    120_000,
  );
});
