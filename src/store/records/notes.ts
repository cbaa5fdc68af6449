import type { Kysely } from 'kysely';
import type { EntryStatus } from '../../clinic/record/correction.ts';
import type { Note } from '../../clinic/record/note.ts';
import { iso } from '../rows.ts';
import type { Schema } from '../schema.ts';
import {
  entryVersionOf,
  insertPatientRow,
  patientRecordFinder,
  patientRecordLister,
} from './patient-rows.ts';

export type { Note } from '../../clinic/record/note.ts';

export function toNote(row: {
  id: string;
  patient_id: string;
  author_id: string;
  text: string;
  created_at: Date;
  status: EntryStatus;
  replaces_id: string | null;
}): Note {
  return {
    id: row.id,
    patientId: row.patient_id,
    authorId: row.author_id,
    text: row.text,
    createdAt: iso(row.created_at),
    ...entryVersionOf(row),
  };
}

export async function createNote(
  db: Kysely<Schema>,
  patientId: string,
  text: string,
  authorId: string,
  now: Date,
): Promise<Note> {
  const row = await insertPatientRow(db, 'notes', patientId, { author_id: authorId, text, created_at: now });
  return toNote(row);
}

export const listNotes = patientRecordLister('notes', toNote);

/** One notes record of the patient, by id. */
export const findNote = patientRecordFinder('notes', toNote);
