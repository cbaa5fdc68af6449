import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { startTestPushService, type TestPushService } from '../../../test/push-service.ts';
import { type Database, openDatabase } from '../../store/database.ts';
import { createPatient } from '../../store/records/patients.ts';
import {
  listPushSubscriptions,
  listReminderJobs,
  STOPPED_WHILE_SENDING,
  savePushSubscription,
  updateReminderSettings,
} from '../../store/records/reminders.ts';
import { createUser } from '../../store/records/users.ts';
import { startReminderScheduler } from './scheduler.ts';

// Monday 7 December 2026: 08:00 in Berlin is 07:00 UTC.
const BEFORE = new Date('2026-12-07T06:59:00Z');
const DUE = new Date('2026-12-07T07:00:30Z');

/** A second server process on the same data: another connection pool on PostgreSQL's schema. */
async function secondProcess(database: Database): Promise<Database> {
  if (database.kind === 'pglite') return database;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  return openDatabase({
    databaseUrl: process.env.TEST_DATABASE_URL as string,
    schema: rows[0]?.schema as string,
    poolSize: 2,
  });
}

describe.each(testDatabases)('reminder scheduler on $name', (kind) => {
  let database: Database;
  let push: TestPushService;
  let patients: string[];
  let clock = BEFORE;
  const now = () => clock;

  beforeAll(async () => {
    database = await kind.open();
    push = await startTestPushService();
    const db = database.db;
    const clinician = await createUser(db, {
      email: 'c@clinic.test',
      name: 'C',
      role: 'clinician',
      passwordHash: 'x',
      patientId: null,
      clinicianRole: false,
    });
    patients = [];
    for (const name of ['one', 'two', 'three', 'gone']) {
      // 'three' reads Myotrophy in Spanish: their reminder does too.
      const language = name === 'three' ? 'es' : 'en';
      const patient = await createPatient(db, { name, timeZone: 'Europe/Berlin', language }, clinician.id);
      patients.push(patient.id);
      await updateReminderSettings(
        db,
        patient.id,
        { clinicEnabled: true, plan: { weekdays: ['mon'], times: ['08:00'] } },
        clinician.id,
        BEFORE,
      );
      await savePushSubscription(db, patient.id, push.browser(name).subscription, BEFORE);
    }
    push.answer('gone', 410);
  }, 120_000);

  afterAll(async () => {
    await push?.close();
    await database?.close();
  });

  it('sends each due reminder exactly once with two processes racing and a restart between', async () => {
    const other = await secondProcess(database);
    const options = { now, subject: 'mailto:clinic@example.org', intervalMs: 3_600_000 };
    const first = startReminderScheduler(database.db, options);
    const second = startReminderScheduler(other.db, options);
    await Promise.all([first.runOnce(), second.runOnce()]);
    expect(push.received).toEqual([]);
    clock = DUE;
    await Promise.all([first.runOnce(), second.runOnce(), first.runOnce(), second.runOnce()]);
    await first.close();
    await second.close();
    if (other !== database) await other.close();
    // A restart: a new process on the same data finds nothing left to send.
    const restarted = startReminderScheduler(database.db, options);
    await restarted.runOnce();
    await restarted.close();

    expect(push.received.map((p) => p.path).sort()).toEqual(['/push/one', '/push/three', '/push/two']);
    for (const p of push.received) {
      expect(p.headers.ttl).toBe('1800');
      expect(p.headers['content-encoding']).toBe('aes128gcm');
      expect(p.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]{87}$/);
      expect(p.bodyBytes).toBeGreaterThan(0);
      const body =
        p.path === '/push/three'
          ? 'Es hora de su sesión de estimulación'
          : 'Time for your stimulation session';
      expect(p.message).toEqual({ title: 'Myotrophy', body, url: '/' });
    }
    const [one] = await listReminderJobs(database.db, patients[0] as string);
    expect(one).toMatchObject({ occurrence: '2026-12-07T08:00', state: 'sent', attempts: 1 });
    expect(one?.runAt).toBe('2026-12-07T07:00:00.000Z');
    const [gone] = await listReminderJobs(database.db, patients[3] as string);
    expect(gone).toMatchObject({ state: 'failed', failure: "the browser's subscription is gone (410)" });
    expect(await listPushSubscriptions(database.db, patients[3] as string)).toEqual([]);
  }, 180_000);

  it('never sends again a reminder a stopped process was sending', async () => {
    const patient = patients[0] as string;
    // Next Monday's reminder, claimed by a process that then stopped (its lease ran out).
    clock = new Date('2026-12-14T06:59:00Z');
    const scheduler = startReminderScheduler(database.db, { now, subject: 'mailto:clinic@example.org' });
    await scheduler.runOnce();
    await database.db
      .updateTable('reminder_jobs')
      .set({ state: 'sending', locked_until: new Date('2026-12-14T07:00:10Z') })
      .where('patient_id', '=', patient)
      .where('occurrence', '=', '2026-12-14T08:00')
      .execute();
    clock = new Date('2026-12-14T07:01:00Z');
    const before = push.received.length;
    await scheduler.runOnce();
    await scheduler.close();
    const jobs = await listReminderJobs(database.db, patient);
    expect(jobs.find((j) => j.occurrence === '2026-12-14T08:00')).toMatchObject({
      state: 'failed',
      failure: STOPPED_WHILE_SENDING,
    });
    expect(
      push.received
        .slice(before)
        .map((p) => p.path)
        .sort(),
    ).toEqual(['/push/three', '/push/two']);
  }, 180_000);
});
