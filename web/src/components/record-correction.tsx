import { type FormEvent, type ReactNode, useId } from 'react';
import { post } from '../api.ts';
import { useAction } from '../hooks.ts';
import { FormError } from './section.tsx';

/**
 * "Correct" and "Entered in error" on one record, each with the reason the record keeps
 * (docs/corrections.md). `amendment` reads the corrected record from the form (its fields are
 * `children`); without it only "Entered in error" is offered.
 */
export function RecordCorrection({
  patientId,
  path,
  recordId,
  what,
  amendment,
  children,
  onSaved,
}: {
  patientId: string;
  path: string;
  recordId: string;
  what: string;
  amendment?: (form: FormData) => unknown;
  children?: ReactNode;
  onSaved: () => void;
}) {
  const { busy, error, setError, run } = useAction();
  const reasonId = useId();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get('reason') ?? '').trim();
    if (!reason) {
      setError('Say why this record is corrected.');
      return;
    }
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const base = `/api/patients/${patientId}/${path}/${recordId}`;
    await run(async () => {
      if (submitter?.value === 'amend' && amendment) {
        await post(`${base}/amend`, { reason, record: amendment(form) });
      } else {
        await post(`${base}/entered-in-error`, { reason });
      }
      onSaved();
    });
  };
  return (
    <details className="correction">
      <summary>Correct…</summary>
      <form onSubmit={submit} aria-label={`Correct ${what}`}>
        {children}
        <label htmlFor={reasonId}>Reason</label>
        <textarea id={reasonId} name="reason" rows={2} maxLength={2000} />
        <FormError error={error} />
        <div className="row">
          {amendment && (
            <button type="submit" value="amend" disabled={busy}>
              Correct
            </button>
          )}
          <button type="submit" value="entered-in-error" disabled={busy}>
            Entered in error
          </button>
        </div>
      </form>
    </details>
  );
}
