import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/api/passwords.ts';
import type { Database } from '../../src/store/database.ts';
import { addCareTeamMember } from '../../src/store/records/care-team.ts';
import { createNote } from '../../src/store/records/notes.ts';
import { createPatient } from '../../src/store/records/patients.ts';
import { createSession } from '../../src/store/records/sessions.ts';
import { createUser } from '../../src/store/records/users.ts';
import { type BrowserWorld, openBrowserWorld } from '../browser-world.ts';
import { chromiumAvailable, showPatientSection } from '../chromium.ts';
import { logIn } from '../web-log-in.ts';

/**
 * The web app shows what people typed as text: a patient named `<img src=x onerror=alert(1)>` and a
 * session note carrying markup, in the clinician's list and record and in the patient's own portal,
 * in a real Chromium (a note carrying script is stored too; the app does not display notes). No dialog opens, no injected element appears, and the app runs
 * under its Content-Security-Policy without a violation.
 */
const PASSWORD = 'xss test password 1';
const NAME = '<img src=x onerror=alert(1)>';
const NOTE = '<script>window.__pwned = "note"</script><svg onload="window.__pwned=\'svg\'">';
const SESSION_NOTE = '"><img src=y onerror="window.__pwned=\'session\'">';

interface Watch {
  dialogs: string[];
  violations: string[];
}

function watch(page: Page): Watch {
  const seen: Watch = { dialogs: [], violations: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) seen.violations.push(message.text());
  });
  return seen;
}

/** Evidence that hostile text ran or became markup: dialogs, a flag it set, elements it made. */
async function xssEvidence(page: Page, seen: Watch): Promise<string[]> {
  const evidence = [...seen.dialogs.map((d) => `a dialog opened: ${d}`)];
  const flag = await page.evaluate(() => (globalThis as unknown as { __pwned?: string }).__pwned);
  if (flag) evidence.push(`script ran: ${flag}`);
  const injected = await page.locator('img[src="x"], img[src="y"], svg[onload], script:not([src])').count();
  if (injected > 0) evidence.push(`${injected} injected elements in the page`);
  return evidence;
}

describe.skipIf(!chromiumAvailable)('the web app shows hostile text as text', () => {
  let world: BrowserWorld;
  let baseUrl: string;
  let browser: Browser;

  /** A clinician and a patient (named NAME) on their care team, with a note and a session note. */
  async function seedHostileText(database: Database): Promise<object> {
    const db = database.db;
    const passwordHash = await hashPassword(PASSWORD);
    const clinician = await createUser(db, {
      email: 'c@xss.test',
      name: 'Casey',
      role: 'clinician',
      passwordHash,
    });
    const patient = await createPatient(
      db,
      { name: NAME, birthDate: '1970-01-01', sex: 'female' },
      clinician.id,
    );
    await addCareTeamMember(db, patient.id, clinician.id, clinician.id);
    const patientUser = await createUser(db, {
      email: 'p@xss.test',
      name: NAME,
      role: 'patient',
      passwordHash,
      patientId: patient.id,
    });
    await createNote(db, patient.id, NOTE, patientUser.id, new Date());
    await createSession(
      db,
      patient.id,
      {
        kind: 'exercise',
        startedAt: new Date().toISOString(),
        minutes: 20,
        completed: true,
        notes: SESSION_NOTE,
      },
      patientUser.id,
      new Date(),
    );
    return {};
  }

  beforeAll(async () => {
    world = await openBrowserWorld('xss', seedHostileText);
    ({ baseUrl, browser } = world.web);
  }, 120_000);

  afterAll(() => world?.close());

  it("keeps a patient's name and session notes as text for the clinician", async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    await logIn(page, baseUrl, { email: 'c@xss.test', password: PASSWORD });
    await page.getByText(NAME).first().waitFor();
    await page.getByRole('link', { name: NAME }).first().click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    // The sessions (with their notes) load once their section nears the screen.
    await showPatientSection(page, 'adherence');
    await page.getByText(SESSION_NOTE).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('h1').first().textContent()).toBe(NAME);
    const shown = (await page.locator('body').textContent()) ?? '';
    expect(shown).toContain(SESSION_NOTE);
    expect(await xssEvidence(page, seen)).toEqual([]);
    expect(seen.violations).toEqual([]);
    await page.close();
  }, 60_000);

  it('keeps them as text in the patient portal', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    await logIn(page, baseUrl, { email: 'p@xss.test', password: PASSWORD });
    await page.waitForLoadState('networkidle');
    expect(await page.content()).not.toContain(NAME);
    const shown = (await page.locator('body').textContent()) ?? '';
    expect(shown).toContain(NAME);
    expect(shown).toContain(SESSION_NOTE);
    expect(await xssEvidence(page, seen)).toEqual([]);
    expect(seen.violations).toEqual([]);
    await page.close();
  }, 60_000);

  it('the checker reports a page that writes the same text as HTML', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    await page.setContent(`<main><h1>${NAME}</h1><p>${NOTE}</p></main>`);
    await page.waitForTimeout(200);
    const evidence = await xssEvidence(page, seen);
    expect(evidence).toContain('a dialog opened: 1');
    expect(evidence.some((e) => /injected elements/.test(e))).toBe(true);
    await page.close();
  }, 60_000);
});
