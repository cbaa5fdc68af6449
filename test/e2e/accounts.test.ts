/**
 * Accounts in the browser: on a fresh clinic the first-run admin invites the first clinician from
 * the web app; the clinician opens the one-time link, sets a password, logs in and changes the
 * password; the admin deactivates the account and the clinician's open page is logged out.
 * A real server on 127.0.0.1, Debian's Chromium through playwright-core.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { chromiumAvailable, openWebAppInChromium, type WebAppInChromium } from '../chromium.ts';

const ARTEFACTS = join(process.cwd(), 'test-results', 'e2e');
const ADMIN = { name: 'Ines Admin', email: 'ines@clinic.example', password: 'first admin password' };
const CLINICIAN = { name: 'Dee Clinician', email: 'dee@clinic.example' };

let web: WebAppInChromium;
let database: Database;
let browser: Browser;
let baseUrl: string;

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

describe.skipIf(!chromiumAvailable)('accounts in Chromium', () => {
  beforeAll(async () => {
    await mkdir(ARTEFACTS, { recursive: true });
    database = await openDatabase();
    web = await openWebAppInChromium(database, 'myotrophy-e2e-accounts-');
    baseUrl = web.baseUrl;
    browser = web.browser;
  }, 120_000);

  afterAll(async () => {
    await web?.close();
    await database?.close();
  });

  it('walks invite → set password → log in → change password → deactivate', async () => {
    const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await admin.goto(baseUrl);
    await admin.getByRole('heading', { name: 'Set up Myotrophy' }).waitFor();
    await admin.getByLabel('Your name').fill(ADMIN.name);
    await admin.getByLabel('Email').fill(ADMIN.email);
    await admin.getByLabel('Password (at least 10 characters)').fill(ADMIN.password);
    await admin.getByLabel('Password again').fill(ADMIN.password);
    await admin.getByLabel(/Load the demo patients/).uncheck();
    await admin.getByRole('button', { name: 'Create admin account' }).click();
    await admin.getByRole('button', { name: 'Log out' }).waitFor();

    // The admin invites the clinic's first clinician from the web app.
    await admin.getByRole('link', { name: 'People' }).click();
    const inviteForm = admin.getByRole('form', { name: 'Invite a clinician' });
    await inviteForm.getByLabel('Name').fill(CLINICIAN.name);
    await inviteForm.getByLabel('Email').fill(CLINICIAN.email);
    await inviteForm.getByRole('button', { name: 'Create invitation link' }).click();
    const linkField = admin.getByLabel(/Invitation link for dee@clinic.example/);
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${baseUrl}/invite#[A-Za-z0-9_-]{43}$`));
    await admin.screenshot({ path: join(ARTEFACTS, 'accounts-01-invitation.png'), fullPage: true });

    // The clinician, in another browser, opens the link and sets a password.
    const clinicianContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const clinician = await clinicianContext.newPage();
    await clinician.goto(link);
    await clinician.getByText(`Welcome, ${CLINICIAN.name}.`).waitFor();
    expect(clinician.url()).toBe(`${baseUrl}/invite`);
    await clinician.getByLabel('New password (at least 10 characters)').fill('dee first password');
    await clinician.getByLabel('New password again').fill('dee first password');
    await clinician.getByRole('button', { name: 'Set password' }).click();
    await clinician.getByText('Your account is ready. Log in as dee@clinic.example.').waitFor();
    await clinician.getByRole('button', { name: 'Go to log in' }).click();
    await logIn(clinician, CLINICIAN.email, 'dee first password');
    // The link works once.
    const again = await fetch(`${baseUrl}/api/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link.split('#')[1], password: 'a second try password' }),
    });
    expect(again.status).toBe(404);

    // The clinician changes the password on their account page.
    await clinician.getByRole('link', { name: 'Account' }).click();
    const change = clinician.getByRole('form', { name: 'Change password' });
    await change.getByLabel('Current password').fill('dee first password');
    await change.getByLabel('New password (at least 10 characters)').fill('dee second password');
    await change.getByLabel('New password again').fill('dee second password');
    await change.getByRole('button', { name: 'Change password' }).click();
    await clinician.getByText(/Password changed\. \d+ other session\(s\) ended\./).waitFor();
    await clinician.getByText('(this session)').waitFor();
    await clinician.screenshot({ path: join(ARTEFACTS, 'accounts-02-password-changed.png'), fullPage: true });
    const oldPassword = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: CLINICIAN.email, password: 'dee first password' }),
    });
    expect(oldPassword.status).toBe(401);

    // The admin deactivates the account; the clinician's open page is logged out on its next request.
    await admin.reload();
    await admin.getByRole('button', { name: `Deactivate ${CLINICIAN.name}` }).click();
    await admin.getByRole('button', { name: `Reactivate ${CLINICIAN.name}` }).waitFor();
    await admin.screenshot({ path: join(ARTEFACTS, 'accounts-03-deactivated.png'), fullPage: true });
    await clinician.reload();
    await clinician.getByRole('button', { name: 'Log in' }).waitFor();
    await clinician.getByLabel('Email').fill(CLINICIAN.email);
    await clinician.getByLabel('Password').fill('dee second password');
    await clinician.getByRole('button', { name: 'Log in' }).click();
    await expect
      .poll(() => clinician.getByRole('alert').textContent(), { timeout: 10_000 })
      .toContain('This account is deactivated');
    await clinicianContext.close();
  }, 180_000);
});
