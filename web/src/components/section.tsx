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
