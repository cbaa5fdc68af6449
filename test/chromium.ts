import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * The browser the web app's tests drive: Debian's Chromium (`.ci/run` installs it), or the one
 * MYOTROPHY_CHROMIUM names. Without it the browser tests are skipped on a developer's machine,
 * but under CI=true a missing browser is an error, never a silent skip.
 */
export const CHROMIUM = process.env.MYOTROPHY_CHROMIUM ?? '/usr/bin/chromium';

const LAUNCH_ARGS = [
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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}
