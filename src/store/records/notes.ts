import type { Kysely } from 'kysely';
import type { Note } from '../../clinic/record/note.ts';
import type { Db } from '../database.ts';
import { iso, type ListWindow, newId } from '../rows.ts';
import type { Schema } from '../schema.ts';
import { listPatientRows } from './patient-rows.ts';

export type { Note } from '../../clinic/record/note.ts';

export function toNote(row: {
  id: string;
  patient_id: string;
  author_id: string;
  text: string;
  created_at: Date;
}): Note {
  return {
    id: row.id,
    patientId: row.patient_id,
    authorId: row.author_id,
    text: row.text,
    createdAt: iso(row.created_at),
  };
}

export async function createNote(
  db: Kysely<Schema>,
  patientId: string,
  text: string,
  authorId: string,
  now: Date,
): Promise<Note> {
  const row = await db
    .insertInto('notes')
    .values({ id: newId(), patient_id: patientId, author_id: authorId, text, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toNote(row);
}

export async function listNotes(db: Db, patientId: string, window: ListWindow = {}): Promise<Note[]> {
  return (await listPatientRows(db, 'notes', patientId, window)).map(toNote);
}
