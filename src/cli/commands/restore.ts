import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { parseSnapshot, restoreSnapshot } from '../../store/backup.ts';
import { type Command, declareOptions } from '../command.ts';
import { withConfiguredDatabase } from '../configured-database.ts';
import { parseJson, readInputFile, UsageError } from '../options.ts';

export const restoreCommand: Command = {
  name: 'restore',
  summary:
    'Replace everything in the configured database (DATABASE_URL or --data DIR) with a backup FILE, all or nothing; everyone is logged out.',
  usage: ['restore FILE [--data DIR] [--json]'],
  options: declareOptions(['data']),
  maxPositionals: 1,
  async run(values, positionals) {
    const file = positionals[0];
    if (!file) throw new UsageError('give the backup FILE to restore');
    let text: string;
    if (file.endsWith('.gz')) {
      try {
        text = gunzipSync(readFileSync(file)).toString('utf8');
      } catch (error) {
        throw new InvalidInputError(`${file}: cannot read it as a gzip backup (${(error as Error).message})`);
      }
    } else {
      text = readInputFile('FILE', file);
    }
    const snapshot = parseSnapshot(
      parseJson(text, () => new InvalidInputError(`${file}: not JSON, so not a Myotrophy backup`)),
    );
    return withConfiguredDatabase(values, async (database) => {
      const rows = await restoreSnapshot(database.db, snapshot);
      return {
        json: { file, database: database.kind, createdAt: snapshot.createdAt, rows },
        text: `restored ${file} (taken ${snapshot.createdAt}): ${Object.entries(rows)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}`,
      };
    });
  },
};
