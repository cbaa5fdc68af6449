import type { Page } from 'playwright-core';
import { DEMO_CLINICIAN_EMAIL, DEMO_CLINICIAN_PASSWORD } from '../src/api/demo-loader.ts';

/** Who logs in: the email and password their account has. */
export interface LogIn {
  email: string;
  password: string;
}

/** The demo clinician's log-in. */
export const DEMO_CLINICIAN: LogIn = { email: DEMO_CLINICIAN_EMAIL, password: DEMO_CLINICIAN_PASSWORD };

/**
 * Opens the app at `baseUrl` and submits the log-in form as `who`; the caller waits for the page
 * it expects (a patient's Today in their language, or an error).
 */
export async function submitLogIn(page: Page, baseUrl: string, who: LogIn): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Logs in as `who` (in English) and waits until the app offers Log out. */
export async function logIn(page: Page, baseUrl: string, who: LogIn): Promise<void> {
  await submitLogIn(page, baseUrl, who);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/**
 * The first-run setup on a fresh clinic: creates the first admin, with the demo patients or
 * without them, and waits until the admin is logged in.
 */
export async function setUpFirstAdmin(
  page: Page,
  baseUrl: string,
  admin: LogIn & { name: string },
  demo: 'with the demo' | 'without the demo',
): Promise<void> {
  await page.goto(baseUrl);
  await page.getByRole('heading', { name: 'Set up Myotrophy' }).waitFor();
  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password (at least 10 characters)').fill(admin.password);
  await page.getByLabel('Password again').fill(admin.password);
  if (demo === 'without the demo') await page.getByLabel(/Load the demo patients/).uncheck();
  await page.getByRole('button', { name: 'Create admin account' }).click();
  if (demo === 'with the demo') {
    await page.getByRole('heading', { name: 'Welcome to Myotrophy' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
  }
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}
