import { openConfiguredDatabase } from '../store/configured-database.ts';
import type { Database } from '../store/database.ts';
import { listClinics } from '../store/records/clinics.ts';
import { actAsOperatorFor } from '../store/tenancy.ts';
import type { OptionValues } from './command.ts';
import { optionalString, UsageError } from './options.ts';

/**
 * Runs a command's work on the configured database (DATABASE_URL, or the embedded one in --data DIR)
 * and closes it afterwards, whether the work succeeded or failed. With --clinic NAME|ID (for the
 * commands that declare it) the rows the work writes go to that clinic, else to the first one.
 */
export async function withConfiguredDatabase<T>(
  values: OptionValues,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase(optionalString(values, 'data'));
  try {
    const clinicId = await namedClinic(database, optionalString(values, 'clinic'));
    return await (clinicId ? actAsOperatorFor(clinicId, () => work(database)) : work(database));
  } finally {
    await database.close();
  }
}

/** The id of the clinic --clinic names, by name or id; undefined when none is named. */
export async function namedClinic(
  database: Database,
  named: string | undefined,
): Promise<string | undefined> {
  if (named === undefined) return undefined;
  const clinics = await listClinics(database.db);
  const wanted = named.trim();
  const clinic = clinics.find((c) => c.id === wanted.toLowerCase() || c.name === wanted);
  if (!clinic) {
    throw new UsageError(
      `--clinic '${named}' is not a clinic of ${database.location}; give the name or id of one of: ${clinics
        .map((c) => `'${c.name}' (${c.id})`)
        .join(', ')}`,
    );
  }
  return clinic.id;
}
