/**
 * Browser test of the session player without a connection (Chromium, phone size, the connection cut
 * by the browser context): the patient plays a whole (21 s) session on the virtual stimulator while
 * offline; the log is kept in the outbox, the player says so, and Today (opened from the service
 * worker) shows it waiting; back online it is stored exactly once, with the peak strength reached,
 * and opening Today again stores nothing more.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortCalfProgramme } from '../../src/device/demo-session.ts';
import { apiAs as apiAt } from '../api-as.ts';
import { approveStimulation } from '../approve-stimulation.ts';
import { type DemoBrowserWorld, openDemoBrowserWorld } from '../browser-world.ts';
import { chromiumAvailable } from '../chromium.ts';
import { DEMO_CLINICIAN, submitLogIn } from '../web-log-in.ts';

const PHONE = { width: 390, height: 844 };
/** The strength the patient turns up to: below the short programme's warm-up ceiling. */
const PEAK_MA = 9;

let world: DemoBrowserWorld;

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
    world = await openDemoBrowserWorld('offline-player', { loginAttemptsPerMinute: 100 });
    // Alex's clinician approves the short calf programme (21 s), as the player's own test does.
    await approveStimulation(world.web.baseUrl, DEMO_CLINICIAN, world.alex.id, shortCalfProgramme());
    context = await world.web.browser.newContext({ viewport: PHONE, hasTouch: true });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  it('keeps a session played offline in the outbox and stores it once, with its peak, on reconnecting', async () => {
    const since = new Date().toISOString();
    await submitLogIn(page, world.web.baseUrl, world.alex);
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
