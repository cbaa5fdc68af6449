import { renameSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { countRows, takeSnapshot } from '../../store/backup.ts';
import { type Command, declareOptions } from '../command.ts';
import { withConfiguredDatabase } from '../configured-database.ts';
import { UsageError } from '../options.ts';

export const backupCommand: Command = {
  name: 'backup',
  summary:
    'Write a consistent snapshot of the configured database (DATABASE_URL or --data DIR) to FILE; gzip when FILE ends in .gz.',
  usage: ['backup FILE [--data DIR] [--json]'],
  options: declareOptions(['data']),
  maxPositionals: 1,
  async run(values, positionals) {
    const file = positionals[0];
    if (!file) throw new UsageError('give the FILE to write the backup to');
    return withConfiguredDatabase(values, async (database) => {
      const snapshot = await takeSnapshot(database.db, new Date());
      const text = JSON.stringify(snapshot);
      const bytes = file.endsWith('.gz') ? gzipSync(text) : Buffer.from(text);
      // Write beside the target and rename, so FILE is never a half-written backup.
      const partial = `${file}.partial`;
      writeFileSync(partial, bytes);
      renameSync(partial, file);
      const rows = countRows(snapshot);
      return {
        json: {
          file,
          bytes: bytes.length,
          database: database.kind,
          schemaVersion: snapshot.schemaVersion,
          rows,
        },
        text: `wrote ${file} (${bytes.length} bytes): ${Object.entries(rows)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}`,
      };
    });
  },
};
