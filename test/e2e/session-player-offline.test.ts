/**
 * Browser test of the session player without a connection (Chromium, phone size, the connection cut
 * by the browser context): the patient plays a whole (21 s) session on the virtual stimulator while
 * offline; the log is kept in the outbox, the player says so, and Today (opened from the service
 * worker) shows it waiting; back online it is stored exactly once, with the peak strength reached,
 * and opening Today again stores nothing more.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CLINICIAN_EMAIL,
  DEMO_CLINICIAN_PASSWORD,
  type DemoLoadResult,
  loadDemo,
} from '../../src/api/demo-loader.ts';
import { shortCalfProgramme } from '../../src/device/demo-session.ts';
import type { Database } from '../../src/store/database.ts';
import { apiAs as apiAt } from '../api-as.ts';
import { chromiumAvailable, openWebAppInChromium, type WebAppInChromium } from '../chromium.ts';
import { openMigratedPglite } from '../pglite-image.ts';

const PHONE = { width: 390, height: 844 };
/** The strength the patient turns up to: below the short programme's warm-up ceiling. */
const PEAK_MA = 9;

interface OfflinePlayerWorld {
  dataDir: string;
  database: Database;
  web: WebAppInChromium;
  alex: DemoLoadResult['patients'][number];
}
let world: OfflinePlayerWorld;

const apiAs = (who: { email: string; password: string }) => apiAt(world.web.baseUrl, who);

/** The sessions the player logged for Alex since `since`, read through the API. */
async function playedSince(since: string) {
  const asAlex = await apiAs(world.alex);
  const listed = await asAlex(
    'GET',
    `/api/patients/${world.alex.id}/sessions?from=${encodeURIComponent(since)}`,
  );
  return (
    listed.json.items as {
      completed: boolean;
      peakIntensityMa: number | null;
      comfort: number | null;
      pain: number | null;
      delivery: { mode?: string } | null;
    }[]
  ).filter((s) => s.delivery !== null);
}

const waiting = (page: Page) => page.locator('.kept-logs [role="status"]');

describe.skipIf(!chromiumAvailable)('the session player offline on a phone (Chromium)', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'myotrophy-e2e-offline-player-data-'));
    const database = await openMigratedPglite({ dataDir });
    const demo = await loadDemo(database.db);
    const web = await openWebAppInChromium(database, 'myotrophy-e2e-offline-player-web-', {
      loginAttemptsPerMinute: 100,
    });
    const alex = demo.patients.find((p) => p.name === 'Alex Morgan') as OfflinePlayerWorld['alex'];
    world = { dataDir, database, web, alex };
    // Alex's clinician approves the short calf programme (21 s), as the player's own test does.
    const asClinician = await apiAs({ email: DEMO_CLINICIAN_EMAIL, password: DEMO_CLINICIAN_PASSWORD });
    const versions = await asClinician('GET', `/api/patients/${alex.id}/programmes`);
    const approved = (
      versions.json.items as { id: string; status: string; body: Record<string, unknown> }[]
    ).find((p) => p.status === 'approved');
    const draft = await asClinician('POST', `/api/patients/${alex.id}/programmes`, {
      body: { ...approved?.body, stimulation: shortCalfProgramme() },
      supersedesId: approved?.id,
    });
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    const approval = await asClinician(
      'POST',
      `/api/patients/${alex.id}/programmes/${draft.json.id}/approve`,
    );
    expect(approval.status, JSON.stringify(approval.json)).toBe(200);
    context = await web.browser.newContext({ viewport: PHONE, hasTouch: true });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    for (const close of [() => world?.web?.close(), () => world?.database?.close()]) await close();
    if (world?.dataDir) await rm(world.dataDir, { recursive: true, force: true });
  });

  it('keeps a session played offline in the outbox and stores it once, with its peak, on reconnecting', async () => {
    const since = new Date().toISOString();
    await page.goto(world.web.baseUrl);
    await page.getByLabel('Email').fill(world.alex.email);
    await page.getByLabel('Password').fill(world.alex.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    // The worker (registered soon after the page loads) controls the page; a visit keeps Today's answers.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Today' }).waitFor();

    await page.getByRole('link', { name: 'Start today’s session' }).click();
    await page.getByRole('heading', { name: '1. How will you do it today?' }).waitFor();
    await context.setOffline(true);
    await page.getByLabel(/The practice stimulator on this screen/).check();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('button', { name: 'The pads are on: start' }).click();
    await page.getByRole('heading', { name: '3. Your session' }).waitFor();
    const stronger = page.getByRole('button', { name: '+ Stronger' });
    await expect.poll(() => stronger.isEnabled(), { timeout: 30_000 }).toBe(true);
    for (let i = 0; i < PEAK_MA; i += 1) await stronger.click();
    expect(await page.locator('output.strength-value').textContent()).toBe(`${PEAK_MA} mA`);
    await page
      .getByRole('heading', { name: 'Well done: the session is finished.' })
      .waitFor({ timeout: 120_000 });
    await page
      .getByRole('group', { name: 'How comfortable was it?' })
      .getByText('8', { exact: true })
      .click();
    await page.getByRole('group', { name: 'How much did it hurt?' }).getByText('0', { exact: true }).click();
    await page.getByRole('button', { name: 'Save my session' }).click();
    await page.getByText('Your session is kept on this device and will be sent again.').waitFor();
    expect(await playedSince(since)).toEqual([]);

    // Today, opened from the worker with no connection, shows it waiting.
    await page.goto(world.web.baseUrl);
    await waiting(page).waitFor();
    expect(await waiting(page).textContent()).toContain('1 session waiting to be sent');
    expect(await playedSince(since)).toEqual([]);

    await context.setOffline(false);
    await waiting(page).waitFor({ state: 'detached', timeout: 60_000 });
    const stored = await playedSince(since);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      completed: true,
      peakIntensityMa: PEAK_MA,
      comfort: 8,
      pain: 0,
      delivery: { mode: 'virtual-stimulator' },
    });
    // Opening Today again sends nothing more.
    await page.reload();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    expect(await waiting(page).count()).toBe(0);
    expect(await playedSince(since)).toHaveLength(1);
  }, 600_000);
});
