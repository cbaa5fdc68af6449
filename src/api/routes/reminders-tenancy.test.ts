import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld, type Person } from '../../../test/api-world.ts';
import { testDatabases } from '../../../test/databases.ts';
import { startTestPushService, type TestPushService } from '../../../test/push-service.ts';
import { seedSecondClinic } from '../../../test/second-clinic.ts';
import { startReminderScheduler } from '../reminders/scheduler.ts';

// Tuesday 24 March 2026, noon UTC; the reminders are for Wednesday 08:00 in Berlin (07:00 UTC).
const NOW = new Date('2026-03-24T12:00:00Z');
const DUE = new Date('2026-03-25T07:00:05Z');

/**
 * Reminders of a patient of a second clinic (docs/tenancy.md): the scheduler, working for every
 * clinic, sends each clinic's patient exactly one push; the calendar feed, fetched without a login,
 * reads the second clinic's patient; and neither clinic's clinicians reach the other's reminders.
 */
describe.each(testDatabases)('reminders in two clinics on $name', (kind) => {
  let world: ApiWorld;
  let push: TestPushService;
  let clinicB: string;
  let clinicianB: Person;
  let patientUserB: Person;
  let patientB: string;
  const remindersOf = (patientId: string) => `/api/patients/${patientId}/reminders`;

  beforeAll(async () => {
    world = await makeApiWorld(kind, { now: () => NOW, allowLoopbackPush: true });
    push = await startTestPushService();
    const db = world.database.db;
    const second = await seedSecondClinic(world);
    clinicB = second.clinicId;
    clinicianB = second.clinician;
    patientUserB = second.patientUser;
    patientB = second.patientId;
    await db
      .updateTable('patients')
      .set({ time_zone: 'Europe/Berlin' })
      .where('id', '=', world.patientOne)
      .execute();
  }, 240_000);
  afterAll(async () => {
    await push?.close();
    await world?.close();
  });

  it("sends each clinic's patient exactly one push, the jobs carrying the patient's clinic", async () => {
    const plans: [Person, Person, string, string][] = [
      [world.patientUserOne, world.clinicianOne, world.patientOne, 'a'],
      [patientUserB, clinicianB, patientB, 'b'],
    ];
    for (const [patientUser, clinician, patientId, browser] of plans) {
      const chose = await world.request(patientUser, 'PUT', remindersOf(patientId), {
        weekdays: ['wed'],
        times: ['08:00'],
      });
      expect(chose.statusCode).toBe(200);
      const on = await world.request(clinician, 'PUT', `${remindersOf(patientId)}/clinic`, { enabled: true });
      expect(on.statusCode).toBe(200);
      expect(on.json()).toMatchObject({ clinicEnabled: true, weekdays: ['wed'], times: ['08:00'] });
      const subscribed = await world.request(
        patientUser,
        'POST',
        `${remindersOf(patientId)}/push-subscriptions`,
        push.browser(browser).subscription,
      );
      expect(subscribed.statusCode).toBe(201);
    }

    let clock = NOW;
    const options = { now: () => clock, subject: 'mailto:clinic@example.org', intervalMs: 3_600_000 };
    const first = startReminderScheduler(world.database.db, options);
    const second = startReminderScheduler(world.database.db, options);
    await Promise.all([first.runOnce(), second.runOnce()]);
    clock = DUE;
    await Promise.all([first.runOnce(), second.runOnce(), first.runOnce()]);
    await first.close();
    await second.close();

    expect(push.received.map((p) => p.path).sort()).toEqual(['/push/a', '/push/b']);
    // The scheduler acts as the operator, whose default is the first clinic: the jobs name their own.
    const jobs = await sql<{ patient: string; clinic: string; state: string; occurrence: string }>`
      select j.patient_id as patient, j.clinic_id as clinic, j.state, j.occurrence
      from reminder_jobs j order by j.occurrence, j.clinic_id`.execute(world.database.db);
    const ofB = jobs.rows.filter((j) => j.patient === patientB);
    expect(ofB.map((j) => [j.clinic, j.occurrence, j.state])).toEqual([
      [clinicB, '2026-03-25T08:00', 'sent'],
    ]);
    const ofA = jobs.rows.filter((j) => j.patient === world.patientOne);
    expect(ofA).toHaveLength(1);
    expect(ofA[0]?.clinic).not.toBe(clinicB);
  }, 240_000);

  it("serves the second clinic's patient's calendar feed at its secret address", async () => {
    const made = await world.request(patientUserB, 'POST', `${remindersOf(patientB)}/calendar-link`);
    expect(made.statusCode).toBe(201);
    const feed = await world.request(undefined, 'GET', new URL(made.json().calendarUrl as string).pathname);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    // Weekly on Wednesdays at 08:00 in Berlin, from Wednesday 25 March.
    expect(feed.body).toContain('RRULE:FREQ=WEEKLY;BYDAY=WE');
    expect(feed.body).toContain('DTSTART;TZID=Europe/Berlin:20260325T080000');
    const audited = await sql<{ n: number }>`
      select count(*)::int as n from audit_events
      where resource = 'calendar-feed' and patient_id = ${patientB}`.execute(world.database.db);
    expect(audited.rows).toEqual([{ n: 1 }]);
  }, 120_000);

  it("answers 404 to either clinic's clinician for the other clinic's patient's reminders", async () => {
    const pairs: [Person, string][] = [
      [clinicianB, world.patientOne],
      [world.clinicianOne, patientB],
    ];
    for (const [clinician, patientId] of pairs) {
      const read = await world.request(clinician, 'GET', remindersOf(patientId));
      expect(read.statusCode).toBe(404);
      const off = await world.request(clinician, 'PUT', `${remindersOf(patientId)}/clinic`, {
        enabled: false,
      });
      expect(off.statusCode).toBe(404);
    }
    const settings = await sql<{ patient: string; enabled: boolean }>`
      select patient_id as patient, clinic_enabled as enabled from reminder_settings order by clinic_id`.execute(
      world.database.db,
    );
    expect(settings.rows.map((r) => r.enabled)).toEqual([true, true]);
  }, 120_000);
});
