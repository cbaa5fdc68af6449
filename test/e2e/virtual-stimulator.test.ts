/**
 * Browser test of the session player on the virtual stimulator: a clinician opens
 * /virtual-stimulator, starts the 21 s demonstration programme, raises the intensity, and stops it
 * with the emergency stop; a second run plays to the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, emptyDatabase, openBrowserWorld } from '../browser-world.ts';
import { chromiumAvailable } from '../chromium.ts';
import { setUpFirstAdmin } from '../web-log-in.ts';

const ADMIN = { name: 'Vera Virtual', email: 'vera@clinic.example', password: 'first admin password' };

let world: BrowserWorld;

describe.skipIf(!chromiumAvailable)('session player on the virtual stimulator, in Chromium', () => {
  beforeAll(async () => {
    world = await openBrowserWorld('player', emptyDatabase);
  }, 120_000);

  afterAll(() => world?.close());

  it('starts, raises the intensity within the ceiling, stops at once on the emergency stop, and plays a whole session', async () => {
    const page = await world.web.browser.newPage({ viewport: { width: 390, height: 844 } });
    await setUpFirstAdmin(page, world.web.baseUrl, ADMIN, 'with the demo');
    await page.goto(`${world.web.baseUrl}/virtual-stimulator`);
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
