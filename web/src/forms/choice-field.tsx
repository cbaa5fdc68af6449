import type { SelectHTMLAttributes } from 'react';

/**
 * A labelled choice among `options`, each shown in `words` (the value itself unless told); `none`
 * adds a first, empty choice with those words. `onChoose` gets the chosen option; a form that reads
 * its fields on submit gives `select` a name and a default instead.
 */
export function ChoiceField<T extends string>({
  label,
  options,
  words = (option) => option,
  none,
  value,
  onChoose,
  select,
}: {
  label: string;
  options: readonly T[];
  words?: (option: T) => string;
  none?: string;
  value?: T | '';
  onChoose?: (option: T) => void;
  select?: SelectHTMLAttributes<HTMLSelectElement>;
}) {
  return (
    <label>
      {label}
      <select
        {...select}
        {...(value !== undefined ? { value } : {})}
        {...(onChoose ? { onChange: (e) => onChoose(e.target.value as T) } : {})}
      >
        {none !== undefined && <option value="">{none}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {words(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
