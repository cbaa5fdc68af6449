/**
 * Fixtures the command-line tests share (src/cli/*.test.ts, src/cli/commands/*.test.ts): running a
 * command in a child process or in-process, answer files in a temporary folder, the prototype keys
 * every enumerated option is fed, and the argument lists several tests start from. Test support
 * only: no command imports it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { myotrophy, tempDir } from '../../test/cli.ts';
import { SCREENING_KEYS } from '../clinic/screening/contraindications.ts';
import { main } from './main.ts';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A runner for one command in a child process: `command('plan')('--goal', …)`. */
export function command(name: string): (...args: string[]) => CliResult {
  return (...args) => {
    const { status, stdout, stderr } = myotrophy([name, ...args]);
    return { status, stdout, stderr };
  };
}

/**
 * The JSON document a `--json` run printed, after checking the run succeeded: exit code 0, nothing
 * on stderr, and exactly one document on one line on stdout (the command-line contract).
 */
export function jsonOutput(result: CliResult) {
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(result.stdout);
}

/** Runs `myotrophy ARGV` in this process through `main`, capturing what it writes. */
export async function runInProcess(argv: string[]): Promise<CliResult> {
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
    return { status: await main(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** A writer of input files into a fresh temporary folder: JSON for objects, text as given. */
export function fileWriter(prefix: string): (name: string, content: unknown) => string {
  const dir = tempDir(prefix);
  return (name, content) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
}

export { PROTOTYPE_KEYS } from '../../test/prototype-keys.ts';

/** Screening answers with every question answered "no". */
export const ALL_NO_SCREENING: Readonly<Record<string, boolean>> = Object.freeze(
  Object.fromEntries(SCREENING_KEYS.map((k) => [k, false])),
);

/** A `plan` command line for a left calf or quadriceps reverse-atrophy programme, without the preview. */
export function planArgs(muscle: 'triceps-surae' | 'quadriceps'): string[] {
  return ['plan', '--goal', 'reverse-atrophy', '--muscle', muscle, '--side', 'left', '--no-preview'];
}

/** A model and a stimulation train: `--model M --frequency F --on S --off S --repetitions N`. */
export function trainArgs(
  model: string,
  frequencyHz: string,
  repetitions: string,
  onS = '1',
  offS = '1',
): string[] {
  return [
    '--model',
    model,
    '--frequency',
    frequencyHz,
    '--on',
    onS,
    '--off',
    offS,
    '--repetitions',
    repetitions,
  ];
}
