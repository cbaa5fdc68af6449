/**
 * Browser tests of the safety gate's web doors (issue 14), on the real server and Debian's Chromium:
 *  - the clinician app: an unscreened programme cannot be approved — Approve is disabled and the
 *    same blockers the API answers with are listed;
 *  - the patient app: a red-flagged patient sees "Stimulation paused — please contact your clinic"
 *    with the clinic's contact, and no session due;
 *  - every patient page (Today, the handout) of every demo patient, walked for developer text:
 *    camelCase identifiers, UNCONFIRMED, undefined/NaN/null, numbers with decimals a device does not
 *    show (src/clinic/words/developer-text.ts), and posterior muscles drawn on the back view.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientMuscle } from '../../src/clinic/anatomy/patient-view.ts';
import { planProgramme, requireDraft } from '../../src/clinic/programme/plan.ts';
import { PAUSE_HEADLINE } from '../../src/clinic/safety/red-flag-pause.ts';
import { SCREENING_KEYS } from '../../src/clinic/screening/contraindications.ts';
import { RED_FLAG_KEYS } from '../../src/clinic/screening/red-flags.ts';
import { findDeveloperText } from '../../src/clinic/words/developer-text.ts';
import { apiAs } from '../api-as.ts';
import { type DemoBrowserWorld, type DemoPatient, openDemoBrowserWorld } from '../browser-world.ts';
import { chromiumAvailable, showPatientSection } from '../chromium.ts';
import { DEMO_CLINICIAN, logIn } from '../web-log-in.ts';

const ARTEFACTS = join(process.cwd(), 'test-results', 'e2e');
const CLINIC = { name: 'Riverside Physiotherapy', phone: '020 7946 0000', email: 'desk@riverside.example' };

let world: DemoBrowserWorld;
let baseUrl: string;
let browser: Browser;

/** The drawing's view ('front' or 'back'), or null when the page shows no placement drawing. */
async function placementView(page: Page): Promise<string | null> {
  const figure = page.locator('figure.placement');
  return (await figure.count()) > 0 ? figure.first().getAttribute('data-view') : null;
}

/** The text the page shows a person (rendered text, as a reader sees it, not the DOM's raw text). */
function shownText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the patient reads
  return page.locator('main').innerText();
}

describe.skipIf(!chromiumAvailable)('the safety gate in the web app (Chromium)', () => {
  beforeAll(async () => {
    await mkdir(ARTEFACTS, { recursive: true });
    // These tests log in a dozen times a minute from one address, above the default login limit.
    world = await openDemoBrowserWorld('safety', {
      clinicContact: CLINIC,
      loginAttemptsPerMinute: 100,
    });
    ({ baseUrl, browser } = world.web);
  }, 180_000);

  afterAll(() => world?.close());

  it('an unscreened programme cannot be approved: Approve is disabled and lists the API’s blockers', async () => {
    const asClinician = await apiAs(baseUrl, DEMO_CLINICIAN);
    const patient = await asClinician('POST', '/api/patients', {
      name: 'Sam Unscreened',
      birthDate: '1960-05-05',
      sex: 'male',
    });
    expect(patient.status).toBe(201);
    const id = patient.json.id as string;
    expect(
      (
        await asClinician('POST', `/api/patients/${id}/conditions`, {
          site: 'lower-leg',
          side: 'left',
          cause: 'cast',
        })
      ).status,
    ).toBe(201);
    const draft = requireDraft(
      planProgramme({
        patient: { ageYears: 64, sex: 'male' },
        diagnosis: { causeId: 'cast', icd10Code: 'M62.562' },
        goal: 'reverse-atrophy',
        muscle: 'triceps-surae',
        side: 'left',
        screening: Object.fromEntries(SCREENING_KEYS.map((k) => [k, false])),
        redFlags: Object.fromEntries(RED_FLAG_KEYS.map((k) => [k, false])),
      }),
    );
    const saved = await asClinician('POST', `/api/patients/${id}/programmes`, { body: draft });
    expect(saved.status).toBe(201);
    // The API refuses, listing every blocker.
    const refused = await asClinician('POST', `/api/patients/${id}/programmes/${saved.json.id}/approve`);
    expect(refused.status).toBe(409);
    const blockers = refused.json.blockers as { code: string; message: string }[];
    expect(blockers.map((b) => b.code)).toEqual(['screening-missing']);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, baseUrl, DEMO_CLINICIAN);
    await page.goto(`${baseUrl}/patients/${id}`);
    // The programme section is drawn once it comes near the screen.
    await showPatientSection(page, 'programme');
    const approve = page.getByRole('button', { name: 'Approve v1' });
    await approve.waitFor();
    const list = page.locator('#programme .blockers li');
    await list.first().waitFor();
    expect(await approve.isDisabled()).toBe(true);
    expect(await list.allTextContents()).toEqual(blockers.map((b) => b.message));
    expect(await page.locator('#programme .blockers').textContent()).toContain(
      'Cannot be approved: 1 safety blocker',
    );
    await page.locator('#programme').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTEFACTS, 'safety-01-approve-blocked.png'), fullPage: true });
    // Still a draft: nothing was approved behind the disabled button.
    const versions = await asClinician('GET', `/api/patients/${id}/programmes`);
    expect((versions.json.items as { status: string }[]).map((p) => p.status)).toEqual(['draft']);
    await page.close();
  }, 180_000);

  it.each([
    ['desktop', 1280, 900],
    ['a 390 px phone', 390, 844],
  ] as const)(
    'on %s, a red-flagged patient sees the pause as a warning; the log form and the exercise list agree with it',
    async (name, width, height) => {
      // Margaret's open flag (breathless lying flat: suspected DVT / pulmonary embolism) pauses exercise too.
      const margaret = world.demo.patients.find((p) => p.name === 'Margaret Ellis') as DemoPatient;
      const page = await browser.newPage({ viewport: { width, height } });
      await logIn(page, baseUrl, margaret);
      await page.getByRole('heading', { name: 'Today' }).waitFor();
      const alert = page.getByRole('alert').filter({ hasText: PAUSE_HEADLINE });
      await alert.waitFor();
      expect(await alert.isVisible()).toBe(true);
      expect(await alert.textContent()).toContain('Please stop your exercises too');
      // Styled as a warning: the warning background and a thick red edge, inside the screen's width.
      const style = await page.evaluate<{ background: string; border: string; colour: string }>(
        `(() => { const s = getComputedStyle(document.querySelector('.paused[role="alert"]')); return { background: s.backgroundColor, border: s.borderLeftWidth, colour: s.borderLeftColor }; })()`,
      );
      expect(style).toEqual({ background: 'rgb(251, 233, 230)', border: '8px', colour: 'rgb(163, 42, 28)' });
      const box = await alert.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(width);
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
      ).toBeLessThanOrEqual(0);
      // The log form offers neither stimulation nor (while exercise is paused too) exercise.
      await page.locator('#log').scrollIntoViewIfNeeded();
      expect(await page.locator('#log option[value="stimulation"]').count()).toBe(0);
      expect(await page.locator('#log select[name="kind"]').count()).toBe(0);
      expect(await page.locator('#log').textContent()).toContain(
        'Nothing can be logged until your clinic says you can start again.',
      );
      // The exercise list is hidden, and what stands in its place says what the message says.
      const exercises = page.locator('#exercises');
      if ((await exercises.count()) > 0) {
        expect(await exercises.locator('li').count()).toBe(0);
        expect(await exercises.textContent()).toContain('Your exercises are paused.');
      }
      await page.screenshot({
        path: join(ARTEFACTS, `safety-03-patient-paused-${width}.png`),
        fullPage: true,
      });
      expect(name).toBeTruthy();
      await page.close();
    },
    120_000,
  );

  it('a red-flagged patient sees the pause with the clinic’s contact, and no session due', async () => {
    const margaret = world.demo.patients.find((p) => p.name === 'Margaret Ellis') as DemoPatient;
    expect(margaret).toBeDefined();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, baseUrl, margaret);
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    const pause = page.locator('.paused[role="alert"]');
    await pause.waitFor();
    const text = (await pause.textContent()) ?? '';
    expect(text).toContain(PAUSE_HEADLINE);
    expect(text).toContain(`${CLINIC.name}: ${CLINIC.phone} or ${CLINIC.email}.`);
    expect(await page.getByText('No stimulation session is due today.').count()).toBe(1);
    expect(await page.getByText(/still due today/).count()).toBe(0);
    expect(await page.getByText('Where the electrodes go').count()).toBe(0);
    await page.screenshot({ path: join(ARTEFACTS, 'safety-02-patient-paused.png'), fullPage: true });
    // The log of a stimulation session is refused with the same words.
    const asMargaret = await apiAs(baseUrl, margaret);
    const logged = await asMargaret('POST', `/api/patients/${margaret.id}/sessions`, {
      kind: 'stimulation',
      startedAt: new Date().toISOString(),
      minutes: 20,
      completed: true,
    });
    expect(logged.status).toBe(409);
    expect(logged.json.detail).toContain(PAUSE_HEADLINE);
    await page.close();
  }, 120_000);

  it('every patient page and the handout, for every demo patient, is free of developer text', async () => {
    const found: string[] = [];
    for (const patient of world.demo.patients) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await logIn(page, baseUrl, patient);
      await page.getByRole('heading', { name: 'Today' }).waitFor();
      await page.locator('#progress').waitFor();
      await page.waitForLoadState('networkidle');
      const pages: [string, string][] = [['Today', await shownText(page)]];
      const view = await placementView(page);
      const asPatient = await apiAs(baseUrl, patient);
      const overview = await asPatient('GET', `/api/patients/${patient.id}/overview`);
      const muscle = (overview.json.activeProgramme as { body: { stimulation?: { muscle: string } } } | null)
        ?.body.stimulation?.muscle;
      if (view !== null && muscle)
        expect(view, `${patient.name}: ${muscle}`).toBe(patientMuscle(muscle).view);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Handout' }).click();
      await page.getByRole('heading', { name: 'What is muscle atrophy?' }).waitFor();
      await page.waitForLoadState('networkidle');
      pages.push(['Handout', await shownText(page)]);
      const handoutView = await placementView(page);
      if (handoutView !== null && muscle) expect(handoutView).toBe(patientMuscle(muscle).view);
      for (const [name, text] of pages) {
        for (const problem of findDeveloperText(text)) found.push(`${patient.name}, ${name}: ${problem}`);
        // Counts in words: "1 set", never "1 sets" or a bare "×".
        for (const wrong of text.match(/\b1 (sets|repetitions|holds|sessions|stimulation sessions)\b|×/g) ??
          [])
          found.push(`${patient.name}, ${name}: "${wrong}"`);
      }
      await page.close();
    }
    expect(found).toEqual([]);
  }, 300_000);
});
