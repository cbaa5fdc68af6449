/**
 * A protocol's table of commands, read both ways: the code of a message's command when encoding, the
 * command of a received code when decoding, and the groups of commands a codec treats alike.
 */
import { ProtocolError } from './protocol-error.ts';

/** The refusal of a message whose command the protocol does not have. */
function unknownCommand(protocol: string, command: unknown): ProtocolError {
  return new ProtocolError('unknown-command', `no such ${protocol} command: ${JSON.stringify(command)}`);
}

/** The code of a message's command in the protocol's table, or an 'unknown-command' ProtocolError. */
export function commandCode(
  protocol: string,
  codes: Readonly<Record<string, number>>,
  command: unknown,
): number {
  const code = typeof command === 'string' && Object.hasOwn(codes, command) ? codes[command] : undefined;
  if (code === undefined) throw unknownCommand(protocol, command);
  return code;
}

/** A decoder's reader of command codes: the command's name, or an 'unknown-command' ProtocolError. */
export function commandNameReader<Name extends string>(
  protocol: string,
  codes: Readonly<Record<Name, number>>,
): (code: number) => Name {
  const names = new Map<number, Name>(
    (Object.entries(codes) as [Name, number][]).map(([name, code]) => [code, name]),
  );
  return (code) => {
    const name = names.get(code);
    if (name === undefined) throw new ProtocolError('unknown-command', `unknown ${protocol} command ${code}`);
    return name;
  };
}

/** Whether `command` is one of `commands`: a group a codec declares once and reads when it encodes and decodes. */
export function isCommandIn<Command extends string>(
  commands: readonly Command[],
  command: string,
): command is Command {
  return (commands as readonly string[]).includes(command);
}
