/**
 * Browser test of the session player on the virtual stimulator: a clinician opens
 * /virtual-stimulator, starts the 21 s demonstration programme, raises the intensity, and stops it
 * with the emergency stop; a second run plays to the end.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { chromiumAvailable, openWebAppInChromium, type WebAppInChromium } from '../chromium.ts';
import { openMigratedPglite } from '../pglite-image.ts';

const ADMIN = { name: 'Vera Virtual', email: 'vera@clinic.example', password: 'first admin password' };

let dataDir: string;
let web: WebAppInChromium;
let database: Database;
let browser: Browser;

async function setUp(page: Page): Promise<void> {
  await page.goto(web.baseUrl);
  await page.getByRole('heading', { name: 'Set up Myotrophy' }).waitFor();
  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password (at least 10 characters)').fill(ADMIN.password);
  await page.getByLabel('Password again').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await page.getByRole('heading', { name: 'Welcome to Myotrophy' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

describe.skipIf(!chromiumAvailable)('session player on the virtual stimulator, in Chromium', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'myotrophy-e2e-player-data-'));
    database = await openMigratedPglite({ dataDir });
    web = await openWebAppInChromium(database, 'myotrophy-e2e-player-web-');
    browser = web.browser;
  }, 120_000);

  afterAll(async () => {
    await web?.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts, raises the intensity within the ceiling, stops at once on the emergency stop, and plays a whole session', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await setUp(page);
    await page.goto(`${web.baseUrl}/virtual-stimulator`);
    await page.getByRole('heading', { name: 'Virtual stimulator' }).waitFor();
    const status = page.getByRole('status');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/State: (ramp-up|run)/);
    await page.getByRole('button', { name: 'Intensity up' }).click();
    await page.getByRole('button', { name: 'Intensity up' }).click();
    await page.getByText('12 mA', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'STOP' }).click();
    await expect
      .poll(() => page.locator('section p').last().textContent(), { timeout: 10_000 })
      .toMatch(/^emergency-stop: /);
    await page.getByRole('button', { name: 'Start' }).click();
    await expect
      .poll(() => page.locator('section p').last().textContent(), { timeout: 60_000, interval: 1000 })
      .toMatch(/^completed: 0\.35 of 0\.35 min, peak 12 mA$/);
    await page.close();
  }, 120_000);
});
