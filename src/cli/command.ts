import type { ParseArgsConfig } from 'node:util';

export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** What a command returns: one JSON document for `--json`, and the text a person reads otherwise. */
export interface CommandOutput {
  json: unknown;
  text: string;
  /** Exit code when the command ran but its outcome is a failure (e.g. a stimulation stopped by a fault); 0 if absent. */
  exitCode?: number;
}

export interface Command {
  name: string;
  summary: string;
  /** One usage line per form, without the leading `myotrophy`. */
  usage: string[];
  options: CommandOptions;
  /** Positional arguments allowed (default 0). */
  maxPositionals?: number;
  run(values: OptionValues, positionals: string[]): Promise<CommandOutput> | CommandOutput;
}

/**
 * A command's option declarations: `valued` options take a value (`--days 30`), `flags` stand alone
 * (`--exercise`). Every value is read as text; the command checks it itself (./options.ts).
 */
export function declareOptions(valued: readonly string[], flags: readonly string[] = []): CommandOptions {
  return Object.fromEntries([
    ...valued.map((name) => [name, { type: 'string' }] as const),
    ...flags.map((name) => [name, { type: 'boolean' }] as const),
  ]);
}
