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
