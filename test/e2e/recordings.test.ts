/**
 * Browser test of the clinician's recording flow: upload a C3D force recording on a patient's page,
 * identify, review the fit and save the identified model to the patient.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLINICIAN_EMAIL, DEMO_CLINICIAN_PASSWORD, loadDemo } from '../../src/api/demo-loader.ts';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { chromiumAvailable, openWebAppInChromium, type WebAppInChromium } from '../chromium.ts';

const ARTEFACTS = join(process.cwd(), 'test-results', 'e2e');

describe.skipIf(!chromiumAvailable)('force recording → identified model in Chromium', () => {
  let database: Database;
  let web: WebAppInChromium;
  let patientId: string;

  beforeAll(async () => {
    await mkdir(ARTEFACTS, { recursive: true });
    database = await openDatabase();
    const demo = await loadDemo(database.db, { today: new Date() });
    patientId = demo.patients[0]?.id as string;
    web = await openWebAppInChromium(database, 'myotrophy-e2e-recordings-');
  }, 180_000);

  afterAll(async () => {
    await web?.close();
    await database?.close();
  });

  it('uploads a C3D recording, shows the fit and its verdict, and saves the model to the patient', async () => {
    const page = await web.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(web.baseUrl);
    await page.getByLabel('Email').fill(DEMO_CLINICIAN_EMAIL);
    await page.getByLabel('Password').fill(DEMO_CLINICIAN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.goto(`${web.baseUrl}/patients/${patientId}`);
    const form = page.getByRole('form', { name: 'Force recording' });
    await form.waitFor({ timeout: 60_000 });
    await form
      .getByLabel('Recording')
      .setInputFiles(join(process.cwd(), 'examples/recordings/ding2003-person-int.c3d'));
    await form.getByLabel('Trigger channel').fill('TRIGGER');
    await form.getByRole('button', { name: 'Identify' }).click();
    const result = page.getByRole('region', { name: 'Identification result' });
    await result.getByRole('status').waitFor({ timeout: 60_000 });
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
});
