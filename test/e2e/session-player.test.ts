/**
 * Browser test of the patient's session player (issue 21 item 6) on the real server and Debian's
 * Chromium, on a phone-sized screen (390 × 844):
 *  - a full (21 s) programme on the virtual stimulator: today's programme → connect → the pads
 *    drawing → strength + / − → timer (phase, contractions left, time) → pause / carry on → the aim's
 *    cue → comfort and pain → logged once with its Idempotency-Key, the delivered parameters and the
 *    device's identity; the log request replayed → still exactly one stored session (checked through
 *    the API); axe finds no accessibility violation on any step;
 *  - the strength never goes beyond the clinician's ceiling, and an emergency stop is logged as
 *    interrupted, once, even when the page is reloaded before the questions are answered; the
 *    questions show only once the log is kept on the phone, however slowly that goes, and until then
 *    the STOP bar says that stimulation has stopped;
 *  - a paused patient sees the pause, not the player;
 *  - on a programme with two channels (both calves) each channel has its own − / +, named by where its
 *    pads are, and the stored session carries each channel's own peak; a manual session asks the
 *    highest strength for each pair of pads, named the same way, and stores each.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAUSE_HEADLINE } from '../../src/clinic/safety/red-flag-pause.ts';
import { shortCalfProgramme, twoCalfProgramme } from '../../src/device/demo-session.ts';
import { EMULATOR_DEVICE_ID } from '../../src/device/emulator/virtual-stimulator.ts';
import { apiAs as apiAt } from '../api-as.ts';
import { approveStimulation } from '../approve-stimulation.ts';
import { accessibilityViolations } from '../axe.ts';
import { type DemoBrowserWorld, type DemoPatient, openDemoBrowserWorld } from '../browser-world.ts';
import { chromiumAvailable } from '../chromium.ts';
import { DEMO_CLINICIAN, logIn } from '../web-log-in.ts';

const PHONE = { width: 390, height: 844 };
const short = shortCalfProgramme();
const WARM_UP_CEILING_MA = short.levels[0]?.blocks[0]?.maxIntensityMa as number;

/** What beforeAll opens: the data directory, its database with the demo, the served app and its Chromium. */
let world: DemoBrowserWorld;

/** The API as one person: a bearer token from their login, then any request. */
const apiAs = (who: { email: string; password: string }) => apiAt(world.web.baseUrl, who);

interface StoredSession {
  id: string;
  startedAt: string;
  minutes: number;
  completed: boolean;
  peakIntensityMa: number | null;
  comfort: number | null;
  pain: number | null;
  notes: string | null;
  programmeId: string | null;
  evokedForce: { step?: string } | null;
  delivery: (Record<string, unknown> & { device: Record<string, unknown> | null }) | null;
}

/** The sessions the player logged for Alex since `since` (read through the API). */
async function playerSessions(since: string): Promise<StoredSession[]> {
  const asAlex = await apiAs(world.alex);
  const listed = await asAlex(
    'GET',
    `/api/patients/${world.alex.id}/sessions?from=${encodeURIComponent(since)}`,
  );
  return (listed.json.items as StoredSession[]).filter((s) => s.delivery !== null);
}

/** From Today to the playing step on the practice stimulator. */
async function startOnVirtualStimulator(page: Page, checkAccessibility: boolean): Promise<void> {
  await page.goto(world.web.baseUrl);
  await page.getByRole('link', { name: 'Start today’s session' }).click();
  await page.getByRole('heading', { name: '1. How will you do it today?' }).waitFor();
  if (checkAccessibility) expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByLabel(/The practice stimulator on this screen/).check();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('heading', { name: '2. Put the pads on' }).waitFor();
  await page.locator('figure.placement').first().waitFor();
  if (checkAccessibility) expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'The pads are on: start' }).click();
  await page.getByRole('heading', { name: '3. Your session' }).waitFor();
}

const stronger = (page: Page) => page.getByRole('button', { name: '+ Stronger' });
const weaker = (page: Page) => page.getByRole('button', { name: '− Weaker' });
const strength = (page: Page) => page.locator('output.strength-value');

/** Alex's clinician approves `stimulation` in place of the approved programme, through the API. */
const approveForAlex = (stimulation: unknown) =>
  approveStimulation(world.web.baseUrl, DEMO_CLINICIAN, world.alex.id, stimulation);

describe.skipIf(!chromiumAvailable)("the patient's session player on a phone (Chromium)", () => {
  beforeAll(async () => {
    // Each test logs in again, above the default login limit.
    world = await openDemoBrowserWorld('session-player', { loginAttemptsPerMinute: 100 });
    // Alex's clinician approves a short version of the calf programme (21 s: warm-up, two contractions, cool-down).
    await approveForAlex(short);
  }, 240_000);

  afterAll(() => world?.close());

  it('plays a whole programme on the virtual stimulator and logs it once, even when the log is sent again', async () => {
    const since = new Date().toISOString();
    const page = await world.web.browser.newPage({ viewport: PHONE, hasTouch: true });
    await logIn(page, world.web.baseUrl, world.alex);
    await startOnVirtualStimulator(page, true);
    await expect
      .poll(() => page.locator('.timer .phase').textContent(), { timeout: 10_000 })
      .toMatch(/^Warm-up/);
    expect(await page.getByTestId('contractions-left').textContent()).toBe('2 of 2');
    await expect.poll(() => stronger(page).isEnabled(), { timeout: 10_000 }).toBe(true);
    for (let i = 0; i < 12; i += 1) await stronger(page).click();
    await weaker(page).click();
    expect(await strength(page).textContent()).toBe('11 mA');
    await stronger(page).click();
    expect(await strength(page).textContent()).toBe('12 mA');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Carry on' }).click();
    // At the first contraction, the patient says what they see: the aim is reached.
    await expect.poll(() => page.locator('.timer .phase').textContent(), { timeout: 20_000 }).toBe('Tighten');
    await page.getByLabel('The muscle tightens enough to move the joint a little').check();
    expect(await page.locator('.aim .cue').textContent()).toBe('That is the aim. Keep this strength.');
    // The STOP stays on screen, at the bottom of the phone's screen.
    const stop = await page.getByRole('button', { name: /^STOP/ }).boundingBox();
    expect(stop && stop.y + stop.height).toBeLessThanOrEqual(PHONE.height);
    expect(stop?.height).toBeGreaterThanOrEqual(60);
    await expect
      .poll(() => page.getByTestId('contractions-left').textContent(), { timeout: 30_000 })
      .toBe('0 of 2');
    await page
      .getByRole('heading', { name: 'Well done: the session is finished.' })
      .waitFor({ timeout: 30_000 });
    expect(await accessibilityViolations(page)).toEqual([]);

    const logRequest = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith(`/api/patients/${world.alex.id}/sessions`),
    );
    await page
      .getByRole('group', { name: 'How comfortable was it?' })
      .getByText('7', { exact: true })
      .click();
    await page.getByRole('group', { name: 'How much did it hurt?' }).getByText('1', { exact: true }).click();
    await page.getByLabel(/in your own words/).fill('A tingle, then a good squeeze.');
    await page.getByRole('button', { name: 'Save my session' }).click();
    const request = await logRequest;
    await page.getByRole('heading', { name: 'Your session is saved.' }).waitFor();
    const headers = await request.allHeaders();
    expect(headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);

    // The same request again (a retry that never saw its answer): answered with the stored session.
    const replay = await page.evaluate(
      async ({ url, body, key, csrf }) => {
        const r = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-csrf-token': csrf },
          body,
        });
        return { status: r.status, replayed: r.headers.get('idempotent-replayed') };
      },
      {
        url: request.url(),
        body: request.postData() ?? '',
        key: headers['idempotency-key'] ?? '',
        csrf: headers['x-csrf-token'] ?? '',
      },
    );
    expect(replay).toEqual({ status: 200, replayed: 'true' });
    await page.reload();
    await page.getByRole('heading', { name: '1. How will you do it today?' }).waitFor();

    const stored = await playerSessions(since);
    expect(stored).toHaveLength(1);
    const [session] = stored;
    expect(session).toMatchObject({
      completed: true,
      peakIntensityMa: 12,
      comfort: 7,
      pain: 1,
      notes: 'A tingle, then a good squeeze.',
      evokedForce: { step: 'partial-movement' },
    });
    const d: Record<string, unknown> = session?.delivery ?? {};
    expect([d.mode, d.level, d.stopReason, d.contractions, d.intensityAtAimMa]).toEqual([
      'virtual-stimulator',
      1,
      'completed',
      2,
      12,
    ]);
    expect([d.deliveredMinutes, d.plannedMinutes, d.peakCurrentMaByChannel, d.faults]).toEqual([
      0.35,
      0.35,
      { '1': 12 },
      [],
    ]);
    expect(session?.delivery?.device).toMatchObject({
      protocol: 'sciencemode4',
      deviceId: EMULATOR_DEVICE_ID,
    });
    expect(session?.delivery?.frequencyHz).toHaveLength(3);
    await page.close();
  }, 240_000);

  it('keeps the strength within the ceiling, and logs an emergency stop as interrupted once, across reloads', async () => {
    const since = new Date().toISOString();
    const page = await world.web.browser.newPage({ viewport: PHONE, hasTouch: true });
    await logIn(page, world.web.baseUrl, world.alex);
    // The outbox's store code is held back until after STOP, so keeping the log takes a while (as on
    // a slow phone): the questions must wait for it, or a reload from them would lose the log.
    let releaseStore = () => {};
    const storeHeld = new Promise<void>((resolve) => {
      releaseStore = resolve;
    });
    await page.route(/\/assets\/outbox-db-[^/]*\.js$/, async (route) => {
      await storeHeld;
      await route.continue();
    });
    await startOnVirtualStimulator(page, false);
    await expect.poll(() => stronger(page).isEnabled(), { timeout: 10_000 }).toBe(true);
    for (let i = 0; i < 200 && (await stronger(page).isEnabled()); i += 1) await stronger(page).click();
    expect(await strength(page).textContent()).toBe(`${WARM_UP_CEILING_MA} mA`);
    expect(await page.locator('.strength-hint').textContent()).toBe(
      `Up to ${WARM_UP_CEILING_MA} mA now, as your clinic set.`,
    );
    await page.getByRole('button', { name: /^STOP/ }).click();
    // At once, while the log is kept: the bar says stimulation has stopped (a second STOP would do nothing).
    await page.getByRole('status').filter({ hasText: 'Stimulation stopped. Saving your session…' }).waitFor();
    expect(await page.getByRole('button', { name: /^STOP/ }).count()).toBe(0);
    expect(await strength(page).textContent()).toBe('0 mA');
    expect(await page.locator('.strength-hint').count()).toBe(0);
    expect(await page.locator('.timer .phase').textContent()).toBe('Stopped');
    const stopped = page.getByRole('heading', { name: 'The session stopped when you pressed STOP.' });
    await page.waitForTimeout(500);
    expect(await stopped.count()).toBe(0);
    releaseStore();
    await stopped.waitFor();
    // Reloaded before the questions are answered: the kept log goes with its key, once.
    const sent = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/sessions'),
    );
    await page.reload();
    expect((await sent).status()).toBe(201);
    await page.reload();
    await page.getByRole('heading', { name: '1. How will you do it today?' }).waitFor();
    await page.waitForLoadState('networkidle');

    const stored = await playerSessions(since);
    expect(stored).toHaveLength(1);
    const [session] = stored;
    expect(session).toMatchObject({ completed: false, comfort: null, pain: null });
    expect(session?.delivery).toMatchObject({ mode: 'virtual-stimulator', stopReason: 'emergency-stop' });
    expect(session?.peakIntensityMa).toBeLessThanOrEqual(WARM_UP_CEILING_MA);
    expect(session?.delivery?.peakCurrentMaByChannel).toEqual({ '1': session?.peakIntensityMa });
    expect(session?.delivery?.deliveredMinutes).toBeLessThan(0.35);
    // Today's log says how long the stopped session lasted, in seconds: never "0" minutes.
    await page.goto(world.web.baseUrl);
    const length = page.locator('table.stacked tbody tr').first().locator('td[data-label="Length"]');
    await length.waitFor();
    expect(await length.textContent()).toBe(`${Math.round((session?.minutes ?? Number.NaN) * 60)} seconds`);
    await page.close();
  }, 180_000);

  it('shows a paused patient the pause, not the player', async () => {
    const margaret = world.demo.patients.find((p) => p.name === 'Margaret Ellis') as DemoPatient;
    const page = await world.web.browser.newPage({ viewport: PHONE });
    await logIn(page, world.web.baseUrl, margaret);
    await page.goto(`${world.web.baseUrl}/session`);
    await page.getByRole('heading', { name: 'Today’s session' }).waitFor();
    const alert = page.locator('.paused[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(PAUSE_HEADLINE);
    expect(await page.getByRole('heading', { name: '1. How will you do it today?' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  }, 120_000);

  describe('a programme on both calves (two channels)', () => {
    const LEFT_MA = 9;
    const RIGHT_MA = 14;
    const channel = (page: Page, name: string) => page.getByRole('group', { name: `Strength: ${name}` });

    /** Comfort and pain on their 0–10 scales, then Save. */
    async function saveHowItFelt(page: Page, comfort: number, pain: number): Promise<void> {
      for (const [legend, n] of [
        ['How comfortable was it?', comfort],
        ['How much did it hurt?', pain],
      ] as const) {
        await page.getByRole('group', { name: legend }).getByText(String(n), { exact: true }).click();
      }
      await page.getByRole('button', { name: 'Save my session' }).click();
    }

    /** Alex's phone on Today's session player. */
    async function openPlayer(): Promise<Page> {
      const page = await world.web.browser.newPage({ viewport: PHONE, hasTouch: true });
      await logIn(page, world.web.baseUrl, world.alex);
      await page.goto(world.web.baseUrl);
      await page.getByRole('link', { name: 'Start today’s session' }).click();
      return page;
    }

    /**
     * Once saved, the one session stored since `since` carries how it felt and both channels' peaks,
     * stopped as completed or by the patient; the page closes.
     */
    async function expectSavedWithBothPeaks(
      page: Page,
      since: string,
      mode: string,
      session: Pick<StoredSession, 'completed' | 'comfort' | 'pain'>,
    ): Promise<void> {
      await page.getByRole('heading', { name: 'Your session is saved.' }).waitFor();
      const stored = await playerSessions(since);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ ...session, peakIntensityMa: RIGHT_MA });
      expect(stored[0]?.delivery).toMatchObject({
        mode,
        stopReason: session.completed ? 'completed' : 'stopped-by-user',
        peakCurrentMaByChannel: { '1': LEFT_MA, '2': RIGHT_MA },
      });
      await page.close();
    }

    beforeAll(() => approveForAlex(twoCalfProgramme()), 120_000);

    it("ramps each channel on its own with its own − / +, and logs each channel's peak", async () => {
      const since = new Date().toISOString();
      const page = await openPlayer();
      await page.getByLabel(/The practice stimulator on this screen/).check();
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByRole('heading', { name: '2. Put the pads on' }).waitFor();
      // A drawing for each pair of pads.
      expect(await page.locator('figure.placement figcaption strong').allTextContents()).toEqual([
        'Calf muscles, left side (back of the body, seen from behind)',
        'Calf muscles, right side (back of the body, seen from behind)',
      ]);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'The pads are on: start' }).click();
      await page.getByRole('heading', { name: '3. Your session' }).waitFor();

      const left = channel(page, 'Left calf muscles');
      const right = channel(page, 'Right calf muscles');
      const leftUp = left.getByRole('button', { name: '+ Stronger, Left calf muscles' });
      const rightUp = right.getByRole('button', { name: '+ Stronger, Right calf muscles' });
      const rightDown = right.getByRole('button', { name: '− Weaker, Right calf muscles' });
      await expect.poll(() => leftUp.isEnabled(), { timeout: 10_000 }).toBe(true);
      for (let i = 0; i < LEFT_MA; i += 1) await leftUp.click();
      // Down and up again, never above RIGHT_MA: the device acknowledges a strength within a tick, so
      // a step above would be the logged peak on a slow machine.
      for (let i = 0; i < RIGHT_MA; i += 1) await rightUp.click();
      await rightDown.click();
      expect(await right.locator('output.strength-value').textContent()).toBe(`${RIGHT_MA - 1} mA`);
      await rightUp.click();
      expect(await left.locator('output.strength-value').textContent()).toBe(`${LEFT_MA} mA`);
      expect(await right.locator('output.strength-value').textContent()).toBe(`${RIGHT_MA} mA`);
      expect(await page.locator('.strength-hint').textContent()).toBe(
        `Each up to ${WARM_UP_CEILING_MA} mA now, as your clinic set.`,
      );
      // Large touch targets on the phone's screen, inside its width.
      for (const button of await page.locator('.strength button.step').all()) {
        const box = await button.boundingBox();
        expect(box?.height).toBeGreaterThanOrEqual(48);
        expect(box?.width).toBeGreaterThanOrEqual(48);
        expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      }
      expect(await accessibilityViolations(page)).toEqual([]);

      await page
        .getByRole('heading', { name: 'Well done: the session is finished.' })
        .waitFor({ timeout: 40_000 });
      await saveHowItFelt(page, 8, 0);
      const felt = { completed: true, comfort: 8, pain: 0 };
      await expectSavedWithBothPeaks(page, since, 'virtual-stimulator', felt);
    }, 180_000);

    it('asks a manual session for the highest strength on each pair of pads, and stores each', async () => {
      const since = new Date().toISOString();
      const page = await openPlayer();
      await page.getByLabel(/My own stimulator, not connected/).check();
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await page.getByRole('button', { name: 'The pads are on: start' }).click();
      await page.getByRole('heading', { name: '3. Your session' }).waitFor();
      await page.getByRole('button', { name: 'STOP (emergency stop)' }).click();
      await page
        .getByRole('heading', { name: 'The session stopped early. Switch your stimulator off.' })
        .waitFor();

      const peaks = page.getByRole('group', {
        name: 'The highest strength you used on each pair of pads (mA)',
      });
      const left = peaks.getByLabel('Left calf muscles');
      const right = peaks.getByLabel('Right calf muscles');
      expect(await left.getAttribute('max')).toBe(
        String(Math.max(...(short.levels[0]?.blocks ?? []).map((b) => b.maxIntensityMa))),
      );
      // Whole mA only: the browser holds the form back on a fraction.
      await left.fill('9.5');
      await right.fill(String(RIGHT_MA));
      await saveHowItFelt(page, 7, 1);
      expect(
        await left.evaluate(
          (input) => (input as { validity: { stepMismatch: boolean } }).validity.stepMismatch,
        ),
      ).toBe(true);
      expect(await playerSessions(since)).toEqual([]);
      await left.fill(String(LEFT_MA));
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Save my session' }).click();
      await expectSavedWithBothPeaks(page, since, 'manual', { completed: false, comfort: 7, pain: 1 });
    }, 120_000);
  });
});
