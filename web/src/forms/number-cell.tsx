import { useState } from 'react';
import { type FieldSpec, fieldProblem, typedValue } from './field-schema.ts';
import { SchemaField } from './schema-field.tsx';

/**
 * A number typed into a table cell, kept as text while it is typed: a value the API accepts (and
 * `also` allows) reaches `onValue`; any other is said beside the cell, reported through
 * `onValidity` and never sent.
 */
export function NumberCell({
  spec,
  label,
  value,
  onValue,
  onValidity,
  also = () => null,
}: {
  spec: FieldSpec;
  label: string;
  value: number;
  onValue: (value: number) => void;
  onValidity: (valid: boolean) => void;
  also?: (value: number) => string | null;
}) {
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string>();
  const change = (next: string) => {
    setText(next);
    const problem = fieldProblem(spec, next) ?? also(Number(typedValue(spec, next)));
    setError(problem ?? undefined);
    onValidity(problem === null);
    if (problem === null) onValue(Number(typedValue(spec, next)));
  };
  return (
    <SchemaField
      spec={spec}
      label={label}
      hideLabel
      error={error}
      input={{ value: text, onChange: (e) => change(e.target.value), size: 5 }}
    />
  );
}
