/**
 * Browser tests: a real server on 127.0.0.1 (random port, fresh PGlite data directory) and Debian's
 * Chromium driven through playwright-core. They walk the flows a newcomer, a clinician and a patient
 * take, keep screenshots under test-results/e2e/, and print the speed figure for the patient page
 * with two years of data (a benchmark figure, not an assertion).
 *
 * Set MYOTROPHY_UPDATE_SCREENSHOTS=1 to refresh docs/screenshot-*.png from this run.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longHistoryPatient } from '../../src/api/demo-data.ts';
import { DEMO_CLINICIAN_EMAIL, DEMO_CLINICIAN_PASSWORD, loadDemo } from '../../src/api/demo-loader.ts';
import { type BrowserWorld, emptyDatabase, openBrowserWorld } from '../browser-world.ts';
import { chromiumAvailable, showPatientSection } from '../chromium.ts';
import { DEMO_CLINICIAN, logIn } from '../web-log-in.ts';

const ARTEFACTS = join(process.cwd(), 'test-results', 'e2e');
const ADMIN = { name: 'Ada Admin', email: 'ada@clinic.example', password: 'first admin password' };
const PATIENT_PASSWORD = 'patient password 1';

let world: BrowserWorld;
let baseUrl: string;
let browser: Browser;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
}

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Log in' }).waitFor();
}

describe.skipIf(!chromiumAvailable)('web app in Chromium', () => {
  beforeAll(async () => {
    await mkdir(ARTEFACTS, { recursive: true });
    world = await openBrowserWorld('web', emptyDatabase);
    ({ baseUrl, browser } = world.web);
  }, 120_000);

  afterAll(() => world?.close());

  it('opens on first run, creates the admin and loads the demo, then shows the urgent patients first', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: 'Set up Myotrophy' }).waitFor();
    await shot(page, '01-first-run');
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password (at least 10 characters)').fill('short');
    await page.getByLabel('Password again').fill('short');
    await page.getByLabel('Password (at least 10 characters)').fill(ADMIN.password);
    await page.getByLabel('Password again').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.getByRole('heading', { name: 'Welcome to Myotrophy' }).waitFor({ timeout: 60_000 });
    await expect(page.getByText(DEMO_CLINICIAN_EMAIL)).toBeTruthy();
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    const list = page.getByRole('list', { name: 'Patients, most urgent first' });
    await list.getByRole('link').first().waitFor();
    const names = await list.locator('.patient-link .name').allTextContents();
    expect(names).toHaveLength(4);
    // Margaret has a red flag (high), so she comes first; Alex (cast, on track) comes last.
    expect(names[0]).toBe('Margaret Ellis');
    expect(await page.locator('.alert.high').count()).toBeGreaterThan(0);
    await page.getByLabel('Search by name').fill('reyes');
    expect(await list.locator('.patient-link .name').allTextContents()).toEqual(['Daniel Reyes']);
    await page.getByLabel('Search by name').fill('');
    await shot(page, '02-patient-list');
    // A second visit never shows setup again.
    const again = await (await fetch(`${baseUrl}/api/setup`)).json();
    expect(again).toEqual({ needsSetup: false });
    await logout(page);
    // A wrong password is said plainly.
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 })
      .toContain('email or password is wrong');
    await page.close();
  }, 120_000);

  it('lets a clinician code a diagnosis, screen, measure, and generate and approve a programme', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Log in by keyboard alone.
    await page.goto(baseUrl);
    await page.getByLabel('Email').focus();
    await page.keyboard.type(DEMO_CLINICIAN_EMAIL);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_CLINICIAN_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Log out' }).waitFor();

    await page.getByRole('button', { name: 'New patient' }).click();
    const newPatient = page.getByRole('form', { name: 'New patient' });
    await newPatient.getByLabel('Name').fill('Jordan Test');
    await newPatient.getByLabel('Date of birth').fill('1988-07-01');
    await newPatient.getByLabel('Sex').selectOption('female');
    await newPatient.getByRole('button', { name: 'Create patient' }).click();
    await page.getByRole('heading', { name: 'Jordan Test', level: 1 }).waitFor();
    const patientId = page.url().split('/').pop() as string;

    // Diagnosis: the left lower leg on the body diagram → M62.562; the cause (a cast) with its code.
    const coder = page.getByRole('form', { name: 'Code a diagnosis' });
    await coder.getByRole('button', { name: 'left lower leg' }).click();
    await expect
      .poll(() => coder.locator('.coded').first().textContent(), { timeout: 10_000 })
      .toContain('M62.562');
    await coder.getByLabel('Cause').selectOption('cast');
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await coder.getByLabel('Onset').fill(tenDaysAgo);
    await coder.getByLabel('Immobilised from').fill(tenDaysAgo);
    await coder.getByRole('button', { name: 'Record diagnosis' }).click();
    await page.getByText('Recorded M62.562').waitFor();
    await expect.poll(() => page.locator('#summary').textContent(), { timeout: 10_000 }).toContain('M62.562');

    // Screening at the calf: every answer no → clear at that site.
    const screening = page.getByRole('form', { name: 'Safety screening' });
    await screening.getByLabel('Triceps surae (gastrocnemius and soleus)').check();
    await screening.getByRole('button', { name: 'Answer “no” to every question' }).click();
    await screening.getByRole('button', { name: 'Record screening' }).click();
    await page.locator('#screening .verdict.clear').first().waitFor();

    // Calf circumference on both sides; the trajectory chart gains the measurement.
    const measurements = page.getByRole('form', { name: 'Add a measurement' });
    await measurements.getByLabel('Left (cm)').fill('36.4');
    await measurements.getByLabel('Right (cm)').fill('38.0');
    await measurements.getByRole('button', { name: 'Add measurement' }).click();
    await page.locator('#measurements td', { hasText: '36.4 cm' }).waitFor();
    // Charts and the designer are drawn when they come near the screen (web/src/lazy.tsx).
    await showPatientSection(page, 'trajectory');
    await page.locator('#trajectory figcaption', { hasText: '1 measurement' }).waitFor();
    // Beside the forecast, in words, what it rests on and what this patient's measurement adds.
    const basis = page.getByRole('region', { name: 'What this forecast is based on' });
    await basis.getByText(/^Based on \d+ stud(y|ies) of /).waitFor();
    await basis.getByText("Your patient's 1 measurement narrows the band", { exact: false }).waitFor();
    await shot(page, '03-diagnosis-and-measurements');

    // Programme: generate, break a limit (the safety check answers live), restore, save, approve.
    await showPatientSection(page, 'programme');
    await page
      .getByRole('form', { name: 'Generate a programme' })
      .getByLabel('Muscle')
      .selectOption('triceps-surae');
    await page.getByRole('button', { name: 'Generate programme' }).click();
    await page.locator('.safety.ok').waitFor();
    await page.locator('.simulation p', { hasText: 'fatigue index' }).waitFor({ timeout: 30_000 });
    const frequency = page.getByLabel('Level 1 Frequency (Hz)');
    const width = page.getByLabel('Level 1 Phase width (µs)');
    const intensity = page.getByLabel('Level 1 Max intensity (mA)');
    await width.fill('1000');
    await frequency.fill('100');
    await intensity.fill('250');
    await page.locator('.safety.bad', { hasText: 'r.m.s. current' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save as draft version' }).isDisabled()).toBe(true);
    await shot(page, '04-designer-unsafe');
    await width.fill('300');
    await frequency.fill('35');
    await intensity.fill('100');
    await page.locator('.safety.ok').waitFor();
    await page.getByRole('button', { name: 'Save as draft version' }).click();
    await page.getByRole('button', { name: 'Approve v1' }).click();
    await page.locator('#programme .status.approved').waitFor();
    await expect
      .poll(() => page.locator('#summary').textContent(), { timeout: 10_000 })
      .toContain('v1, approved');
    await page.locator('#programme').scrollIntoViewIfNeeded();
    await shot(page, '05-programme-approved');

    // The patient gets their one login by an invitation from the care team (here through the API),
    // sets a password with the link, logs in and logs a session.
    const json = { 'content-type': 'application/json' };
    const clinician = (await (
      await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: DEMO_CLINICIAN_EMAIL, password: DEMO_CLINICIAN_PASSWORD }),
      })
    ).json()) as { token: string };
    const invitation = await fetch(`${baseUrl}/api/invitations`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${clinician.token}` },
      body: JSON.stringify({
        role: 'patient',
        email: 'jordan@patients.example',
        name: 'Jordan Test',
        patientId,
      }),
    });
    expect(invitation.status).toBe(201);
    const { token } = (await invitation.json()) as { token: string };
    const created = await fetch(`${baseUrl}/api/invitations/accept`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ token, password: PATIENT_PASSWORD }),
    });
    expect(created.status).toBe(201);
    await logout(page);

    await logIn(page, baseUrl, { email: 'jordan@patients.example', password: PATIENT_PASSWORD });
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await page.getByText('2 of 2 stimulation sessions still due today').waitFor();
    await page.getByText('Where the electrodes go').waitFor();
    expect(await page.locator('#progress figure[aria-label="Comfort and pain trend"]').count()).toBe(0);
    const form = page.getByRole('form', { name: 'Log a session' });
    await form.getByLabel('Minutes').fill('40');
    await form.getByLabel('Peak intensity (mA)').fill('32');
    await form.getByLabel('Comfort (0 very uncomfortable – 10 comfortable)').fill('7');
    await form.getByLabel('Pain (0 none – 10 worst)').fill('2');
    await form.getByLabel('Notes').fill('Strong contractions, no skin redness.');
    await form.getByRole('button', { name: 'Log session' }).click();
    await page.getByRole('status').filter({ hasText: 'Session logged' }).waitFor();
    await page.getByText('1 of 2 stimulation sessions still due today').waitFor();
    // The progress chart moves: the comfort and pain lines appear with today's session.
    const trend = page.locator('#progress figure[aria-label="Comfort and pain trend"]');
    await page.locator('#progress').scrollIntoViewIfNeeded();
    await trend.waitFor();
    await expect
      .poll(() => trend.locator('.recharts-line-dot').count(), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    await shot(page, '06-patient-today');

    // At a phone's width the page fits without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, '07-patient-today-phone');

    // The handout, with its print stylesheet.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Handout' }).click();
    await page.getByRole('heading', { name: 'What is muscle atrophy?' }).waitFor();
    await expect.poll(() => page.locator('.handout').textContent(), { timeout: 10_000 }).toContain('sets');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print handout' }).isVisible()).toBe(false);
    await page.setViewportSize({ width: 1000, height: 1200 });
    await shot(page, '08-handout-print');
    await page.close();
  }, 180_000);

  it('opens the patient page with two years of data (speed figure)', async () => {
    const result = await loadDemo(world.database.db, {
      onlyExtra: true,
      extraPatients: [longHistoryPatient(new Date(), 730)],
    });
    const patient = result.patients[0];
    expect(patient?.sessions).toBeGreaterThan(1000);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, baseUrl, DEMO_CLINICIAN);
    // Warm the browser cache with the app's code once, as a returning clinician would have it.
    await page.goto(`${baseUrl}/patients/${patient?.id}`);
    await showPatientSection(page, 'trajectory');
    await page.locator('#trajectory .recharts-surface').first().waitFor();
    const timings: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      await page.goto(`${baseUrl}/patients/${patient?.id}`);
      await showPatientSection(page, 'trajectory');
      await page.locator('#trajectory .recharts-scatter').first().waitFor();
      await showPatientSection(page, 'adherence');
      await page.locator('#adherence .calendar').waitFor();
      await showPatientSection(page, 'programme');
      await page.locator('#programme table').first().waitFor();
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    const figure = {
      benchmark: 'web: patient page usable, two years of data',
      sessions: patient?.sessions,
      medianMs: Math.round(timings[1] as number),
      runsMs: timings.map(Math.round),
      targetMs: 1000,
    };
    process.stdout.write(`${JSON.stringify(figure)}\n`);
    await page.locator('#summary').scrollIntoViewIfNeeded();
    await shot(page, '09-patient-two-years');
    const demoPage = page;
    const patients = await (await demoPage.request.get(`${baseUrl}/api/patients`)).json();
    const okafor = patients.items.find((p: { name: string }) => p.name === 'Brigitte Okafor');
    await demoPage.goto(`${baseUrl}/patients/${okafor.id}`);
    await showPatientSection(demoPage, 'trajectory');
    await demoPage.locator('#trajectory .recharts-scatter').first().waitFor();
    await demoPage.waitForTimeout(300);
    await shot(demoPage, '10-patient-demo');
    if (process.env.MYOTROPHY_UPDATE_SCREENSHOTS === '1') {
      // The page's top (name, section nav, summary with its alerts), where a clinician starts.
      await demoPage.evaluate('window.scrollTo(0, 0)');
      await demoPage.waitForTimeout(300);
      await demoPage.screenshot({ path: join(ARTEFACTS, 'screenshot-patient.png'), fullPage: false });
      await demoPage
        .locator('#trajectory')
        .screenshot({ path: join(ARTEFACTS, 'screenshot-trajectory.png') });
      for (const name of ['screenshot-patient.png', 'screenshot-trajectory.png']) {
        await copyFile(join(ARTEFACTS, name), join(process.cwd(), 'docs', name));
      }
    }
    await page.close();
  }, 120_000);
});
