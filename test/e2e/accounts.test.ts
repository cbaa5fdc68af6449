/**
 * Accounts in the browser: on a fresh clinic the first-run admin invites the first clinician from
 * the web app; the clinician opens the one-time link, sets a password, logs in and changes the
 * password; the admin deactivates the account and the clinician's open page is logged out.
 * Then the admin explicitly grants themself the clinician role (a confirmation saying what it
 * means, with a reason), creates a patient, and adds a clinician to the care team with a reason
 * (a reason of only spaces is refused); the clinician sees the change and the reason on the
 * patient's page. axe finds no accessibility violation on those pages.
 * A real server on 127.0.0.1, Debian's Chromium through playwright-core.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../axe.ts';
import { type BrowserWorld, emptyDatabase, openBrowserWorld } from '../browser-world.ts';
import { chromiumAvailable } from '../chromium.ts';
import { logIn, setUpFirstAdmin } from '../web-log-in.ts';

const ARTEFACTS = join(process.cwd(), 'test-results', 'e2e');
const ADMIN = { name: 'Ines Admin', email: 'ines@clinic.example', password: 'first admin password' };
const CLINICIAN = { name: 'Dee Clinician', email: 'dee@clinic.example' };
const COVER = { name: 'Cam Clinician', email: 'cam@clinic.example', password: 'cam first password' };

let world: BrowserWorld;
let browser: Browser;
let baseUrl: string;

/** Logs in on the log-in form the page shows now (no navigation first). */
async function logInHere(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/** On the admin's People page: invites a clinician and returns the one-time link shown. */
async function inviteClinician(admin: Page, who: { name: string; email: string }): Promise<string> {
  await admin.getByRole('link', { name: 'People' }).click();
  const inviteForm = admin.getByRole('form', { name: 'Invite a clinician' });
  await inviteForm.getByLabel('Name').fill(who.name);
  await inviteForm.getByLabel('Email').fill(who.email);
  await inviteForm.getByRole('button', { name: 'Create invitation link' }).click();
  const linkField = admin.getByLabel(new RegExp(`Invitation link for ${who.email}`));
  await linkField.waitFor();
  return linkField.inputValue();
}

/** The invitee, in their own browser, opens the link, sets a password and logs in. */
async function acceptAndLogIn(
  invitee: Page,
  link: string,
  who: { name: string; email: string },
  password: string,
): Promise<void> {
  await invitee.goto(link);
  await invitee.getByText(`Welcome, ${who.name}.`).waitFor();
  expect(invitee.url()).toBe(`${baseUrl}/invite`);
  await invitee.getByLabel('New password (at least 10 characters)').fill(password);
  await invitee.getByLabel('New password again').fill(password);
  await invitee.getByRole('button', { name: 'Set password' }).click();
  await invitee.getByText(`Your account is ready. Log in as ${who.email}.`).waitFor();
  await invitee.getByRole('button', { name: 'Go to log in' }).click();
  await logInHere(invitee, who.email, password);
}

describe.skipIf(!chromiumAvailable)('accounts in Chromium', () => {
  beforeAll(async () => {
    await mkdir(ARTEFACTS, { recursive: true });
    world = await openBrowserWorld('accounts', emptyDatabase);
    ({ baseUrl, browser } = world.web);
  }, 120_000);

  afterAll(() => world?.close());

  it('walks invite → set password → log in → change password → deactivate', async () => {
    const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await setUpFirstAdmin(admin, baseUrl, ADMIN, 'without the demo');

    // The admin invites the clinic's first clinician from the web app.
    const link = await inviteClinician(admin, CLINICIAN);
    expect(link).toMatch(new RegExp(`^${baseUrl}/invite#[A-Za-z0-9_-]{43}$`));
    await admin.screenshot({ path: join(ARTEFACTS, 'accounts-01-invitation.png'), fullPage: true });

    // The admin gives the clinic the name, phone and email its patients will be told to contact.
    const contact = admin.getByRole('form', { name: 'Clinic contact' });
    await contact.getByLabel('Clinic name').fill('Riverside Physiotherapy');
    await contact.getByLabel('Phone').fill('020 7946 0000');
    await contact.getByRole('button', { name: "Save the clinic's contact" }).click();
    await admin.getByText('Saved. Patients read the new contact from their next visit.').waitFor();
    const saved = await admin.evaluate(async () => (await fetch('/api/clinic')).json());
    expect(saved).toMatchObject({ name: 'Riverside Physiotherapy', phone: '020 7946 0000', email: null });

    // The clinician, in another browser, opens the link and sets a password.
    const clinicianContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const clinician = await clinicianContext.newPage();
    await acceptAndLogIn(clinician, link, CLINICIAN, 'dee first password');
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
    await clinician
      .getByText(/Password changed\. (No other session was ended|\d+ other sessions? ended)\./)
      .waitFor();
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

  it("grants the admin the clinician role explicitly, and shows an admin's care-team change with its reason to the team", async () => {
    const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await logIn(admin, baseUrl, ADMIN);
    const link = await inviteClinician(admin, COVER);
    const coverContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const cover = await coverContext.newPage();
    await acceptAndLogIn(cover, link, COVER, COVER.password);

    // The admin grants themself the clinician role: a confirmation says what it means and asks why.
    await admin.reload();
    await admin.getByRole('button', { name: `Grant the clinician role to ${ADMIN.name}` }).click();
    const grant = admin.getByRole('form', { name: `Grant the clinician role to ${ADMIN.name}` });
    await grant.getByText(`${ADMIN.name} will be able to do clinical work`).waitFor();
    expect(await accessibilityViolations(admin)).toEqual([]);
    await grant.getByLabel(/Reason/).fill('Ines treats patients on Fridays');
    await grant.getByRole('button', { name: 'Yes, grant the clinician role' }).click();
    const adminRow = admin.getByRole('row', { name: new RegExp(ADMIN.email) });
    await adminRow.getByText('admin, with the clinician role').waitFor();
    await adminRow.getByRole('button', { name: `Withdraw the clinician role from ${ADMIN.name}` }).waitFor();
    await admin.screenshot({ path: join(ARTEFACTS, 'accounts-04-clinician-role.png'), fullPage: true });

    // Now doing clinical work, the admin creates a patient and joins its care team.
    await admin.reload();
    await admin.getByRole('link', { name: 'Patients' }).click();
    await admin.getByRole('button', { name: 'New patient' }).click();
    const newPatient = admin.getByRole('form', { name: 'New patient' });
    await newPatient.getByLabel('Name').fill('Pat Example');
    await newPatient.getByRole('button', { name: 'Create patient' }).click();
    await admin.getByRole('heading', { name: 'Pat Example', level: 1 }).waitFor();

    // The admin adds the clinician to the care team; a reason of only spaces is refused.
    const change = admin.getByRole('form', { name: 'Change the care team' });
    await change.getByLabel('Change').selectOption({ label: `Add ${COVER.name}` });
    await change.getByLabel(/Reason/).fill('   ');
    await change.getByRole('button', { name: 'Change the care team' }).click();
    await change.getByRole('alert').getByText('Give the reason for this change').waitFor();
    const reason = 'Cam covers Pat while Ines is on leave';
    await change.getByLabel(/Reason/).fill(reason);
    await change.getByRole('button', { name: 'Change the care team' }).click();
    await admin.getByText('Care team changed.').waitFor();
    const adminChanges = admin.getByRole('list', { name: 'Changes to the care team' });
    await expect
      .poll(() => adminChanges.textContent(), { timeout: 10_000 })
      .toContain(`${COVER.name} joined — by ${ADMIN.name} (admin): ${reason}`);
    await admin.getByRole('list', { name: 'Care team members' }).getByText(COVER.name).waitFor();
    expect(await accessibilityViolations(admin)).toEqual([]);
    await admin.screenshot({ path: join(ARTEFACTS, 'accounts-05-care-team-change.png'), fullPage: true });

    // The clinician now sees the patient, and on the patient's page the change and its reason.
    await cover.reload();
    await cover.getByRole('link', { name: /Pat Example/ }).click();
    const coverChanges = cover.getByRole('list', { name: 'Changes to the care team' });
    await expect
      .poll(() => coverChanges.textContent(), { timeout: 10_000 })
      .toContain(`${COVER.name} joined — by ${ADMIN.name} (admin): ${reason}`);
    await expect(cover.getByRole('form', { name: 'Change the care team' }).count()).resolves.toBe(0);
    expect(await accessibilityViolations(cover)).toEqual([]);
    await coverContext.close();
  }, 180_000);
});
