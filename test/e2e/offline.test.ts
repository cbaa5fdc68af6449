/**
 * Browser test of the app offline (issue 18 item 1) on the real server and Debian's Chromium, on a
 * phone-sized screen, the connection cut through the DevTools protocol (Playwright's setOffline):
 *  - the app is installable: it links a web app manifest, and a service worker controls the page
 *    once a patient has logged in;
 *  - offline, three sessions logged by hand wait on the device, the patient reads that they are
 *    waiting, Today opens again after a reload with no connection, and when the connection returns
 *    exactly three sessions are stored (each once, under its own Idempotency-Key);
 *  - a log made offline that the server refuses on sync (a red flag paused the programme meanwhile)
 *    is shown to the patient with the reason, not dropped, until they have read it.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAUSE_HEADLINE } from '../../src/clinic/safety/red-flag-pause.ts';
import { apiAs as apiAt } from '../api-as.ts';
import { type DemoBrowserWorld, openDemoBrowserWorld } from '../browser-world.ts';
import { chromiumAvailable } from '../chromium.ts';
import { DEMO_CLINICIAN, submitLogIn } from '../web-log-in.ts';

const PHONE = { width: 390, height: 844 };
/** Minutes that no demo session has, so the sessions this test logs can be told apart. */
const OFFLINE_MINUTES = [31, 32, 33];
const REFUSED_MINUTES = 34;

let world: DemoBrowserWorld;

const apiAs = (who: { email: string; password: string }) => apiAt(world.web.baseUrl, who);

/** The minutes of every session stored for Alex, read through the API. */
async function storedMinutes(): Promise<number[]> {
  const asAlex = await apiAs(world.alex);
  const listed = await asAlex('GET', `/api/patients/${world.alex.id}/sessions?limit=5000`);
  return (listed.json.items as { minutes: number }[]).map((s) => s.minutes);
}

const ours = (minutes: number[], wanted: number[]) => minutes.filter((m) => wanted.includes(m)).sort();

async function logByHand(page: Page, minutes: number): Promise<void> {
  const form = page.getByRole('form', { name: 'Log a session' });
  await form.scrollIntoViewIfNeeded();
  await form.getByLabel('Kind').selectOption('exercise');
  await form.getByLabel('Minutes').fill(String(minutes));
  await form.getByRole('button', { name: 'Log session' }).click();
  await form.getByText('Kept on this device: it will be sent when you are back online.').waitFor();
}

const waiting = (page: Page) => page.locator('.kept-logs [role="status"]');

describe.skipIf(!chromiumAvailable)('the app offline on a phone (Chromium)', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    world = await openDemoBrowserWorld('offline', { loginAttemptsPerMinute: 100 });
    context = await world.web.browser.newContext({ viewport: PHONE, hasTouch: true });
    page = await context.newPage();
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  it('is installable: a manifest, and a service worker controls the patient’s page', async () => {
    await submitLogIn(page, world.web.baseUrl, world.alex);
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = (await (await fetch(`${world.web.baseUrl}${manifestHref}`)).json()) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({ name: 'Myotrophy', start_url: '/', display: 'standalone' });
    // PNG icons for launchers that take no SVG (iOS, older Android), each served as a PNG of its size.
    const pngs = (manifest.icons as { src: string; sizes: string; type: string; purpose: string }[]).filter(
      (icon) => icon.type === 'image/png',
    );
    expect(pngs.map((icon) => [icon.src, icon.sizes, icon.purpose])).toEqual([
      ['/icon-192.png', '192x192', 'any maskable'],
      ['/icon-512.png', '512x512', 'any maskable'],
    ]);
    const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    for (const [src, side] of [
      ...pngs.map((icon) => [icon.src, Number.parseInt(icon.sizes, 10)] as const),
      [touchIcon, 180] as const,
    ]) {
      const response = await fetch(`${world.web.baseUrl}${src}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      // A PNG's width and height are the big-endian words at bytes 16 and 20 of its IHDR chunk.
      const header = new DataView(await response.arrayBuffer());
      expect([header.getUint32(16), header.getUint32(20)]).toEqual([side, side]);
    }
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
    // Once controlled, a visit keeps what Today reads for the next time there is no connection.
    await page.reload();
    await page.getByRole('form', { name: 'Log a session' }).waitFor();
  }, 120_000);

  it('keeps three sessions logged offline through a reload and stores each exactly once on reconnecting', async () => {
    await context.setOffline(true);
    for (const minutes of OFFLINE_MINUTES) await logByHand(page, minutes);
    await expect
      .poll(() => waiting(page).textContent())
      .toContain('3 sessions waiting to be sent — they will be sent when you are back online.');
    expect(ours(await storedMinutes(), OFFLINE_MINUTES)).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await waiting(page).waitFor();
    expect(await waiting(page).textContent()).toContain('3 sessions waiting to be sent');
    expect(await waiting(page).locator('li').allTextContents()).toEqual(
      OFFLINE_MINUTES.map((m) =>
        expect.stringMatching(
          new RegExp(`^Exercises, ${m} minutes, started \\w+day \\d+ \\w+ at \\d\\d:\\d\\d$`),
        ),
      ),
    );

    await context.setOffline(false);
    await waiting(page).waitFor({ state: 'detached', timeout: 30_000 });
    expect(ours(await storedMinutes(), OFFLINE_MINUTES)).toEqual(OFFLINE_MINUTES);
    // Opening Today again sends nothing twice.
    await page.reload();
    await page.getByRole('form', { name: 'Log a session' }).waitFor();
    expect(await waiting(page).count()).toBe(0);
    expect(ours(await storedMinutes(), OFFLINE_MINUTES)).toEqual(OFFLINE_MINUTES);
  }, 180_000);

  it('shows the patient a log refused on sync (a red flag paused the programme meanwhile), not dropping it', async () => {
    await context.setOffline(true);
    await logByHand(page, REFUSED_MINUTES);
    const asClinician = await apiAs(DEMO_CLINICIAN);
    const screened = await asClinician('POST', `/api/patients/${world.alex.id}/screenings`, {
      screenedAt: new Date().toISOString(),
      answers: {},
      electrodeSites: [],
      redFlagFindings: { breathlessLyingFlat: true },
    });
    expect(screened.status, JSON.stringify(screened.json)).toBe(201);

    await context.setOffline(false);
    const refused = page.locator('.kept-logs [role="alert"]');
    await refused.waitFor({ timeout: 30_000 });
    const words = await refused.textContent();
    expect(words).toMatch(
      new RegExp(`^This session was not saved: Exercises, ${REFUSED_MINUTES} minutes, started `),
    );
    expect(words).toContain(PAUSE_HEADLINE);
    expect(ours(await storedMinutes(), [REFUSED_MINUTES])).toEqual([]);
    // Still there after a reload: it leaves only when the patient has read it.
    await page.reload();
    await refused.waitFor();
    await refused.getByRole('button', { name: 'I have read this' }).click();
    await refused.waitFor({ state: 'detached' });
    expect(ours(await storedMinutes(), [REFUSED_MINUTES])).toEqual([]);
  }, 180_000);
});
