import { sql } from 'kysely';
import {
  type ReminderOccurrence,
  type ReminderPlan,
  type ReminderWeekday,
  reminderOccurrences,
} from '../../clinic/reminders/reminder-plan.ts';
import type { Db } from '../database.ts';
import { inOneTransaction, iso, isoOrNull, json, newId, type RowOf } from '../rows.ts';

/**
 * Reminders in the store (migration 0015; docs/reminders.md): settings, push subscriptions, the
 * calendar feed's secret (its SHA-256 only), the VAPID key pair and the due reminders. Sending is
 * at most once: a reminder is claimed under a row lock (SKIP LOCKED, so several server processes
 * share the work) and moved to 'sending' in that transaction; only a reminder still 'pending' is
 * ever claimed, and one left 'sending' by a stopped process is closed as failed, never sent again.
 *
 * Settings, subscriptions and due reminders are tenant rows (docs/tenancy.md): a request's reads
 * and writes stay in its clinic. The scheduler works as the operator across clinics, so what it
 * writes names the patient's clinic itself rather than taking the operator's default.
 */
export interface ReminderSettings {
  patientId: string;
  clinicEnabled: boolean;
  plan: ReminderPlan;
  updatedAt: string | null;
}

function split(list: string): string[] {
  return list ? list.split(',') : [];
}

function toSettings(patientId: string, row: RowOf<'reminder_settings'> | undefined): ReminderSettings {
  return {
    patientId,
    clinicEnabled: row?.clinic_enabled ?? false,
    plan: { weekdays: split(row?.weekdays ?? '') as ReminderWeekday[], times: split(row?.times ?? '') },
    updatedAt: row ? iso(row.updated_at) : null,
  };
}

export async function getReminderSettings(db: Db, patientId: string): Promise<ReminderSettings> {
  const row = await db
    .selectFrom('reminder_settings')
    .selectAll()
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  return toSettings(patientId, row);
}

/**
 * Changes the plan or the clinic's switch; the reminders not yet sent are dropped, to be worked
 * out again from the new settings on the scheduler's next round.
 */
export async function updateReminderSettings(
  db: Db,
  patientId: string,
  change: { plan?: ReminderPlan; clinicEnabled?: boolean },
  by: string,
  now: Date,
): Promise<ReminderSettings> {
  return inOneTransaction(db, async (tx) => {
    const set = {
      ...(change.plan
        ? { weekdays: change.plan.weekdays.join(','), times: change.plan.times.join(',') }
        : {}),
      ...(change.clinicEnabled !== undefined ? { clinic_enabled: change.clinicEnabled } : {}),
      enqueued_through: null,
      updated_at: now,
      updated_by: by,
    };
    const row = await tx
      .insertInto('reminder_settings')
      .values({ patient_id: patientId, ...set })
      .onConflict((oc) => oc.columns(['clinic_id', 'patient_id']).doUpdateSet(set))
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .deleteFrom('reminder_jobs')
      .where('patient_id', '=', patientId)
      .where('state', '=', 'pending')
      .execute();
    return toSettings(patientId, row);
  });
}

export interface PushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface StoredPushSubscription extends PushSubscription {
  id: string;
  patientId: string;
  createdAt: string;
}

function toSubscription(row: RowOf<'push_subscriptions'>): StoredPushSubscription {
  return {
    id: row.id,
    patientId: row.patient_id,
    endpoint: row.endpoint,
    keys: { p256dh: row.p256dh, auth: row.auth },
    createdAt: iso(row.created_at),
  };
}

/** Keeps a browser's subscription for the patient; a browser subscribed before (by anyone in the clinic) now reminds this patient. */
export async function savePushSubscription(
  db: Db,
  patientId: string,
  subscription: PushSubscription,
  now: Date,
): Promise<StoredPushSubscription> {
  const values = {
    patient_id: patientId,
    p256dh: subscription.keys.p256dh,
    auth: subscription.keys.auth,
    created_at: now,
  };
  const row = await db
    .insertInto('push_subscriptions')
    .values({ id: newId(), endpoint: subscription.endpoint, ...values })
    .onConflict((oc) => oc.columns(['clinic_id', 'endpoint']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSubscription(row);
}

/** Forgets one of the patient's browsers; false when the patient had no such subscription. */
export async function deletePushSubscription(db: Db, patientId: string, endpoint: string): Promise<boolean> {
  const result = await db
    .deleteFrom('push_subscriptions')
    .where('patient_id', '=', patientId)
    .where('endpoint', '=', endpoint)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function listPushSubscriptions(db: Db, patientId: string): Promise<StoredPushSubscription[]> {
  const rows = await db
    .selectFrom('push_subscriptions')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toSubscription);
}

/** A subscription the push service says is gone (404/410) is dropped. */
export async function dropPushSubscription(db: Db, id: string): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('id', '=', id).execute();
}

/** Keeps the SHA-256 of the patient's new calendar secret; any earlier link stops working. */
export async function setCalendarFeedToken(db: Db, patientId: string, tokenSha256: string, now: Date) {
  await db
    .insertInto('calendar_feed_links')
    .values({ patient_id: patientId, token_sha256: tokenSha256, created_at: now })
    .onConflict((oc) => oc.column('patient_id').doUpdateSet({ token_sha256: tokenSha256, created_at: now }))
    .execute();
}

/** Stops the patient's calendar link; false when there was none. */
export async function revokeCalendarFeed(db: Db, patientId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('calendar_feed_links')
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** When the patient's calendar link was made, or null when they have none. */
export async function calendarFeedCreatedAt(db: Db, patientId: string): Promise<string | null> {
  const row = await db
    .selectFrom('calendar_feed_links')
    .select('created_at')
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  return isoOrNull(row?.created_at ?? null);
}

/** The patient a calendar secret (by its SHA-256) belongs to, and their clinic, if the link is live. */
export async function patientOfCalendarToken(
  db: Db,
  tokenSha256: string,
): Promise<{ patientId: string; clinicId: string } | undefined> {
  const row = await db
    .selectFrom('calendar_feed_links')
    .select(['patient_id', 'clinic_id'])
    .where('token_sha256', '=', tokenSha256)
    .executeTakeFirst();
  return row && { patientId: row.patient_id, clinicId: row.clinic_id };
}

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * The server's VAPID key pair: the one stored, or `make()`'s, stored now. When processes start
 * together, the first insert wins and every process reads that one.
 */
export async function vapidKeys(db: Db, make: () => VapidKeys, now: Date): Promise<VapidKeys> {
  const stored = await db.selectFrom('push_vapid_keys').selectAll().where('id', '=', 1).executeTakeFirst();
  if (stored) return { publicKey: stored.public_key, privateKey: stored.private_key };
  const made = make();
  await db
    .insertInto('push_vapid_keys')
    .values({ id: 1, public_key: made.publicKey, private_key: made.privateKey, created_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return vapidKeys(db, make, now);
}

/** A patient whose reminders must be worked out further ahead. */
export interface ReminderSchedule {
  clinicId: string;
  patientId: string;
  timeZone: string;
  plan: ReminderPlan;
  /** Reminders before this instant are already enqueued (null: none yet). */
  enqueuedThrough: Date | null;
  /** The settings' version: enqueueing is dropped if they changed meanwhile. */
  updatedAt: Date;
}

/** Patients with reminders on whose jobs reach less far than `before`, at most `limit`. */
export async function remindersToEnqueue(db: Db, before: Date, limit: number): Promise<ReminderSchedule[]> {
  const rows = await db
    .selectFrom('reminder_settings as s')
    .innerJoin('patients as p', (join) =>
      join.onRef('p.clinic_id', '=', 's.clinic_id').onRef('p.id', '=', 's.patient_id'),
    )
    .select([
      's.clinic_id',
      's.patient_id',
      'p.time_zone',
      's.weekdays',
      's.times',
      's.enqueued_through',
      's.updated_at',
    ])
    .where('s.clinic_enabled', '=', true)
    .where('s.weekdays', '<>', '')
    .where('s.times', '<>', '')
    .where((eb) => eb.or([eb('s.enqueued_through', 'is', null), eb('s.enqueued_through', '<', before)]))
    .orderBy('s.clinic_id')
    .orderBy('s.patient_id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    clinicId: row.clinic_id,
    patientId: row.patient_id,
    timeZone: row.time_zone,
    plan: { weekdays: split(row.weekdays) as ReminderWeekday[], times: split(row.times) },
    enqueuedThrough: row.enqueued_through === null ? null : new Date(row.enqueued_through),
    updatedAt: new Date(row.updated_at),
  }));
}

/**
 * Enqueues a patient's reminders from `from` to `through` (each once: the unique key drops one
 * another process enqueued), and notes how far they reach, unless the settings changed since
 * they were read (then nothing is written and the next round starts again from the new settings).
 */
export async function enqueueReminders(
  db: Db,
  schedule: ReminderSchedule,
  from: Date,
  through: Date,
  payload: (occurrence: ReminderOccurrence) => unknown,
): Promise<number> {
  const occurrences = reminderOccurrences(schedule.plan, schedule.timeZone, from, through);
  return db.transaction().execute(async (tx) => {
    const moved = await tx
      .updateTable('reminder_settings')
      .set({ enqueued_through: through })
      .where('clinic_id', '=', schedule.clinicId)
      .where('patient_id', '=', schedule.patientId)
      .where('updated_at', '=', schedule.updatedAt)
      .executeTakeFirst();
    if (moved.numUpdatedRows === 0n || occurrences.length === 0) return 0;
    const inserted = await tx
      .insertInto('reminder_jobs')
      .values(
        occurrences.map((o) => ({
          id: newId(),
          // The scheduler acts as the operator, whose default clinic is the first: name the patient's.
          clinic_id: schedule.clinicId,
          patient_id: schedule.patientId,
          kind: 'push' as const,
          occurrence: o.localTime,
          run_at: o.at,
          payload: json(payload(o)),
          state: 'pending' as const,
        })),
      )
      .onConflict((oc) => oc.columns(['clinic_id', 'patient_id', 'kind', 'occurrence']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n);
  });
}

export interface ReminderJob {
  id: string;
  clinicId: string;
  patientId: string;
  occurrence: string;
  runAt: string;
  payload: unknown;
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  sentAt: string | null;
  failure: string | null;
}

function toJob(row: RowOf<'reminder_jobs'>): ReminderJob {
  return {
    id: row.id,
    clinicId: row.clinic_id,
    patientId: row.patient_id,
    occurrence: row.occurrence,
    runAt: iso(row.run_at),
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    state: row.state,
    attempts: row.attempts,
    sentAt: isoOrNull(row.sent_at),
    failure: row.failure,
  };
}

/** Said of a reminder whose process stopped while sending it. */
export const STOPPED_WHILE_SENDING =
  'the server stopped while sending this reminder; it is not sent again, so that it never arrives twice';

/**
 * Claims up to `limit` due reminders for this process, earliest first, in one transaction: rows
 * another process holds are skipped (SKIP LOCKED), and the ones taken leave 'pending' before the
 * transaction commits, so no other process can take them again. Reminders due before `notBefore`
 * are too late to be of use and are closed unsent; ones left 'sending' past their lease are closed
 * as failed.
 */
export async function claimDueReminders(
  db: Db,
  now: Date,
  notBefore: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ReminderJob[]> {
  return db.transaction().execute(async (tx) => {
    await tx
      .updateTable('reminder_jobs')
      .set({ state: 'failed', failure: STOPPED_WHILE_SENDING, locked_until: null })
      .where('state', '=', 'sending')
      .where('locked_until', '<', now)
      .execute();
    const due = await tx
      .selectFrom('reminder_jobs')
      .select(['id', 'run_at'])
      .where('state', '=', 'pending')
      .where('run_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .orderBy('run_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    const late = due.filter((row) => new Date(row.run_at) < notBefore).map((row) => row.id);
    const onTime = due.filter((row) => new Date(row.run_at) >= notBefore).map((row) => row.id);
    if (late.length > 0) {
      await tx
        .updateTable('reminder_jobs')
        .set({ state: 'failed', failure: 'too late to be of use; not sent' })
        .where('id', 'in', late)
        .execute();
    }
    if (onTime.length === 0) return [];
    const rows = await tx
      .updateTable('reminder_jobs')
      .set({ state: 'sending', attempts: sql`attempts + 1`, locked_until: leaseUntil })
      .where('id', 'in', onTime)
      .returningAll()
      .execute();
    return rows.map(toJob).sort((a, b) => a.runAt.localeCompare(b.runAt));
  });
}

/** How a claimed reminder ended: sent, to be tried again at `retryAt`, or failed for good. */
export type ReminderOutcome = { sent: true; at: Date } | { sent: false; failure: string; retryAt?: Date };

export async function finishReminder(db: Db, id: string, outcome: ReminderOutcome): Promise<void> {
  const set = outcome.sent
    ? { state: 'sent' as const, sent_at: outcome.at, failure: null, locked_until: null }
    : outcome.retryAt
      ? { state: 'pending' as const, failure: outcome.failure, locked_until: outcome.retryAt }
      : { state: 'failed' as const, failure: outcome.failure, locked_until: null };
  await db
    .updateTable('reminder_jobs')
    .set(set)
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .execute();
}

/** The patient's reminders, newest first, at most `limit`. */
export async function listReminderJobs(db: Db, patientId: string, limit = 50): Promise<ReminderJob[]> {
  const rows = await db
    .selectFrom('reminder_jobs')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('run_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toJob);
}
