import { openConfiguredDatabase } from '../store/configured-database.ts';
import type { Database } from '../store/database.ts';
import type { OptionValues } from './command.ts';
import { optionalString } from './options.ts';

/**
 * Runs a command's work on the configured database (DATABASE_URL, or the embedded one in --data DIR)
 * and closes it afterwards, whether the work succeeded or failed.
 */
export async function withConfiguredDatabase<T>(
  values: OptionValues,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase(optionalString(values, 'data'));
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
