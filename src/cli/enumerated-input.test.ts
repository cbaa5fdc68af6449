/**
 * Every enumerated command-line input (issue 14, W10): prototype keys (constructor, __proto__,
 * toString, …) and random strings given to each option that takes one of a fixed set — goals,
 * muscles, sides, causes, sexes, innervations, illness levels, scenarios, body sites, exercise
 * loads, optimisation goals — exit 2 with a message naming the allowed values, and print nothing on
 * stdout (no programme). Runs the commands in-process through `main`.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.ts';

const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];

/** Each enumerated option, with the command's other arguments valid, and one allowed value to expect. */
const OPTIONS: { command: string[]; option: string; allowedExample: string }[] = [
  ...['goal', 'muscle', 'side'].map((option) => ({
    command: [
      'plan',
      '--goal',
      'reverse-atrophy',
      '--muscle',
      'quadriceps',
      '--side',
      'left',
      '--no-preview',
    ],
    option,
    allowedExample: { goal: 'reverse-atrophy', muscle: 'quadriceps', side: 'left' }[option] as string,
  })),
  ...[
    ['cause', 'cast'],
    ['sex', 'female'],
    ['innervation', 'normal'],
    ['illness', 'none'],
    ['scenario', 'cast'],
  ].map(([option, allowedExample]) => ({
    command: [
      'plan',
      '--goal',
      'reverse-atrophy',
      '--muscle',
      'quadriceps',
      '--side',
      'left',
      '--no-preview',
    ],
    option: option as string,
    allowedExample: allowedExample as string,
  })),
  ...[
    ['scenario', 'cast'],
    ['muscle', 'quadriceps'],
    ['sex', 'female'],
    ['exercise-load', 'moderate'],
  ].map(([option, allowedExample]) => ({
    command: ['forecast', '--scenario', 'cast', '--days', '14', '--exercise'],
    option: option as string,
    allowedExample: allowedExample as string,
  })),
  ...[
    ['site', 'thigh'],
    ['side', 'left'],
  ].map(([option, allowedExample]) => ({
    command: ['icd', '--site', 'thigh', '--side', 'left'],
    option: option as string,
    allowedExample: allowedExample as string,
  })),
];

/** The command line with `--option value` set (replacing the option's valid value where there is one). */
function withOption(command: string[], option: string, value: string): string[] {
  const flag = `--${option}`;
  const at = command.indexOf(flag);
  if (at >= 0) return [...command.slice(0, at), `${flag}=${value}`, ...command.slice(at + 2)];
  return [...command, `${flag}=${value}`];
}

async function run(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const status = await main(argv);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('every enumerated command-line input', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(OPTIONS.map((o) => [`${o.command[0]} --${o.option}`, o] as const))(
    '%s: a prototype key or a random string exits 2 naming the allowed values',
    async (_name, o) => {
      const valid = await run(withOption(o.command, o.option, o.allowedExample));
      expect(valid.status, valid.stderr).toBe(0);
      await fc.assert(
        fc.asyncProperty(
          fc
            .oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ minLength: 1, maxLength: 16 }))
            .filter(
              (v) => !valid.stderr.includes(v) && !/^-/.test(v) && v.trim() === v && v !== o.allowedExample,
            ),
          async (value) => {
            const r = await run(withOption(o.command, o.option, value));
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
