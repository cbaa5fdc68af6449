import { migratedImageFile } from './pglite-image.ts';

/** Builds the migrated PGlite image once, before the test files that start from it run in parallel. */
export default async function setup(): Promise<void> {
  await migratedImageFile();
}
