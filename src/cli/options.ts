import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../shared/invalid-input.ts';
import type { OptionValues } from './command.ts';

/** A usage mistake on the command line; main prints it with the command's usage and exits 2. */
export class UsageError extends InvalidInputError {}

export interface NumberRule {
  min: number;
  max: number;
  unit?: string;
  integer?: boolean;
}

function describe(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  return `${kind} from ${rule.min} to ${rule.max}${rule.unit ? ` ${rule.unit}` : ''}`;
}

/** Reads `--name` as a number within the rule, or undefined when it was not given. */
export function optionalNumber(values: OptionValues, name: string, rule: NumberRule): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new UsageError(`--${name} needs a value: ${describe(rule)}`);
  }
  const value = Number(raw);
  const ok =
    Number.isFinite(value) &&
    value >= rule.min &&
    value <= rule.max &&
    (!rule.integer || Number.isInteger(value));
  if (!ok) throw new UsageError(`--${name} must be ${describe(rule)}; got '${raw}'`);
  return value;
}

export function requiredNumber(values: OptionValues, name: string, rule: NumberRule): number {
  const value = optionalNumber(values, name, rule);
  if (value === undefined) throw new UsageError(`--${name} is required: ${describe(rule)}`);
  return value;
}

export function optionalString(values: OptionValues, name: string): string | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw === '') throw new UsageError(`--${name} needs a value`);
  return raw;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads `--patient`, a patient id (a UUID), or undefined when it is not given. */
export function optionalPatientId(values: OptionValues): string | undefined {
  const patientId = optionalString(values, 'patient');
  if (patientId !== undefined && !UUID.test(patientId)) {
    throw new UsageError(`--patient must be a patient id (a UUID); got '${patientId}'`);
  }
  return patientId;
}

/** Reads `--name` and checks it is one of `allowed`. */
export function choice<T extends string>(
  values: OptionValues,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  const raw = optionalString(values, name);
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${name} is required: one of ${allowed.join(', ')}`);
  }
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got '${raw}'`);
  }
  return raw as T;
}

/** Parses JSON given on the command line; `refusal` makes the error from the parser's reason. */
export function parseJson(text: string, refusal: (reason: string) => InvalidInputError): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw refusal(error instanceof Error ? error.message : String(error));
  }
}

/** Reads the JSON file named by `--optionName`; `notJson` says, after the option and the path, why it was refused. */
export function readJsonFile(optionName: string, path: string, notJson: (reason: string) => string): unknown {
  return parseJson(
    readInputFile(optionName, path),
    (reason) => new UsageError(`--${optionName} ${path}: ${notJson(reason)}`),
  );
}

/** Reads a file named on the command line, with an error that names the option and the path. */
export function readInputFile(optionName: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new UsageError(`--${optionName} ${path}: cannot read the file (${reason})`);
  }
}
