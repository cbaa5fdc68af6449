import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { type BuildAppOptions, buildApp } from '../src/api/app.ts';
import type { Database } from '../src/store/database.ts';

/**
 * The browser the web app's tests drive: Debian's Chromium (`.ci/run` installs it), or the one
 * MYOTROPHY_CHROMIUM names. Without it the browser tests are skipped on a developer's machine,
 * but under CI=true a missing browser is an error, never a silent skip.
 */
export const CHROMIUM = process.env.MYOTROPHY_CHROMIUM ?? '/usr/bin/chromium';

/** Headless, with nothing of its own fetched from the network (no updates, no first-run pages): every test browser's flags, Lighthouse's too. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

if (process.env.CI === 'true' && !existsSync(CHROMIUM)) {
  throw new Error(
    `CI=true but there is no Chromium at ${CHROMIUM}: install the Debian package chromium (.ci/run does) or set MYOTROPHY_CHROMIUM`,
  );
}

/** False only off CI when the browser is missing: the browser tests are then skipped. */
export const chromiumAvailable = existsSync(CHROMIUM);

export interface WebAppInChromium {
  baseUrl: string;
  browser: Browser;
  /** Closes the browser and the server and removes the built app; the database stays open. */
  close(): Promise<void>;
}

/**
 * The production build of the web app into a fresh temporary folder. Vite picks React's build from
 * NODE_ENV, which vitest sets to 'test', so NODE_ENV is 'production' for the build only.
 */
export async function buildWebApp(prefix: string): Promise<string> {
  const webDir = await mkdtemp(join(tmpdir(), prefix));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(process.cwd(), 'vite.config.ts'),
      build: { outDir: webDir, emptyOutDir: true },
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return webDir;
}

/**
 * The web app built for production into a temporary directory, served by the real server over
 * `database` on a random local port, and a Chromium to drive it.
 */
export async function openWebAppInChromium(
  database: Database,
  prefix: string,
  options: BuildAppOptions = {},
): Promise<WebAppInChromium> {
  const webDir = await buildWebApp(prefix);
  process.env.MYOTROPHY_WEB_DIR = webDir;
  const app = await buildApp(database, options);
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  return {
    baseUrl,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      delete process.env.MYOTROPHY_WEB_DIR;
      await rm(webDir, { recursive: true, force: true });
    },
  };
}

/**
 * Brings a section of the clinician's patient page into view through its section link, which then
 * holds it at the top while the parts above it are drawn (web/src/section-jump.ts). A single scroll
 * is not enough for a part drawn only near the screen (web/src/lazy.tsx): the parts above it grow
 * once drawn and can push it out of reach before the browser has seen it near the screen.
 */
export async function showPatientSection(page: Page, sectionId: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Patient sections' }).locator(`a[href="#${sectionId}"]`).click();
}
