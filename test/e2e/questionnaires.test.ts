/**
 * Browser test of the patient's questionnaire (issue 18 item 3), on the real server and Debian's
 * Chromium at phone width (390 px): a follow-up LEFS is due on Today, the patient answers it, and
 * sees the change from their baseline judged against the 9-point MCID; axe finds no violation.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/api/passwords.ts';
import { addDays, localDate, startOfLocalDay } from '../../src/clinic/calendar/zoned-days.ts';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { addCareTeamMember } from '../../src/store/records/care-team.ts';
import { createMeasurement } from '../../src/store/records/measurements.ts';
import { createPatient } from '../../src/store/records/patients.ts';
import { createQuestionnaireSchedule } from '../../src/store/records/questionnaire-schedules.ts';
import { createUser } from '../../src/store/records/users.ts';
import { accessibilityViolations } from '../axe.ts';
import { chromiumAvailable, openWebAppInChromium, type WebAppInChromium } from '../chromium.ts';

const ARTEFACTS = join(process.cwd(), 'test-results', 'e2e');
const PASSWORD = 'patient password 1';
const ZONE = 'Europe/Berlin';
const CLINICIAN = 'kim@clinic.example';
const PATIENT = 'lena@home.example';

let dataDir: string;
let web: WebAppInChromium;
let database: Database;

describe.skipIf(!chromiumAvailable)('the patient answers a due LEFS on Today (Chromium, 390 px)', () => {
  beforeAll(async () => {
    await mkdir(ARTEFACTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), 'myotrophy-e2e-questionnaire-data-'));
    database = await openDatabase({ dataDir });
    const db = database.db;
    const passwordHash = await hashPassword(PASSWORD);
    const clinician = await createUser(db, {
      email: CLINICIAN,
      name: 'Kim',
      role: 'clinician',
      passwordHash,
    });
    const patient = await createPatient(db, { name: 'Lena Patient', timeZone: ZONE }, clinician.id);
    await addCareTeamMember(db, patient.id, clinician.id, clinician.id);
    await createUser(db, {
      email: PATIENT,
      name: 'Lena',
      role: 'patient',
      passwordHash,
      patientId: patient.id,
    });
    // Baseline two weeks ago (LEFS 41, recorded in clinic); the two-weekly follow-up is due today.
    const baseline = addDays(localDate(new Date(), ZONE), -14);
    const schedule = { questionnaire: 'lefs', baselineDate: baseline, everyWeeks: 2 } as const;
    await createQuestionnaireSchedule(
      db,
      patient.id,
      schedule,
      clinician.id,
      startOfLocalDay(baseline, ZONE),
    );
    const measuredAt = new Date(startOfLocalDay(baseline, ZONE).getTime() + 10 * 3_600_000).toISOString();
    await createMeasurement(db, patient.id, { kind: 'lefs', value: 41, measuredAt }, clinician.id);
    web = await openWebAppInChromium(database, 'myotrophy-e2e-questionnaire-web-');
  }, 180_000);

  afterAll(async () => {
    await web?.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows the questionnaire due, takes the answers and shows the change from baseline', async () => {
    const page = await web.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(web.baseUrl);
    await page.getByLabel('Email').fill(PATIENT);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'A questionnaire is due' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // The baseline alone is the starting point.
    await page.getByText('Your latest score is 41 out of 80').waitFor();
    const form = page.getByRole('form', { name: 'Your questionnaire' });
    const items = form.getByRole('combobox');
    expect(await items.count()).toBe(20);
    // An incomplete form is not sent.
    await items.nth(0).selectOption('3');
    await form.getByRole('button', { name: 'Send my answers' }).click();
    await form.getByText('Please answer every activity (19 still to answer).').waitFor();
    // "A little bit of difficulty" (3) for every activity: 60 of 80, 19 points above the baseline.
    for (let i = 1; i < 20; i += 1) await items.nth(i).selectOption('3');
    await form.getByRole('button', { name: 'Send my answers' }).click();
    await page
      .getByText(
        'Your latest score is 60 out of 80 (higher means everyday activities are easier). It is 19 points higher than when you started. That is 9 points or more: a real improvement you should notice in daily life.',
      )
      .waitFor();
    expect(await page.getByRole('heading', { name: 'A questionnaire is due' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'questionnaire-answered-390.png'), fullPage: true });
    const stored = await database.db
      .selectFrom('measurements')
      .select('value')
      .orderBy('measured_at')
      .execute();
    expect(stored.map((m) => m.value)).toEqual([41, 60]);
    await page.close();
  }, 120_000);
});
