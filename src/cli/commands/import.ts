import { FhirValidationError, importBundle } from '../../api/fhir/bundle-import.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { findUserByEmail } from '../../store/records/users.ts';
import { type Command, declareOptions } from '../command.ts';
import { withConfiguredDatabase } from '../configured-database.ts';
import { optionalString, parseJson, readInputFile, UsageError } from '../options.ts';

export const importCommand: Command = {
  name: 'import',
  summary:
    "Import a patient's record from a FHIR R4 Bundle, all or nothing: an invalid Bundle is refused with the validator's messages and nothing is stored. --as EMAIL attributes records that name no author.",
  usage: ['import FILE [--as EMAIL] [--clinic NAME|ID] [--data DIR] [--json]'],
  options: declareOptions(['as', 'clinic', 'data']),
  maxPositionals: 1,
  async run(values, positionals) {
    const [file] = positionals;
    if (!file) throw new UsageError('give the Bundle file to import: myotrophy import FILE');
    const text = readInputFile('file', file);
    const bundle = parseJson(text, (reason) => new InvalidInputError(`${file} is not JSON (${reason})`));
    const as = optionalString(values, 'as');
    return withConfiguredDatabase(values, async (database) => {
      let importedBy: string | undefined;
      if (as) {
        const user = await findUserByEmail(database.db, as);
        if (!user || user.role === 'patient') {
          throw new InvalidInputError(
            `--as ${as} is not a clinician's or admin's account in ${database.location}`,
          );
        }
        importedBy = user.id;
      }
      let result: Awaited<ReturnType<typeof importBundle>>;
      try {
        result = await importBundle(database.db, bundle, {
          now: new Date(),
          ...(importedBy ? { importedBy } : {}),
        });
      } catch (error) {
        if (error instanceof FhirValidationError) throw error;
        if (error instanceof InvalidInputError) {
          throw new InvalidInputError(`${error.message}; nothing was stored`);
        }
        throw error;
      }
      const counts = Object.entries(result.created)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ');
      const text = [
        `imported patient ${result.patientId}: ${counts}`,
        ...result.skipped.map((s) => `skipped ${s.resource}: ${s.reason}`),
        ...result.warnings.map((w) => `warning: ${w}`),
      ].join('\n');
      return { json: result, text };
    });
  },
};
