import { parseArgs } from 'node:util';
import { InvalidInputError } from '../shared/invalid-input.ts';
import type { Command } from './command.ts';
import { UsageError } from './options.ts';
import { commandLoaders } from './registry.ts';

function overview(): string {
  const names = Object.keys(commandLoaders).sort();
  return `usage: myotrophy <command> [options] [--json]\ncommands: ${names.join(', ')}\n'myotrophy <command> --help' shows a command's options.`;
}

function commandHelp(command: Command): string {
  const lines = [`${command.summary}`, ...command.usage.map((u) => `usage: myotrophy ${u}`), 'options:'];
  for (const [name, spec] of Object.entries(command.options)) {
    lines.push(`  --${name}${spec.type === 'string' ? ' VALUE' : ''}`);
  }
  return lines.join('\n');
}

/**
 * `--days -3` would read as a stray option; a value option followed by something that looks like
 * a negative number takes it as its value, so the command can say what range is allowed.
 */
function joinNegativeValues(args: string[], command: Command): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name && command.options[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Runs one command line; returns the process exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${overview()}\n`);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(commandLoaders, name) ? commandLoaders[name] : undefined;
  if (!load) {
    process.stderr.write(`myotrophy: unknown command '${name}'\n${overview()}\n`);
    return 2;
  }
  const command = await load();
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: joinNegativeValues(rest, command),
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    values = parsed.values;
    positionals = parsed.positionals;
    if (positionals.length > (command.maxPositionals ?? 0)) {
      throw new UsageError(`unexpected argument '${positionals[command.maxPositionals ?? 0]}'`);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify.*$/s, '') : String(error);
    process.stderr.write(`myotrophy ${name}: ${message}\n${commandHelp(command)}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${commandHelp(command)}\n`);
    return 0;
  }
  try {
    const output = await command.run(values as never, positionals);
    process.stdout.write(values.json ? `${JSON.stringify(output.json)}\n` : `${output.text}\n`);
    return output.exitCode ?? 0;
  } catch (error) {
    if (error instanceof InvalidInputError) {
      process.stderr.write(`myotrophy ${name}: ${error.message}\n`);
      if (error instanceof UsageError)
        process.stderr.write(`${command.usage.map((u) => `usage: myotrophy ${u}`).join('\n')}\n`);
      return 2;
    }
    process.stderr.write(
      `myotrophy ${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
