import type { ReactNode } from 'react';

export function Section({
  id,
  title,
  children,
  actions,
}: {
  id: string;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section id={id} className="card" aria-labelledby={`${id}-title`}>
      <div className="title-row">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Status({
  loading,
  error,
  what,
}: {
  loading: boolean;
  error: string | undefined;
  what: string;
}) {
  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (loading)
    return (
      <p className="loading" aria-live="polite">
        Loading {what}…
      </p>
    );
  return null;
}

export function FormError({ error }: { error: string | undefined }) {
  return error ? (
    <p role="alert" className="error">
      {error}
    </p>
  ) : null;
}

/** The short confirmation after a save ("Saved …"), as a status so it is read out. */
export function SavedNote({ saved }: { saved: string | undefined }) {
  return saved ? (
    <p role="status" className="saved">
      {saved}
    </p>
  ) : null;
}

/** A table's column headings; a heading that is not a string (e.g. a screen-reader-only label) is keyed by place. */
export function ColumnHeads({ columns }: { columns: readonly ReactNode[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => (
          <th key={typeof column === 'string' ? column : i} scope="col">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The end of a form: its error, what was just saved, and the submit button, which says it is working while busy. */
export function FormFooter({
  error,
  saved,
  busy,
  disabled = false,
  idle,
  working,
}: {
  error: string | undefined;
  saved?: string | undefined;
  busy: boolean;
  disabled?: boolean;
  idle: string;
  working: string;
}) {
  return (
    <>
      <FormError error={error} />
      <SavedNote saved={saved} />
      <button type="submit" disabled={busy || disabled}>
        {busy ? working : idle}
      </button>
    </>
  );
}

/** A labelled number field kept as text (empty when not given), within [min, max]. */
export function OptionalNumberField({
  label,
  value,
  onChange,
  min,
  max,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  min: number;
  max: number;
  placeholder: string;
}) {
  return (
    <label>
      {label}
      <input
        type="number"
        min={min}
        max={max}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
      />
    </label>
  );
}
