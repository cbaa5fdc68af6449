/**
 * The one error the device codecs throw. Decoding bytes from a wire never throws anything else:
 * a truncated, corrupted or unknown packet is a ProtocolError with a code the driver acts on, and
 * encoding a value outside the device's range or the project's output limits is one too (code
 * 'out-of-range'): a setting is refused, never clipped.
 */
export type ProtocolErrorCode =
  | 'bad-frame'
  | 'bad-checksum'
  | 'bad-length'
  | 'truncated'
  | 'unknown-command'
  | 'bad-field'
  | 'out-of-range';

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly code: ProtocolErrorCode;

  constructor(code: ProtocolErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Throws an 'out-of-range' ProtocolError unless `value` is a number in [min, max] on `step`s of `step` from min. */
export function requireInRange(label: string, value: unknown, min: number, max: number, step = 1): number {
  const onStep =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    Math.abs((value - min) / step - Math.round((value - min) / step)) < 1e-9;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || !onStep) {
    throw new ProtocolError(
      'out-of-range',
      `${label} must be from ${min} to ${max}${step === 1 ? ' (whole numbers)' : ` in steps of ${step}`}; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

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

/** Throws a 'bad-length' ProtocolError unless the command's data has exactly `count` bytes. */
export function requireDataBytes(data: readonly number[], count: number, command: string): void {
  if (data.length !== count)
    throw new ProtocolError('bad-length', `${command} carries ${count} data byte(s); got ${data.length}`);
}

/** The index of `value` in `allowed` (its code on the wire), or an 'out-of-range' ProtocolError naming them. */
export function requireOneOf(label: string, value: unknown, allowed: readonly unknown[]): number {
  const index = allowed.indexOf(value);
  if (index < 0) throw new ProtocolError('out-of-range', `${label} must be one of ${allowed.join(', ')}`);
  return index;
}
