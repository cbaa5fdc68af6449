/**
 * The forms (issue 17 item 4), in Chromium against a real server, on a desktop and at 390 px:
 * fields checked by the API's own schemas before anything is sent, with what is wrong said beside
 * the field in plain words; the designer's numbers typed digit by digit, with their unit and range;
 * a new diagnosis that starts with no code; a short "Saved" status after each save; axe clean.
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLINICIAN_EMAIL, DEMO_CLINICIAN_PASSWORD, loadDemo } from '../../src/api/demo-loader.ts';
import type { Database } from '../../src/store/database.ts';
import { accessibilityViolations } from '../axe.ts';
import {
  chromiumAvailable,
  openWebAppInChromium,
  showPatientSection,
  type WebAppInChromium,
} from '../chromium.ts';
import { openMigratedPglite } from '../pglite-image.ts';

let web: WebAppInChromium;
let database: Database;
let demoPatient: { id: string; name: string };

/** The requests the page sends to `path` with `method`, recorded from now on. */
function requestsTo(page: Page, method: string, path: RegExp): { body: unknown }[] {
  const seen: { body: unknown }[] = [];
  page.on('request', (request) => {
    if (request.method() === method && path.test(new URL(request.url()).pathname)) {
      seen.push({ body: request.postDataJSON() });
    }
  });
  return seen;
}

/** The field (label, input, unit, range, error) around the input labelled `name`. */
const fieldOf = (page: Page, name: string) =>
  page.locator('.field').filter({ has: page.getByLabel(name, { exact: true }) });

async function clinicianPage(width: number): Promise<Page> {
  const context = await web.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const answer = await page.request.post(`${web.baseUrl}/api/auth/login`, {
    data: { email: DEMO_CLINICIAN_EMAIL, password: DEMO_CLINICIAN_PASSWORD },
  });
  expect(answer.status()).toBe(200);
  await page.goto(web.baseUrl);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  return page;
}

describe.skipIf(!chromiumAvailable)('the web app forms in Chromium', () => {
  beforeAll(async () => {
    database = await openMigratedPglite();
    const demo = await loadDemo(database.db, { today: new Date() });
    const first = demo.patients[0];
    if (!first) throw new Error('the demo loaded no patient');
    demoPatient = first;
    web = await openWebAppInChromium(database, 'myotrophy-e2e-forms-');
  }, 180_000);

  afterAll(async () => {
    for (const open of [web, database]) await open?.close();
  });

  for (const width of [1280, 390]) {
    it(`refuses a blank name and an implausible birth date beside the field, before sending (${width} px)`, async () => {
      const page = await clinicianPage(width);
      const creations = requestsTo(page, 'POST', /^\/api\/patients$/);
      await page.getByRole('button', { name: 'New patient' }).click();
      const form = page.getByRole('form', { name: 'New patient' });
      await form.getByLabel('Name').fill('   ');
      await form.getByLabel('Date of birth').fill('2999-01-01');
      await form.getByRole('button', { name: 'Create patient' }).click();
      expect(await fieldOf(page, 'Name').locator('.field-error').textContent()).toBe(
        'Give the patient’s name, not only spaces.',
      );
      expect(await fieldOf(page, 'Date of birth').locator('.field-error').textContent()).toMatch(
        /^Date of birth must be between \d{4}-\d\d-\d\d and today \(120 years at most\)\.$/,
      );
      expect(await form.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
      expect(creations).toEqual([]);
      expect(await accessibilityViolations(page)).toEqual([]);

      const name = `Forms Test ${width}`;
      await form.getByLabel('Name').fill(name);
      await form.getByLabel('Date of birth').fill('1960-05-17');
      await form.getByRole('button', { name: 'Create patient' }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      expect(creations).toEqual([{ body: { name, birthDate: '1960-05-17', sex: null } }]);

      // A new diagnosis starts with no site, side or code chosen; the code appears once picked.
      const coder = page.getByRole('form', { name: 'Code a diagnosis' });
      await coder.waitFor();
      expect(await coder.getByLabel('Body site').inputValue()).toBe('');
      expect(await coder.getByLabel('Side').inputValue()).toBe('');
      expect(await coder.locator('.coded').first().textContent()).toBe(
        'Choose the body site and side to see the code.',
      );
      expect(await coder.textContent()).not.toMatch(/M62\.\d/);
      expect(await coder.getByRole('button', { name: 'Record diagnosis' }).isDisabled()).toBe(true);
      await coder.getByRole('button', { name: 'left lower leg' }).click();
      await coder.getByText('M62.562').waitFor();
      await coder.getByRole('button', { name: 'Record diagnosis' }).click();
      expect(
        await coder.getByRole('status').filter({ hasText: 'Saved' }).textContent({ timeout: 10_000 }),
      ).toBe('Saved: recorded M62.562 Muscle wasting and atrophy, not elsewhere classified, left lower leg.');
      // The same diagnosis again is refused by the API, in words.
      await coder.getByRole('button', { name: 'left lower leg' }).click();
      await coder.getByRole('button', { name: 'Record diagnosis' }).click();
      await coder.getByRole('alert').waitFor();
      expect(await coder.getByRole('status').count()).toBe(0);
      await page.context().close();
    }, 120_000);

    it(`types the designer's numbers with unit and range, says what is out of range beside it, sends nothing out of range, and confirms the save (${width} px)`, async () => {
      const page = await clinicianPage(width);
      await page.goto(`${web.baseUrl}/patients/${demoPatient.id}`);
      await page.getByRole('heading', { name: demoPatient.name, level: 1 }).waitFor();
      await showPatientSection(page, 'programme');
      await page.getByRole('button', { name: 'Generate programme' }).click();
      await page.locator('.safety').waitFor({ timeout: 30_000 });
      const checks = requestsTo(page, 'POST', /^\/api\/clinic\/safety-check$/);

      const frequency = page.getByLabel('Level 1 Frequency (Hz)', { exact: true });
      const field = fieldOf(page, 'Level 1 Frequency (Hz)');
      expect(await field.locator('.unit').textContent()).toBe('Hz');
      expect(await field.locator('.range').textContent()).toBe('1 to 100 Hz');
      expect(await frequency.getAttribute('type')).toBe('text');
      expect(await frequency.getAttribute('inputmode')).toBe('decimal');

      // Typed key by key: 1, 15, 150 — the last is out of range, said beside the field, never sent.
      await frequency.fill('');
      await frequency.pressSequentially('150');
      expect(await field.locator('.field-error').textContent()).toBe('Frequency must be from 1 to 100 Hz.');
      expect(await frequency.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByRole('button', { name: 'Save as draft version' }).isDisabled()).toBe(true);
      await page.getByText('Correct the values marked above to save.').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.waitForTimeout(600);
      const sentFrequencies = () =>
        checks.map(
          (c) =>
            (
              c.body as { stimulation: { levels: { blocks: { kind: string; frequencyHz: number }[] }[] } }
            ).stimulation.levels[0]?.blocks.find((b) => b.kind === 'work')?.frequencyHz,
        );
      expect(sentFrequencies()).not.toContain(150);

      // Back in range, typed: the error goes and the safety check is asked about the typed value.
      for (let i = 0; i < 3; i += 1) await frequency.press('Backspace');
      await frequency.pressSequentially('30');
      expect(await field.locator('.field-error').count()).toBe(0);
      await expect.poll(sentFrequencies, { timeout: 5_000 }).toContain(30);
      const width300 = page.getByLabel('Level 1 Phase width (µs)', { exact: true });
      await width300.fill('');
      await width300.pressSequentially('300');
      await page.locator('.safety.ok').waitFor();
      await page.getByRole('button', { name: 'Save as draft version' }).click();
      const saved = page.getByRole('status').filter({ hasText: /^Saved as draft version \d+\.$/ });
      await saved.waitFor({ timeout: 10_000 });
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.context().close();
    }, 120_000);
  }
});
