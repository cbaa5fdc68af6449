import { type Schema, Validator } from '@cfworker/json-schema';
import type { FieldError, FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import { formatLocale } from '../i18n/format-locales.ts';
import { currentLanguage, t } from '../i18n/i18n.ts';

/**
 * A form field checked by the JSON Schema the API checks it with (from the core, `@core/shared`),
 * with the words the form says it in. The schemas are validated in the browser by an interpreter
 * (no generated code, so the content security policy needs no 'unsafe-eval').
 */
export interface FieldSpec {
  readonly label: string;
  readonly unit?: string;
  readonly schema: object;
}

const validators = new WeakMap<object, Validator>();

function validatorOf(schema: object): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    validator = new Validator(schema as Schema, '2019-09');
    validators.set(schema, validator);
  }
  return validator;
}

const typesOf = (schema: object): readonly string[] => {
  const type = (schema as { type?: string | readonly string[] }).type;
  return typeof type === 'string' ? [type] : (type ?? []);
};

const numeric = (spec: FieldSpec) => typesOf(spec.schema).some((t) => t === 'number' || t === 'integer');
const nullable = (spec: FieldSpec) => typesOf(spec.schema).includes('null');

/** The allowed range in words, e.g. "1 to 100 Hz" (empty when the schema sets none). */
export function rangeWords(spec: FieldSpec): string {
  const { minimum, maximum } = spec.schema as { minimum?: number; maximum?: number };
  if (minimum === undefined || maximum === undefined) return '';
  // A bound is a setting typed as it is written (1000 µs, not 1,000), with the language's decimal mark.
  const number = new Intl.NumberFormat(formatLocale(currentLanguage()), {
    useGrouping: false,
    maximumFractionDigits: 3,
  });
  const bounds = { minimum: number.format(minimum), maximum: number.format(maximum) };
  return spec.unit ? t('form.rangeWithUnit', { ...bounds, unit: spec.unit }) : t('form.range', bounds);
}

/** The value a field's text stands for: a number for numeric fields, null for an empty optional one. */
export function typedValue(spec: FieldSpec, text: string): unknown {
  // Spaces are a number field's padding, but text in a text field (the core's rules judge them).
  const trimmed = numeric(spec) ? text.trim() : text;
  if (trimmed === '') return nullable(spec) ? null : undefined;
  if (!numeric(spec)) return text;
  return Number(trimmed.replace(',', '.'));
}

/** Why `text` is not allowed in the field, in plain words, or null when the API would accept it. */
export function fieldProblem(spec: FieldSpec, text: string): string | null {
  const value = typedValue(spec, text);
  const field = spec.label;
  // "Give the minutes." in English; a language that capitalises nouns keeps the label as written.
  const asked = { field: currentLanguage() === 'en' ? field.toLowerCase() : field };
  if (value === undefined) return t('form.giveValue', asked);
  const range = rangeWords(spec);
  if (typeof value === 'number' && !Number.isFinite(value))
    return range ? t('form.mustBeNumber', { field, range }) : t('form.mustBeAnyNumber', { field });
  const result = validatorOf(spec.schema).validate(value);
  if (result.valid) return null;
  const keyword = result.errors[result.errors.length - 1]?.keyword;
  if (numeric(spec))
    return t(keyword === 'type' ? 'form.mustBeWholeNumber' : 'form.mustBeInRange', { field, range });
  const { maxLength = 0 } = spec.schema as { maxLength?: number };
  if (keyword === 'format') return t('form.mustBeDate', { field });
  if (keyword === 'maxLength') return t('form.tooLong', { field, maxLength });
  return t('form.giveValue', asked);
}

/**
 * A react-hook-form resolver over fields kept as text: each is checked by its schema, then by
 * `also` (the core's rules a schema cannot say, e.g. a birth date in the future); the values
 * handed to the submit handler are the typed ones (numbers, null for empty optional fields).
 */
export function schemaResolver<Text extends Record<string, string>>(
  fields: { readonly [K in keyof Text]: FieldSpec },
  also: (values: { [K in keyof Text]: unknown }) => Partial<Record<keyof Text, string | null>> = () => ({}),
): Resolver<Text, unknown, FieldValues> {
  return async (text) => {
    const values = {} as { [K in keyof Text]: unknown };
    const errors: Record<string, FieldError> = {};
    for (const key of Object.keys(fields) as (keyof Text & string)[]) {
      values[key] = typedValue(fields[key], text[key] ?? '');
      const problem = fieldProblem(fields[key], text[key] ?? '');
      if (problem) errors[key] = { type: 'schema', message: problem };
    }
    if (Object.keys(errors).length === 0) {
      for (const [key, problem] of Object.entries(also(values))) {
        if (problem) errors[key] = { type: 'rule', message: problem };
      }
    }
    return Object.keys(errors).length === 0
      ? { values, errors: {} }
      : { values: {}, errors: errors as FieldErrors<Text> };
  };
}
