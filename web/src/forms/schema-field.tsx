import { type InputHTMLAttributes, useId } from 'react';
import { type FieldSpec, rangeWords } from './field-schema.ts';

/**
 * A field checked by its API schema: typed, not only spun (text with a numeric keyboard), its unit
 * beside it and its allowed range under it, and what is wrong said beside it. `hideLabel` is for a
 * table cell, whose column heading shows the words; the label is still read out.
 */
export function SchemaField({
  spec,
  error,
  label = spec.label,
  hideLabel = false,
  input,
}: {
  spec: FieldSpec;
  error: string | undefined;
  label?: string;
  hideLabel?: boolean;
  input: InputHTMLAttributes<HTMLInputElement>;
}) {
  const id = useId();
  const range = rangeWords(spec);
  const numeric = range !== '';
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : undefined}>
        {label}
        {spec.unit && ` (${spec.unit})`}
      </label>
      <span className="with-unit">
        <input
          id={id}
          type="text"
          inputMode={numeric ? 'decimal' : undefined}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={
            [numeric && `${id}-range`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
          }
          {...input}
        />
        {spec.unit && (
          <span className="unit" aria-hidden="true">
            {spec.unit}
          </span>
        )}
      </span>
      {numeric && (
        <small id={`${id}-range`} className="range">
          {range}
        </small>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
