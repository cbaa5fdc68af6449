import { createNote, findNote, listNotes } from '../../store/records/notes.ts';
import type { PatientRecordKind } from './patient-records.ts';

export const notesKind: PatientRecordKind<{ text: string }, Awaited<ReturnType<typeof createNote>>> = {
  path: 'notes',
  noun: 'note',
  createAction: 'write-note',
  bodySchema: {
    type: 'object',
    required: ['text'],
    additionalProperties: false,
    properties: { text: { type: 'string', minLength: 1, maxLength: 10_000 } },
  },
  create: (tx, { patientId, actor, now }, body) => createNote(tx, patientId, body.text, actor.userId, now),
  list: listNotes,
  find: findNote,
};
