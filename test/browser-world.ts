import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildAppOptions } from '../src/api/app.ts';
import { type DemoLoadResult, loadDemo } from '../src/api/demo-loader.ts';
import type { Database } from '../src/store/database.ts';
import { openWebAppInChromium, type WebAppInChromium } from './chromium.ts';
import { openMigratedPglite } from './pglite-image.ts';

/**
 * What a browser test opens before its first step: a fresh data directory and its database, and
 * the web app served over it in Chromium. openBrowserWorld adds what its seed returns.
 */
export interface BrowserWorld {
  dataDir: string;
  database: Database;
  web: WebAppInChromium;
  /** Closes the browser, the server and the database, and removes the data directory. */
  close(): Promise<void>;
}

/**
 * Opens a browser test's world; `name` tells its temporary folders apart. The seed runs before the
 * app is built, so the app starts on the data it fills in.
 */
export async function openBrowserWorld<Seeded extends object>(
  name: string,
  seed: (database: Database) => Promise<Seeded>,
  options: BuildAppOptions = {},
): Promise<BrowserWorld & Seeded> {
  const dataDir = await mkdtemp(join(tmpdir(), `myotrophy-e2e-${name}-data-`));
  const database = await openMigratedPglite({ dataDir });
  const removeData = async () => {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const seeded = await seed(database);
    const web = await openWebAppInChromium(database, `myotrophy-e2e-${name}-web-`, options);
    const close = async () => {
      await web.close();
      await removeData();
    };
    return { ...seeded, dataDir, database, web, close };
  } catch (error) {
    await removeData();
    throw error;
  }
}

/** A seed that leaves the database empty, for tests that start from the first-run setup. */
export const emptyDatabase = async (): Promise<object> => ({});

/** A demo patient, with the log-in the demo gave them. */
export type DemoPatient = DemoLoadResult['patients'][number];

/** The demo, and Alex Morgan: the demo patient the patient-side browser tests log in as. */
export interface DemoWorld {
  demo: DemoLoadResult;
  alex: DemoPatient;
}

/** A seed that loads the demo. */
export async function demoSeed(database: Database): Promise<DemoWorld> {
  const demo = await loadDemo(database.db);
  const alex = demo.patients.find((p) => p.name === 'Alex Morgan');
  if (!alex) throw new Error('the demo has no Alex Morgan');
  return { demo, alex };
}

/** A browser test's world over the demo. */
export type DemoBrowserWorld = BrowserWorld & DemoWorld;

/** Opens a browser test's world with the demo loaded. */
export function openDemoBrowserWorld(name: string, options: BuildAppOptions = {}): Promise<DemoBrowserWorld> {
  return openBrowserWorld(name, demoSeed, options);
}
