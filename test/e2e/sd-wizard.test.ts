/**
 * Browser test of the strength–duration test through the stimulator (issue 21, item 7), on the real
 * server, Chromium and the virtual ScienceMode4 stimulator: the safety gate refuses a train on a
 * muscle the screening did not cover and lists why; on the screened muscle the clinician raises the
 * current step by step at each width the device sets (longest first), marks the minimal visible
 * contraction, skips two widths, enters the widths beyond the device by hand, sees the fit and
 * records the test, which the API then holds with every threshold.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENING_KEYS } from '../../src/clinic/screening/contraindications.ts';
import { apiAs } from '../api-as.ts';
import { type DemoBrowserWorld, openDemoBrowserWorld } from '../browser-world.ts';
import { chromiumAvailable, showPatientSection } from '../chromium.ts';
import { DEMO_CLINICIAN, logIn } from '../web-log-in.ts';

let world: DemoBrowserWorld;
let baseUrl: string;
let browser: Browser;

async function deliver(page: Page, ma: number, widthUs: number): Promise<void> {
  const wizard = page.getByRole('region', { name: 'Strength–duration test through the stimulator' });
  await wizard.getByRole('button', { name: `Deliver ${ma} mA` }).click();
  await expect
    .poll(() => wizard.getByRole('status').textContent(), { timeout: 20_000 })
    .toMatch(new RegExp(`^Delivered [45] pulses at ${ma} mA, ${widthUs} µs \\(completed\\)\\.$`));
}

describe.skipIf(!chromiumAvailable)(
  'strength–duration test through the virtual stimulator, in Chromium',
  () => {
    beforeAll(async () => {
      world = await openDemoBrowserWorld('sd-wizard');
      ({ baseUrl, browser } = world.web);
    }, 900_000);

    afterAll(() => world?.close());

    it('steps the device’s widths through the gate, marks thresholds, adds manual widths and records the fit', async () => {
      const asClinician = await apiAs(baseUrl, DEMO_CLINICIAN);
      const patient = await asClinician('POST', '/api/patients', {
        name: 'Tess Threshold',
        birthDate: '1958-07-07',
        sex: 'female',
      });
      expect(patient.status).toBe(201);
      const id = patient.json.id as string;
      const coded = await asClinician('POST', `/api/patients/${id}/conditions`, {
        site: 'lower-leg',
        side: 'left',
        cause: 'cast',
      });
      expect(coded.status).toBe(201);
      const screened = await asClinician('POST', `/api/patients/${id}/screenings`, {
        screenedAt: new Date().toISOString(),
        answers: Object.fromEntries(SCREENING_KEYS.map((k) => [k, false])),
        electrodeSites: ['tibialis-anterior'],
        redFlagFindings: {},
      });
      expect(screened.status).toBe(201);

      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await logIn(page, baseUrl, DEMO_CLINICIAN);
      await page.goto(`${baseUrl}/patients/${id}`);
      await showPatientSection(page, 'sd');
      await page.getByRole('button', { name: 'Test through the stimulator' }).click();
      const wizard = page.getByRole('region', { name: 'Strength–duration test through the stimulator' });
      await wizard.waitFor();

      // A muscle the screening did not cover: the gate refuses before any byte, and says why.
      await wizard.getByLabel('Muscle tested').selectOption('quadriceps');
      await page.getByRole('button', { name: 'Deliver 1 mA' }).click();
      await wizard.getByRole('list', { name: 'Safety blockers' }).waitFor();
      expect(await wizard.getByRole('list', { name: 'Safety blockers' }).textContent()).toMatch(
        /quadriceps/i,
      );
      expect(await wizard.textContent()).toContain(
        'The safety gate refuses to send this train to the stimulator.',
      );

      // The screened muscle: 3 ms, 1 ms and 0.3 ms through the device, 0.1 and 0.05 ms skipped.
      await wizard.getByLabel('Muscle tested').selectOption('tibialis-anterior');
      await page.getByText('Pulse width 3 ms').waitFor();
      await deliver(page, 1, 3000);
      await deliver(page, 2, 3000);
      await page.getByRole('button', { name: 'Contraction seen at 2 mA' }).click();
      await page.getByText('Pulse width 1 ms').waitFor();
      await deliver(page, 2, 1000);
      await deliver(page, 3, 1000);
      await page.getByRole('button', { name: 'Contraction seen at 3 mA' }).click();
      await deliver(page, 3, 300);
      await deliver(page, 4, 300);
      await deliver(page, 5, 300);
      await page.getByRole('button', { name: 'Contraction seen at 5 mA' }).click();
      await page.getByRole('button', { name: 'Skip this width' }).click();
      await page.getByRole('button', { name: 'Skip this width' }).click();
      await page.getByText('Every width the stimulator sets is done').waitFor();

      // Beyond the ScienceMode4 range (4095 µs a point): entered by hand.
      for (const [w, ma] of [
        ['10', '1.7'],
        ['30', '1.6'],
        ['100', '1.6'],
        ['300', '1.6'],
      ] as const) {
        await wizard.getByLabel(`${w} ms`, { exact: true }).fill(ma);
      }
      await expect
        .poll(() => wizard.locator('.fit-preview').textContent())
        .toMatch(/^Fit: rheobase \d+\.\d\d mA, chronaxie \d+\.\d+ ms: /);
      await wizard.getByRole('button', { name: 'Fit and record' }).click();
      await expect.poll(() => wizard.getByRole('status').textContent()).toBe('Recorded.');

      const tests = await asClinician('GET', `/api/patients/${id}/sd-tests`);
      const items = tests.json.items as { site: string; side: string; points: unknown; rheobaseMa: number }[];
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ site: 'tibialis-anterior', side: 'left' });
      expect(items[0]?.points).toEqual([
        { widthMs: 0.3, thresholdMa: 5 },
        { widthMs: 1, thresholdMa: 3 },
        { widthMs: 3, thresholdMa: 2 },
        { widthMs: 10, thresholdMa: 1.7 },
        { widthMs: 30, thresholdMa: 1.6 },
        { widthMs: 100, thresholdMa: 1.6 },
        { widthMs: 300, thresholdMa: 1.6 },
      ]);
      expect(items[0]?.rheobaseMa).toBeGreaterThan(1.4);
      expect(items[0]?.rheobaseMa).toBeLessThan(1.8);
      await page.close();
    }, 900_000);
  },
);
