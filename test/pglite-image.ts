import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { type Database, type DatabaseOptions, migrate, openDatabase } from '../src/store/database.ts';
import { PGliteDialect } from '../src/store/pglite-dialect.ts';
import type { Schema } from '../src/store/schema.ts';

/**
 * The migrated PGlite data directory test databases start from. A fresh PGlite runs initdb and
 * then every migration, several seconds per open on a busy machine; loading this image skips both.
 * It is built from the current migrations the first time a run needs it and kept under
 * node_modules/.cache, named by a hash of the migration files and of the PGlite and Kysely
 * versions, so an edited or added migration gets a new image. openDatabase still migrates after
 * loading, so an image behind the code would be brought current, never silently used as is.
 * src/store/database.test.ts migrates an empty database for real and compares the two.
 */
const root = join(import.meta.dirname, '..');
const migrationsDir = join(root, 'src/store/migrations');

function imageKey(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(migrationsDir).sort()) {
    hash.update(name).update(readFileSync(join(migrationsDir, name)));
  }
  for (const pkg of ['@electric-sql/pglite', 'kysely']) {
    hash.update(readFileSync(join(root, 'node_modules', pkg, 'package.json')));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Builds the image if this set of migrations has none yet; returns its file. */
export async function migratedImageFile(): Promise<string> {
  const dir = join(root, 'node_modules/.cache/myotrophy-test');
  const file = join(dir, `pglite-migrated-${imageKey()}.tar`);
  if (existsSync(file)) return file;
  const pglite = await PGlite.create();
  try {
    await migrate(new Kysely<Schema>({ dialect: new PGliteDialect(pglite) }));
    const image = await pglite.dumpDataDir('none');
    mkdirSync(dir, { recursive: true });
    // Written aside and renamed, so a parallel run never reads half an image.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, new Uint8Array(await image.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await pglite.close();
  }
  return file;
}

let image: Promise<Blob> | undefined;

/**
 * A PGlite database started from the migrated image: in memory, or in a new data directory
 * (a directory that already holds a database is opened as it is).
 */
export async function openMigratedPglite(options: Pick<DatabaseOptions, 'dataDir'> = {}): Promise<Database> {
  if (options.dataDir && existsSync(join(options.dataDir, 'PG_VERSION'))) return openDatabase(options);
  image ??= migratedImageFile().then((file) => new Blob([readFileSync(file)]));
  const database = await openDatabase({ ...options, image: await image });
  // Migrating makes the default clinic with a random id, created then; every copy of the image
  // would share one, and a test moving data between two databases could pass on a shared id.
  await sql`update clinics set id = gen_random_uuid(), created_at = now()`.execute(database.db);
  return database;
}
