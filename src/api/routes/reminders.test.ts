import ICAL from 'ical.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiWorldForSuite } from '../../../test/api-world.ts';
import { testDatabases } from '../../../test/databases.ts';
import { startTestPushService, type TestPushService } from '../../../test/push-service.ts';
import { startReminderScheduler } from '../reminders/scheduler.ts';

// Tuesday 24 March 2026, noon UTC: Berlin's clocks go forward on Sunday 29 March.
const NOW = new Date('2026-03-24T12:00:00Z');

/** The first `count` occurrences of each event in a feed, as Berlin wall-clock times and UTC instants. */
function occurrences(feed: string, count: number): [string, string][] {
  const calendar = new ICAL.Component(ICAL.parse(feed));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const found: [string, string][] = [];
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const iterator = event.iterator();
    for (let i = 0; i < count; i++) {
      const next = iterator.next();
      if (!next) break;
      found.push([next.toString(), next.toJSDate().toISOString()]);
    }
  }
  return found.sort((a, b) => a[1].localeCompare(b[1]));
}

describe.each(testDatabases)('reminder routes on $name', (kind) => {
  const world = apiWorldForSuite(kind, { now: () => NOW, allowLoopbackPush: true });
  let push: TestPushService;
  const reminders = () => `/api/patients/${world.patientOne}/reminders`;

  beforeAll(async () => {
    push = await startTestPushService();
    await world.database.db
      .updateTable('patients')
      .set({ time_zone: 'Europe/Berlin' })
      .where('id', '=', world.patientOne)
      .execute();
  });
  afterAll(async () => push?.close());

  it('lets the patient choose days and times and the care team turn reminders on', async () => {
    const first = await world.request(world.patientUserOne, 'GET', reminders());
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      clinicEnabled: false,
      weekdays: [],
      times: [],
      timeZone: 'Europe/Berlin',
      push: { browsers: [] },
      calendar: { active: false, createdAt: null },
    });
    expect(first.json().push.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);

    const set = await world.request(world.patientUserOne, 'PUT', reminders(), {
      weekdays: ['wed', 'mon'],
      times: ['08:00'],
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ weekdays: ['mon', 'wed'], times: ['08:00'], clinicEnabled: false });

    const bad = await world.request(world.patientUserOne, 'PUT', reminders(), {
      weekdays: ['mon'],
      times: ['25:00'],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().detail).toBe(
      "time '25:00' is not a time of day; give 24-hour HH:MM from 00:00 to 23:59",
    );

    const byClinician = await world.request(world.clinicianOne, 'PUT', reminders(), {
      weekdays: [],
      times: [],
    });
    expect(byClinician.statusCode).toBe(403);
    const byPatient = await world.request(world.patientUserOne, 'PUT', `${reminders()}/clinic`, {
      enabled: true,
    });
    expect(byPatient.statusCode).toBe(403);
    const byOtherClinician = await world.request(world.clinicianTwo, 'PUT', `${reminders()}/clinic`, {
      enabled: true,
    });
    expect(byOtherClinician.statusCode).toBe(403);
    const byOtherPatient = await world.request(world.patientUserTwo, 'GET', reminders());
    expect(byOtherPatient.statusCode).toBe(403);
    const on = await world.request(world.clinicianOne, 'PUT', `${reminders()}/clinic`, { enabled: true });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ clinicEnabled: true, weekdays: ['mon', 'wed'], times: ['08:00'] });

    const audited = await sql<{ action: string; n: number }>`
      select action, count(*)::int as n from audit_events
      where resource = 'reminders' and patient_id = ${world.patientOne} group by action order by action`.execute(
      world.database.db,
    );
    expect(audited.rows).toEqual([
      { action: 'read', n: 1 },
      { action: 'update', n: 2 },
    ]);
  });

  it('sends reminders to a browser the patient subscribed, in plain words', async () => {
    const browser = push.browser('ada');
    const insecure = await world.request(world.patientUserOne, 'POST', `${reminders()}/push-subscriptions`, {
      endpoint: 'http://push.example.org/x',
      keys: browser.subscription.keys,
    });
    expect(insecure.statusCode).toBe(422);
    expect(insecure.json().detail).toBe('endpoint must be an https address; got http');
    const subscribed = await world.request(
      world.patientUserOne,
      'POST',
      `${reminders()}/push-subscriptions`,
      browser.subscription,
    );
    expect(subscribed.statusCode).toBe(201);
    expect(subscribed.json().push.browsers).toEqual([browser.subscription.endpoint]);

    let clock = NOW;
    const scheduler = startReminderScheduler(world.database.db, {
      now: () => clock,
      subject: 'mailto:c@x.org',
    });
    await scheduler.runOnce();
    clock = new Date('2026-03-25T07:00:05Z'); // Wednesday 08:00:05 in Berlin
    await scheduler.runOnce();
    await scheduler.close();
    expect(push.received.map((p) => p.message)).toEqual([
      { title: 'Myotrophy', body: 'Time for your stimulation session', url: '/' },
    ]);

    const removed = await world.request(world.patientUserOne, 'DELETE', `${reminders()}/push-subscriptions`, {
      endpoint: browser.subscription.endpoint,
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().push.browsers).toEqual([]);
  });

  it('serves a calendar feed at a secret address that a calendar reads in the patient’s zone', async () => {
    const made = await world.request(world.patientUserOne, 'POST', `${reminders()}/calendar-link`);
    expect(made.statusCode).toBe(201);
    const url = new URL(made.json().calendarUrl as string);
    expect(url.pathname).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(made.json().calendar).toEqual({ active: true, createdAt: NOW.toISOString() });

    const feed = await world.request(undefined, 'GET', url.pathname);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.body).not.toContain('Ada');
    // Wednesday 25 March is winter time (UTC+1); Monday 30 March and after, summer time (UTC+2).
    expect(occurrences(feed.body, 3)).toEqual([
      ['2026-03-25T08:00:00', '2026-03-25T07:00:00.000Z'],
      ['2026-03-30T08:00:00', '2026-03-30T06:00:00.000Z'],
      ['2026-04-01T08:00:00', '2026-04-01T06:00:00.000Z'],
    ]);
    const summaries = new ICAL.Component(ICAL.parse(feed.body))
      .getAllSubcomponents('vevent')
      .map((e) => e.getFirstPropertyValue('summary'));
    expect(summaries).toEqual(['Myotrophy session']);

    const again = await world.request(world.patientUserOne, 'POST', `${reminders()}/calendar-link`);
    expect((await world.request(undefined, 'GET', url.pathname)).statusCode).toBe(404);
    const newPath = new URL(again.json().calendarUrl as string).pathname;
    expect((await world.request(undefined, 'GET', newPath)).statusCode).toBe(200);

    const stopped = await world.request(world.patientUserOne, 'DELETE', `${reminders()}/calendar-link`);
    expect(stopped.json().calendar).toEqual({ active: false, createdAt: null });
    expect((await world.request(undefined, 'GET', newPath)).statusCode).toBe(404);
    expect((await world.request(undefined, 'GET', '/api/calendar/nothing.ics')).statusCode).toBe(404);
    const byClinician = await world.request(world.clinicianOne, 'POST', `${reminders()}/calendar-link`);
    expect(byClinician.statusCode).toBe(403);
  });
});
