import { type FormEvent, useId } from 'react';
import { post } from '../api.ts';
import { dateTime } from '../format.ts';
import { useAction } from '../hooks.ts';
import type { Note } from '../types.ts';
import {
  byStatus,
  CorrectedRecords,
  type Correcting,
  RecordCorrections,
  type RecordKind,
} from './record-correction.tsx';
import { FormFooter } from './section.tsx';

/** A note in a line, as its history lists it. */
const noteWords = (note: Note) => `${dateTime(note.createdAt)}: ${note.text}`;

const NOTES: RecordKind<Note> = { path: 'notes', noun: 'notes', describe: noteWords };

/** The clinicians' notes on the patient, newest first, each correctable; and a new note. */
export function ClinicalNotes({
  patientId,
  notes,
  canEdit,
  onSaved,
}: {
  patientId: string;
  notes: Note[];
  canEdit: boolean;
  onSaved: () => void;
}) {
  const action = useAction();
  const { setError, run } = action;
  const textId = useId();
  const { current, corrected } = byStatus(notes);
  const correcting = { patientId, canEdit, onSaved };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const text = String(new FormData(formElement).get('text') ?? '').trim();
    if (!text) {
      setError('Write the note first.');
      return;
    }
    await run(async () => {
      await post(`/api/patients/${patientId}/notes`, { text });
      formElement.reset();
      onSaved();
    }, 'Saved: note added.');
  };
  return (
    <div className="grid-2">
      <div>
        {current.length === 0 ? (
          <p>No notes yet.</p>
        ) : (
          <ul className="plain notes">
            {[...current].reverse().map((note) => (
              <NoteEntry key={note.id} note={note} correcting={correcting} />
            ))}
          </ul>
        )}
        <CorrectedRecords {...correcting} kind={NOTES} records={corrected} />
      </div>
      {canEdit && (
        <form onSubmit={submit} aria-label="Add a note">
          <label htmlFor={textId}>Note</label>
          <textarea id={textId} name="text" rows={3} maxLength={10_000} />
          <FormFooter action={action} idle="Add note" working="Saving…" />
        </form>
      )}
    </div>
  );
}

/** One note: when, what, and its correction (a corrected text, or entered in error). */
function NoteEntry({ note, correcting }: { note: Note; correcting: Correcting }) {
  return (
    <li>
      <small>{dateTime(note.createdAt)}</small>
      <p>{note.text}</p>
      <RecordCorrections
        {...correcting}
        kind={NOTES}
        record={note}
        amendment={(form) => ({ text: String(form.get('text') ?? '').trim() })}
      >
        <label>
          Corrected note
          <textarea name="text" rows={3} maxLength={10_000} defaultValue={note.text} />
        </label>
      </RecordCorrections>
    </li>
  );
}
