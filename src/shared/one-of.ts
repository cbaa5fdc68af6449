import { InvalidInputError } from './invalid-input.ts';

/**
 * Enumerated input is checked against its own list, never by indexing a plain object: a key such as
 * `constructor`, `toString`, `__proto__` or `hasOwnProperty` is found on every object's prototype and
 * would otherwise pass as if it were allowed. Both helpers throw InvalidInputError naming every
 * allowed value.
 */

/** The value, when it is one of `allowed`; otherwise InvalidInputError naming what is allowed. */
export function requireOneOf<T extends string>(label: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidInputError(`${label} must be one of ${allowed.join(', ')}; got ${describe(value)}`);
  }
  return value as T;
}

/** The entry of `table` for `key`, read only from the table's own properties. */
export function ownEntry<V>(label: string, table: Readonly<Record<string, V>>, key: unknown): V {
  if (typeof key !== 'string' || !Object.hasOwn(table, key)) {
    throw new InvalidInputError(
      `${label} must be one of ${Object.keys(table).join(', ')}; got ${describe(key)}`,
    );
  }
  return table[key] as V;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
