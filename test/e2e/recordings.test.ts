/**
 * Browser test of the clinician's recording flow: upload a C3D force recording on a patient's page,
 * identify, review the fit and save the identified model to the patient; then dose a programme by
 * evoked force with a saved model and an MVC, and read the predicted force of each contraction.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLINICIAN_EMAIL, DEMO_CLINICIAN_PASSWORD, loadDemo } from '../../src/api/demo-loader.ts';
import type { Database } from '../../src/store/database.ts';
import {
  chromiumAvailable,
  openWebAppInChromium,
  showPatientSection,
  type WebAppInChromium,
} from '../chromium.ts';
import { openMigratedPglite } from '../pglite-image.ts';

const ARTEFACTS = join(process.cwd(), 'test-results', 'e2e');

describe.skipIf(!chromiumAvailable)('force recording → identified model in Chromium', () => {
  let database: Database;
  let web: WebAppInChromium;
  let patientId: string;

  beforeAll(async () => {
    await mkdir(ARTEFACTS, { recursive: true });
    database = await openMigratedPglite();
    const demo = await loadDemo(database.db, { today: new Date() });
    patientId = demo.patients[0]?.id as string;
    web = await openWebAppInChromium(database, 'myotrophy-e2e-recordings-');
  }, 180_000);

  afterAll(async () => {
    await web?.close();
    await database?.close();
  });

  /** Logs the demo clinician in and opens the patient's page at its force recording form. */
  async function openPatientPage() {
    const page = await web.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(web.baseUrl);
    await page.getByLabel('Email').fill(DEMO_CLINICIAN_EMAIL);
    await page.getByLabel('Password').fill(DEMO_CLINICIAN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    // The import (with its chart) loads as its section comes near the screen, as on a phone: opened
    // at its anchor, the page holds it in view while the parts above it are drawn.
    await page.goto(`${web.baseUrl}/patients/${patientId}#force-recording`);
    const form = page.getByRole('form', { name: 'Force recording' });
    await form.waitFor({ timeout: 60_000 });
    return { page, form };
  }

  /** Uploads a sample recording with the form's fields filled in, identifies, and waits for the verdict. */
  async function identify(page: Page, form: Locator, sample: string, fields: Record<string, string>) {
    await form.getByLabel('Recording').setInputFiles(join(process.cwd(), 'examples/recordings', sample));
    for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
    await form.getByRole('button', { name: 'Identify' }).click();
    const result = page.getByRole('region', { name: 'Identification result' });
    await result.getByRole('status').waitFor({ timeout: 60_000 });
    return result;
  }

  it('uploads a C3D recording, shows the fit and its verdict, and saves the model to the patient', async () => {
    const { page, form } = await openPatientPage();
    const result = await identify(page, form, 'ding2003-person-int.c3d', { 'Trigger channel': 'TRIGGER' });
    expect(await result.getByRole('status').textContent()).toMatch(
      /^Good fit: the model follows the measured force/,
    );
    const rows = result.getByRole('table', { name: 'Identified parameters' }).locator('tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await rows.first().textContent()).toMatch(/^A3\d{3}/);
    expect(await result.locator('.recharts-line').count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(ARTEFACTS, 'recording-identified.png'), fullPage: true });
    await result.getByRole('button', { name: 'Save to the patient' }).click();
    await result.getByRole('button', { name: 'Saved to the patient' }).waitFor({ timeout: 30_000 });
    const saved = page.getByRole('list', { name: 'Identified models' });
    await saved.waitFor({ timeout: 30_000 });
    expect(await saved.textContent()).toMatch(/ding2003-identified from ding2003-person-int\.c3d — Good fit/);
    await page.close();
  }, 240_000);

  it('doses a programme by evoked force from a saved model and the MVC, and previews the force of each contraction', async () => {
    // A model that responds to current: Ben Hmed 2018 identified from the CSV recorded at 60 mA.
    const { page, form } = await openPatientPage();
    await form.getByLabel('Start model').selectOption('hmed2018');
    const result = await identify(page, form, 'ding2003-person.csv', {
      'Trigger channel': 'Trigger',
      'Current (mA)': '60',
    });
    await result.getByRole('button', { name: 'Save to the patient' }).click();
    await result.getByRole('button', { name: 'Saved to the patient' }).waitFor({ timeout: 30_000 });

    await page.reload();
    await showPatientSection(page, 'programme');
    const designer = page.getByRole('form', { name: 'Generate a programme' });
    await designer.waitFor({ timeout: 60_000 });
    const models = designer.getByLabel('Identified model');
    const option = models.locator('option', { hasText: 'hmed2018-identified from ding2003-person.csv' });
    await option.waitFor({ state: 'attached', timeout: 30_000 });
    await models.selectOption((await option.getAttribute('value')) as string);
    await designer.getByLabel('MVC (N)').fill('300');
    await designer.getByRole('button', { name: 'Generate programme' }).click();
    const dose = page.getByRole('region', { name: 'Dose by evoked force' });
    await dose.waitFor({ timeout: 60_000 });
    expect(await dose.getByRole('status').textContent()).toMatch(
      /^(Target reached on the first contractions|The target is out of reach|The target is reached, but)/,
    );
    const summary = (await dose.locator('p').nth(1).textContent()) ?? '';
    const [, target, mvc] = /Target (\d+) % MVC \(([\d.]+) N of 300 N\)/.exec(summary) ?? [];
    expect(Number(mvc)).toBeCloseTo((Number(target) / 100) * 300, 0);
    const first = /First contraction ([\d.]+) N \(([\d.]+) % MVC\)/.exec(summary);
    expect(Number(first?.[2])).toBeCloseTo((100 * Number(first?.[1])) / 300, 0);
    const rows = dose.getByRole('table', { name: 'Predicted force per contraction' }).locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(1);
    // The table's first row is the first contraction the summary names.
    expect(await rows.first().locator('td').first().textContent()).toBe(first?.[1]);
    expect(await dose.locator('.recharts-line').count()).toBe(2);
    await page.screenshot({ path: join(ARTEFACTS, 'programme-dosed-by-force.png'), fullPage: true });
    await page.close();
  }, 300_000);
});
