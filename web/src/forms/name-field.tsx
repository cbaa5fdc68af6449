import type { InputHTMLAttributes } from 'react';

/** The longest name (a muscle site, a recording channel) the API takes: its shortText(80). */
export const NAME_MAX_LENGTH = 80;

/**
 * A labelled one-line field for a name of at most NAME_MAX_LENGTH characters: `onName` gets what
 * is typed; the rest (placeholder, list, …) goes to the input.
 */
export function NameField({
  label,
  value,
  onName,
  ...input
}: {
  label: string;
  value: string;
  onName: (name: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'maxLength'>) {
  return (
    <label>
      {label}
      <input {...input} value={value} onChange={(e) => onName(e.target.value)} maxLength={NAME_MAX_LENGTH} />
    </label>
  );
}
