import type { ReactNode } from 'react';
import type { Action } from '../hooks.ts';
import { t } from '../i18n/i18n.ts';

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
        {t('status.loading', { what })}
      </p>
    );
  return null;
}

/** A line said out loud when it appears: an error (alert) or a confirmation (status); nothing when empty. */
function Announced({
  text,
  role,
  className,
}: {
  text: string | undefined;
  role: 'alert' | 'status';
  className: string;
}) {
  return text ? (
    <p role={role} className={className}>
      {text}
    </p>
  ) : null;
}

export const FormError = ({ error }: { error: string | undefined }) => (
  <Announced text={error} role="alert" className="error" />
);

/** The short confirmation after a save ("Saved …"). */
export const SavedNote = ({ saved }: { saved: string | undefined }) => (
  <Announced text={saved} role="status" className="saved" />
);

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

/**
 * The end of a form: its action's error, the "Saved" status after it succeeded (or `saved`, when
 * the form words its own), and the submit button, which says it is working while busy.
 */
export function FormFooter({
  action,
  saved = action.saved,
  disabled = false,
  idle,
  working,
}: {
  action: Pick<Action, 'busy' | 'error' | 'saved'>;
  saved?: string | undefined;
  disabled?: boolean;
  idle: string;
  working: string;
}) {
  return (
    <>
      <FormError error={action.error} />
      <SavedNote saved={saved} />
      <button type="submit" disabled={action.busy || disabled}>
        {action.busy ? working : idle}
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
