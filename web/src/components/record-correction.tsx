import type { CorrectionAction, EntryStatus } from '@core/clinic/record/correction.ts';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { post } from '../api.ts';
import { date, label } from '../format.ts';
import { useAction, useGet } from '../hooks.ts';
import { FormError, Status } from './section.tsx';

/** What a correctable record carries for its corrections: its id, its status and the version it replaced. */
export interface CorrectableEntry {
  id: string;
  /** An entry's status (EntryStatus), or a programme's own (draft, approved, ended, entered-in-error). */
  status?: string;
  replacesId?: string | null;
}

/** A kind of correctable record as the web app shows it: its API path, its plural, one in a line. */
export interface RecordKind<T> {
  path: string;
  /** The records in the plural, for "Corrected …" ("measurements"). */
  noun: string;
  /** One record in a line, as its history and the correction form name it. */
  describe: (record: T) => string;
}

/** Who corrects and what follows: the patient, whether this clinician may write, what to reload. */
export interface Correcting {
  patientId: string;
  canEdit: boolean;
  onSaved: () => void;
}

/** How a clinician reads a record's status. */
const STATUS_WORDS: Record<string, string> = {
  current: 'current',
  superseded: 'corrected',
  'entered-in-error': 'entered in error',
} satisfies Record<EntryStatus, string>;
const statusWords = (status = 'current') => STATUS_WORDS[status] ?? label(status);

const ACTION_WORDS: Record<CorrectionAction, string> = {
  amend: 'Corrected',
  'entered-in-error': 'Marked entered in error',
};

/** Whether an entry still counts: not replaced by an amendment nor marked entered in error. */
const isCurrentEntry = (entry: CorrectableEntry) =>
  entry.status !== 'superseded' && entry.status !== 'entered-in-error';

/** A list of records split into those that count and those corrected (kept, struck through). */
export function byStatus<T extends CorrectableEntry>(items: readonly T[]): { current: T[]; corrected: T[] } {
  return {
    current: items.filter(isCurrentEntry),
    corrected: items.filter((item) => !isCurrentEntry(item)),
  };
}

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
  amendment?: ((form: FormData) => unknown) | undefined;
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

interface Correction {
  recordId: string;
  action: CorrectionAction;
  reason: string;
  correctedAt: string;
}

/**
 * One record's versions, oldest first, each with the correction that ended it and its reason; read
 * from the API when the clinician opens it (GET …/:recordId answers `history`).
 */
export function RecordHistory<T extends CorrectableEntry>({
  patientId,
  path,
  recordId,
  describe,
}: {
  patientId: string;
  path: string;
  recordId: string;
  describe: (version: T) => string;
}) {
  const [open, setOpen] = useState(false);
  const record = useGet<{ history: { versions: T[]; corrections: Correction[] } }>(
    open ? `/api/patients/${patientId}/${path}/${recordId}` : null,
  );
  const history = record.data?.history;
  return (
    <details className="history" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>History</summary>
      <Status loading={open && record.loading && !history} error={record.error} what="the history" />
      {history && (
        <ol>
          {history.versions.map((version) => {
            const words = describe(version);
            const correction = history.corrections.find((c) => c.recordId === version.id);
            return (
              <li key={version.id}>
                {isCurrentEntry(version) ? words : <s>{words}</s>} (
                {STATUS_WORDS[version.status ?? 'current']})
                {correction && (
                  <>
                    {' '}
                    — {ACTION_WORDS[correction.action]} {date(correction.correctedAt)}: “{correction.reason}”
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}

/**
 * What a current record offers: "Correct…" for a clinician who may write, and its history once it
 * has one (it replaced an earlier version). Every kind of record uses this one control.
 */
export function RecordCorrections<T extends CorrectableEntry>({
  patientId,
  canEdit,
  onSaved,
  kind,
  record,
  amendment,
  children,
}: Correcting & {
  kind: RecordKind<T>;
  record: T;
  amendment?: (form: FormData) => unknown;
  children?: ReactNode;
}) {
  return (
    <div className="record-corrections">
      {canEdit && isCurrentEntry(record) && (
        <RecordCorrection
          patientId={patientId}
          path={kind.path}
          recordId={record.id}
          what={kind.describe(record)}
          amendment={amendment}
          onSaved={onSaved}
        >
          {children}
        </RecordCorrection>
      )}
      {record.replacesId && (
        <RecordHistory patientId={patientId} path={kind.path} recordId={record.id} describe={kind.describe} />
      )}
    </div>
  );
}

/** The records that no longer count, struck through with their status, each with its history. */
export function CorrectedRecords<T extends CorrectableEntry>({
  patientId,
  kind,
  records,
}: Pick<Correcting, 'patientId'> & { kind: RecordKind<T>; records: readonly T[] }) {
  if (records.length === 0) return null;
  return (
    <details className="corrected">
      <summary>
        Corrected {kind.noun} ({records.length})
      </summary>
      <ul>
        {records.map((record) => (
          <li key={record.id}>
            <s>{kind.describe(record)}</s> ({statusWords(record.status)})
            <RecordHistory
              patientId={patientId}
              path={kind.path}
              recordId={record.id}
              describe={kind.describe}
            />
          </li>
        ))}
      </ul>
    </details>
  );
}
