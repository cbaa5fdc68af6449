import { expect } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';

/** Reopens a PGlite data directory the server has let go of and checks it holds exactly these notes. */
export async function expectNotesInDirectory(dataDir: string, acknowledged: string[]): Promise<void> {
  const reopened = await openDatabase({ dataDir });
  try {
    const stored = await reopened.db.selectFrom('notes').select('id').execute();
    expect(stored.map((note) => note.id).sort()).toEqual([...acknowledged].sort());
  } finally {
    await reopened.close();
  }
}
