/**
 * The corners a newcomer hits (issue 17 items 5, 6, 7), in Chromium against a real server:
 * - a session that ends in one tab (logged out, or expired on the server) brings every tab to the
 *   login page with a short message, never the API's own text;
 * - the handout prints to a PDF whose pages hold every week of the programme, the clinic's name and
 *   contact, and no cause that was not recorded;
 * - every page fits 320, 390 and 768 px without sideways scrolling, long names wrap, and axe finds
 *   no violation at any of those widths.
 */

import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLINICIAN_EMAIL, DEMO_CLINICIAN_PASSWORD, loadDemo } from '../../src/api/demo-loader.ts';
import type { Database } from '../../src/store/database.ts';
import { chromiumAvailable, openWebAppInChromium, type WebAppInChromium } from '../chromium.ts';
import { openMigratedPglite } from '../pglite-image.ts';

const ARTEFACTS = join(process.cwd(), 'test-results', 'e2e');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const CLINIC = { name: 'Harbourside Physiotherapy', phone: '09 555 0142', email: 'care@harbourside.example' };
const LONG_NAME =
  'Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft Maximiliana-Konstantinopolitanische';
const WIDTHS = [320, 390, 768] as const;
/** Text the API writes for programs, which a person must never read. */
const API_TEXT = /cookie|\/api\/|log in first|Bearer|problem\+json|401|Unauthorized/i;

let web: WebAppInChromium;
let database: Database;
let baseUrl: string;
let patient: { id: string; name: string; email: string; password: string };

/** Logs in through the API with the page's own cookie jar, then opens the app signed in. */
async function logIn(page: Page, email: string, password: string): Promise<void> {
  const answer = await page.request.post(`${baseUrl}/api/auth/login`, { data: { email, password } });
  expect(answer.status()).toBe(200);
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function context(width = 1280): Promise<BrowserContext> {
  // bypassCSP lets the test inject axe; the app's own scripts run under its CSP as always.
  return web.browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
}

/** Scrolls to the end so the parts drawn near the screen (charts, designer) are drawn, then back. */
async function drawEverything(page: Page): Promise<void> {
  for (let i = 0; i < 8; i += 1) {
    const done = await page.evaluate<boolean>(
      '(window.scrollBy(0, window.innerHeight), window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2)',
    );
    await page.waitForTimeout(150);
    if (done) break;
  }
  await page.waitForLoadState('networkidle');
  await page.evaluate('window.scrollTo(0, 0)');
}

/** The innermost elements reaching past the right edge, to name in a failure. */
function widest(page: Page): Promise<string> {
  return page.evaluate<string>(`[...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
    .slice(0, 4)
    .map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().width) + 'px')
    .join(', ')`);
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate<{ violations: { id: string; nodes: { target: string[] }[] }[] }>(
    "axe.run(document, { resultTypes: ['violations'] })",
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!chromiumAvailable)('the corners of the web app in Chromium', () => {
  beforeAll(async () => {
    await mkdir(ARTEFACTS, { recursive: true });
    database = await openMigratedPglite();
    const demo = await loadDemo(database.db, { today: new Date() });
    const first = demo.patients[0];
    if (!first) throw new Error('the demo loaded no patient');
    patient = first;
    web = await openWebAppInChromium(database, 'myotrophy-e2e-corners-', { clinicContact: CLINIC });
    baseUrl = web.baseUrl;
  }, 180_000);

  afterAll(async () => {
    for (const open of [web, database]) await open?.close();
  });

  it('brings every tab to the login page when the session ends in one, with a short message', async () => {
    const tabs = await context();
    const one = await tabs.newPage();
    await logIn(one, DEMO_CLINICIAN_EMAIL, DEMO_CLINICIAN_PASSWORD);
    const two = await tabs.newPage();
    await two.goto(baseUrl);
    await two.getByRole('button', { name: 'Log out' }).waitFor();

    // Logged out in one tab: the other shows the login page at once, saying why.
    await one.getByRole('button', { name: 'Log out' }).click();
    await two.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 5_000 });
    expect(await two.getByRole('status').textContent()).toBe('You logged out. Log in again to continue.');
    expect(await one.getByRole('status').textContent()).toBe('You logged out. Log in again to continue.');

    // The session ends on the server (expired): the first request that meets the 401 ends it in both tabs.
    await logIn(one, DEMO_CLINICIAN_EMAIL, DEMO_CLINICIAN_PASSWORD);
    await two.reload();
    await two.getByRole('button', { name: 'Log out' }).waitFor();
    await one.waitForLoadState('networkidle');
    await database.db.deleteFrom('auth_sessions').execute();
    await one
      .getByRole('link', { name: new RegExp(patient.name) })
      .first()
      .click();
    for (const page of [one, two]) {
      await page.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 5_000 });
      expect(await page.getByRole('status').textContent()).toBe(
        'Your session has ended. Please log in again.',
      );
      expect((await page.locator('body').textContent()) ?? '').not.toMatch(API_TEXT);
    }
    await one.screenshot({ path: join(ARTEFACTS, 'corners-01-session-ended.png') });
    await tabs.close();
  }, 120_000);

  it('prints the handout to a PDF with every week, the clinic contact and only the recorded cause', async () => {
    const ctx = await context(1000);
    const page = await ctx.newPage();
    await logIn(page, patient.email, patient.password);
    // biome-ignore lint/suspicious/noExplicitAny: the overview's JSON, read for the weeks and the cause
    const overview: any = await page.evaluate(
      async (id) => (await fetch(`/api/patients/${id}/overview`)).json(),
      patient.id,
    );
    const levels: { toWeek: number }[] = overview.activeProgramme?.body?.stimulation?.levels ?? [];
    const stages: { toWeek: number }[] = overview.activeProgramme?.body?.exercise?.stages ?? [];
    const lastWeek = Math.max(...levels.map((l) => l.toWeek), ...stages.map((s) => s.toWeek));
    expect(lastWeek).toBeGreaterThan(2);
    const recordedCause: string | null = overview.conditions.at(-1)?.cause ?? null;

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Handout' }).click();
    await page.getByRole('heading', { name: 'Week by week' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({
      format: 'A4',
      margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' },
    });
    const document = await getDocumentProxy(new Uint8Array(pdf));
    const { totalPages, text } = await extractText(document, { mergePages: false });
    const pages = text as string[];
    expect(totalPages).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBe(totalPages);
    const all = pages.join('\n');
    for (let week = 1; week <= lastWeek; week += 1) expect(all).toContain(`Week ${week}`);
    expect(all).toContain(`${CLINIC.name}: phone ${CLINIC.phone}, email ${CLINIC.email}.`);
    // The clinic's contact is on the first page, under the title.
    expect(pages[0]).toContain(CLINIC.phone);
    // Only the recorded cause: the handout names no other cause group's story.
    const causeHeading = all.includes('What caused yours');
    expect(causeHeading).toBe(recordedCause !== null);
    // Nothing is clipped: each page's text is in the PDF and the buttons and navigation are not.
    for (const [i, p] of pages.entries())
      expect(p.trim().length, `page ${i + 1} is empty`).toBeGreaterThan(0);
    expect(all).not.toContain('Print handout');
    expect(all).not.toContain('Log out');
    await ctx.close();
  }, 120_000);

  it("keeps a section reached from the patient page's section nav, or from a link to it, at the top while the parts above it load", async () => {
    for (const width of [390, 1280]) {
      const clinicianContext = await context(width);
      const clinician = await clinicianContext.newPage();
      await logIn(clinician, DEMO_CLINICIAN_EMAIL, DEMO_CLINICIAN_PASSWORD);
      await clinician.goto(`${baseUrl}/patients/${patient.id}`);
      await clinician.getByRole('heading', { name: patient.name, level: 1 }).waitFor();
      await clinician.waitForLoadState('networkidle');
      await clinician
        .getByRole('navigation', { name: 'Patient sections' })
        .getByRole('link', { name: 'Notes' })
        .click();
      // The parts above Notes (sessions, charts, designer) load after the jump and grow; then the page is still.
      await clinician.waitForLoadState('networkidle');
      await clinician.waitForTimeout(2_000);
      const { topPx, belowPx } = await clinician.evaluate<{ topPx: number; belowPx: number }>(
        "({ topPx: document.getElementById('notes').getBoundingClientRect().top, belowPx: document.documentElement.scrollHeight - window.scrollY - window.innerHeight })",
      );
      // scroll-margin-top is 4.5rem (72 px): the heading sits just below the sticky nav, not screens
      // further down; or, near the page's end, as high as the page can scroll (in the window's upper half).
      expect(topPx, `Notes at ${width} px`).toBeGreaterThanOrEqual(0);
      if (belowPx > 1) expect(topPx, `Notes at ${width} px`).toBeLessThanOrEqual(100);
      else expect(topPx, `Notes at ${width} px, page at its end`).toBeLessThan(450);

      // A link straight to the section, opened afresh: the page is drawn after the browser's own jump.
      const linked = await clinicianContext.newPage();
      await linked.goto(`${baseUrl}/patients/${patient.id}#notes`);
      await linked.getByRole('heading', { name: patient.name, level: 1 }).waitFor();
      await linked.waitForLoadState('networkidle');
      await linked.waitForTimeout(2_000);
      const reached = await linked.evaluate<{ topPx: number; belowPx: number }>(
        "({ topPx: document.getElementById('notes').getBoundingClientRect().top, belowPx: document.documentElement.scrollHeight - window.scrollY - window.innerHeight })",
      );
      expect(reached.topPx, `Notes linked at ${width} px`).toBeGreaterThanOrEqual(0);
      if (reached.belowPx > 1) expect(reached.topPx, `Notes linked at ${width} px`).toBeLessThanOrEqual(100);
      else expect(reached.topPx, `Notes linked at ${width} px, page at its end`).toBeLessThan(450);
      await clinicianContext.close();
    }
  });

  it('fits every page at 320, 390 and 768 px, wraps long names, and has no axe violation', async () => {
    const clinicianContext = await context();
    const clinician = await clinicianContext.newPage();
    await logIn(clinician, DEMO_CLINICIAN_EMAIL, DEMO_CLINICIAN_PASSWORD);
    const created = await clinician.evaluate(async (name): Promise<{ id: string; name: string }> => {
      const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
      const answer = await fetch('/api/patients', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ name }),
      });
      return (await answer.json()) as { id: string; name: string };
    }, LONG_NAME);
    expect(created.name).toBe(LONG_NAME);
    const patientContext = await context();
    const patientPage = await patientContext.newPage();
    await logIn(patientPage, patient.email, patient.password);
    const anonymous = await (await context()).newPage();

    const pages: { who: Page; path: string; heading: RegExp | string }[] = [
      { who: anonymous, path: '/', heading: 'Myotrophy' },
      { who: clinician, path: '/', heading: 'Patients' },
      { who: clinician, path: `/patients/${patient.id}`, heading: patient.name },
      { who: clinician, path: `/patients/${created.id}`, heading: LONG_NAME },
      { who: clinician, path: `/patients/${patient.id}/handout`, heading: /Your muscle programme/ },
      { who: clinician, path: '/account', heading: /Account|Your account/ },
      { who: patientPage, path: '/', heading: 'Today' },
      { who: patientPage, path: '/handout', heading: /Your muscle programme/ },
    ];
    const overflows: string[] = [];
    const violations: string[] = [];
    for (const width of WIDTHS) {
      for (const { who, path, heading } of pages) {
        await who.setViewportSize({ width, height: 800 });
        await who.goto(`${baseUrl}${path}`);
        await who.getByRole('heading', { level: 1, name: heading }).first().waitFor();
        await drawEverything(who);
        const extra = await who.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
        if (extra > 1) overflows.push(`${path} at ${width} px: ${extra} px too wide (${await widest(who)})`);
        for (const v of await axeViolations(who)) violations.push(`${path} at ${width} px: ${v}`);
        if (width === 320) {
          await who.screenshot({
            path: join(ARTEFACTS, `corners-320${path.replaceAll('/', '-') || '-home'}.png`),
            fullPage: true,
          });
        }
      }
    }
    expect({ overflows, violations }).toEqual({ overflows: [], violations: [] });

    // A patient is never asked to do the clinician's work (add a measurement).
    const today = (await patientPage.locator('main').textContent()) ?? '';
    expect(today).not.toMatch(/add limb circumference|add a measurement/i);
    // A new, unscreened patient is not "on track".
    await clinician.goto(baseUrl);
    const row = clinician.getByRole('listitem').filter({ hasText: LONG_NAME });
    await row.waitFor();
    expect((await row.textContent()) ?? '').toContain('No programme yet');
    expect((await row.textContent()) ?? '').not.toContain('On track');
    await clinicianContext.close();
    await patientContext.close();
  }, 600_000);
});
