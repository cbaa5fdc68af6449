/**
 * Raised when a caller passes a value the models cannot use. The message says what was wrong
 * and what is allowed, so every shell (CLI, HTTP) can show it to a person unchanged.
 */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}

/** Throws InvalidInputError unless `value` is a finite number within [min, max]. */
export function requireFiniteInRange(label: string, value: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidInputError(`${label} must be a number from ${min} to ${max}; got ${String(value)}`);
  }
  return value;
}
