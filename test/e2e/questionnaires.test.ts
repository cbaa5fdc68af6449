/**
 * Browser test of the patient's questionnaires (issue 18 item 3), on the real server and Debian's
 * Chromium at phone width (390 px): a follow-up LEFS is due on Today, the patient answers it, and
 * sees the change from their baseline judged against the 9-point MCID; another patient rates again
 * the PSFS activities they named two weeks ago, then gives a first pain rating, and sees both
 * trends; axe finds no violation.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/api/passwords.ts';
import { addDays, localDate, startOfLocalDay } from '../../src/clinic/calendar/zoned-days.ts';
import type { Database } from '../../src/store/database.ts';
import { addCareTeamMember } from '../../src/store/records/care-team.ts';
import { createMeasurement } from '../../src/store/records/measurements.ts';
import { createPatient } from '../../src/store/records/patients.ts';
import { createQuestionnaireResponse } from '../../src/store/records/questionnaire-responses.ts';
import { createQuestionnaireSchedule } from '../../src/store/records/questionnaire-schedules.ts';
import { createUser } from '../../src/store/records/users.ts';
import { accessibilityViolations } from '../axe.ts';
import { chromiumAvailable, openWebAppInChromium, type WebAppInChromium } from '../chromium.ts';
import { openMigratedPglite } from '../pglite-image.ts';

const ARTEFACTS = join(process.cwd(), 'test-results', 'e2e');
const PASSWORD = 'patient password 1';
const ZONE = 'Europe/Berlin';
const CLINICIAN = 'kim@clinic.example';
const PATIENT = 'lena@home.example';
const PSFS_PATIENT = 'max@home.example';

let dataDir: string;
let web: WebAppInChromium;
let database: Database;
let psfsPatientId: string;

describe.skipIf(!chromiumAvailable)('the patient answers a due LEFS on Today (Chromium, 390 px)', () => {
  beforeAll(async () => {
    await mkdir(ARTEFACTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), 'myotrophy-e2e-questionnaire-data-'));
    database = await openMigratedPglite({ dataDir });
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
    // A second patient named two PSFS activities two weeks ago; the follow-up and a first pain rating are due.
    const second = await createPatient(db, { name: 'Max Patient', timeZone: ZONE }, clinician.id);
    await addCareTeamMember(db, second.id, clinician.id, clinician.id);
    psfsPatientId = second.id;
    const max = await createUser(db, {
      email: PSFS_PATIENT,
      name: 'Max',
      role: 'patient',
      passwordHash,
      patientId: second.id,
    });
    const setAt = startOfLocalDay(baseline, ZONE);
    await createQuestionnaireSchedule(
      db,
      second.id,
      { ...schedule, questionnaire: 'psfs' },
      clinician.id,
      setAt,
    );
    await createQuestionnaireSchedule(
      db,
      second.id,
      { questionnaire: 'pain', baselineDate: localDate(new Date(), ZONE), everyWeeks: 2 },
      clinician.id,
      setAt,
    );
    await db.transaction().execute((tx) =>
      createQuestionnaireResponse(
        tx,
        second.id,
        {
          answers: {
            questionnaire: 'psfs',
            activities: [
              { activity: 'Climbing stairs', score: 3 },
              { activity: 'Walking the dog', score: 4 },
            ],
          },
          score: 3.5,
          answeredAt: measuredAt,
          recordedBy: max.id,
          clientKey: null,
        },
        null,
      ),
    );
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
    // The baseline alone is the starting point (the progress section draws when it nears the screen).
    await page.locator('#progress').scrollIntoViewIfNeeded();
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

  it('rates again the PSFS activities named before, then takes a pain rating, and shows both trends', async () => {
    const page = await web.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(web.baseUrl);
    await page.getByLabel('Email').fill(PSFS_PATIENT);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    const form = page.getByRole('form', { name: 'Your questionnaire' });
    await form.getByText('Rate again the activities you named before').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await form.getByLabel('How well can you do it? (Climbing stairs)').selectOption('6');
    await form.getByRole('button', { name: 'Send my answers' }).click();
    await form.getByText('Please rate every activity you named (1 still to rate).').waitFor();
    await form.getByLabel('How well can you do it? (Walking the dog)').selectOption('5');
    await form.getByRole('button', { name: 'Send my answers' }).click();
    // Mean 5.5 against the baseline 3.5: 2 points, past the 1.3-point MID (in the progress section).
    await page.locator('#progress').scrollIntoViewIfNeeded();
    await page
      .getByText(
        'Your latest score for the activities you chose is 5.5 out of 10 (higher means they are easier to do). It is 2 points higher than when you started. That is 1.3 points or more: a real improvement you should notice in daily life.',
      )
      .waitFor();
    // Next, the pain rating.
    await form.getByText('Your clinic would like to know how much pain you have had.').waitFor();
    await form.getByLabel('Your usual pain over the past week').selectOption('4');
    await form.getByRole('button', { name: 'Send my answers' }).click();
    await page
      .getByText(
        'Your latest pain rating is 4 out of 10 (lower means less pain). This is your starting point: later answers are compared with it.',
      )
      .waitFor();
    expect(await page.getByRole('heading', { name: 'A questionnaire is due' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'questionnaire-psfs-pain-390.png'), fullPage: true });
    const stored = await database.db
      .selectFrom('questionnaire_responses')
      .select(['questionnaire', 'score'])
      .where('patient_id', '=', psfsPatientId)
      .orderBy('answered_at')
      .execute();
    expect(stored).toEqual([
      { questionnaire: 'psfs', score: 3.5 },
      { questionnaire: 'psfs', score: 5.5 },
      { questionnaire: 'pain', score: 4 },
    ]);
    await page.close();
  }, 120_000);

  it('shows the clinician each questionnaire’s trend and sets a schedule per questionnaire', async () => {
    const page = await web.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(web.baseUrl);
    await page.getByLabel('Email').fill(CLINICIAN);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.goto(`${web.baseUrl}/patients/${psfsPatientId}`);
    const section = page.locator('#measurements');
    await section.scrollIntoViewIfNeeded();
    const psfs = section.locator('table', { hasText: 'minimal clinically important difference of 1.3' });
    await psfs.waitFor();
    // Read as the clinician reads it, on the screen (sections off it are not laid out).
    await psfs.scrollIntoViewIfNeeded();
    expect(await psfs.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/3\.5\tbaseline\t—$/),
      expect.stringMatching(/5\.5\t\+2\tyes$/),
    ]);
    await section.locator('table', { hasText: 'lower is better' }).waitFor();
    const form = section.getByRole('form', { name: 'Questionnaire schedule' });
    await form.getByText('Pain rating: from').waitFor();
    await form.getByText('LEFS: not asked yet.').waitFor();
    await form.getByLabel('Questionnaire').selectOption('lefs');
    await form.getByLabel('Every (weeks)').fill('4');
    await form.getByRole('button', { name: 'Set schedule' }).click();
    await form.getByText('Saved: the LEFS schedule.').waitFor();
    await form.getByText(/LEFS: from .*, then every 4 weeks, on Today\./).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  }, 120_000);
});
