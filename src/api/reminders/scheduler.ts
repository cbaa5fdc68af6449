import { reminderMessage } from '../../clinic/reminders/reminder-message.ts';
import type { Db } from '../../store/database.ts';
import { patientLanguage } from '../../store/records/patients.ts';
import { approvedProgramme } from '../../store/records/programmes.ts';
import {
  claimDueReminders,
  dropPushSubscription,
  enqueueReminders,
  finishReminder,
  listPushSubscriptions,
  type ReminderJob,
  type ReminderOutcome,
  remindersToEnqueue,
  vapidKeys,
} from '../../store/records/reminders.ts';
import { actAsOperator } from '../../store/tenancy.ts';
import { stimulationPart } from '../safety-gate.ts';
import { makeVapidKeys, type PushMessage, type PushSender, sendPush } from './push-delivery.ts';

/**
 * The reminder scheduler inside `serve` (docs/reminders.md). Every round it (1) works out each
 * patient's reminders a day ahead into reminder_jobs — unique per patient and local occurrence, so
 * processes racing enqueue each once — and (2) claims the due ones with SKIP LOCKED and sends them.
 * A claimed reminder left 'pending' is never sent; one a process stopped while sending is closed,
 * not sent again: a reminder may be missed after a crash, but never arrives twice.
 * It works for every clinic at once, as the operator (docs/tenancy.md): each reminder it enqueues
 * carries its patient's clinic.
 */
export interface ReminderSchedulerOptions {
  now: () => Date;
  /** The VAPID subject (mailto: or https:). */
  subject: string;
  /** How often to look for due reminders (default 30 s). */
  intervalMs?: number;
}

/** A reminder more than this late is of no use (the session time has passed); it is closed unsent. */
export const REMINDER_LATE_LIMIT_MS = 30 * 60_000;
/** How far ahead reminders are written into reminder_jobs. */
export const REMINDER_HORIZON_MS = 24 * 3_600_000;
/** How long one process holds a claimed reminder before it counts as stopped. */
export const REMINDER_LEASE_MS = 2 * 60_000;
export const DEFAULT_REMINDER_INTERVAL_MS = 30_000;
/** Tries of a reminder the push service asked us to retry (429, 5xx, no answer). */
export const REMINDER_MAX_ATTEMPTS = 3;
const RETRY_AFTER_MS = 60_000;
const PUSH_TIMEOUT_MS = 10_000;
/** Patients enqueued per query. */
const BATCH = 100;
/** Reminders claimed at once: few enough to be sent well within the lease. */
const CLAIM = 10;

export interface ReminderScheduler {
  /** One round now: enqueue ahead, then send what is due. Resolves when done. */
  runOnce(): Promise<void>;
  close(): Promise<void>;
}

async function messageFor(db: Db, patientId: string): Promise<PushMessage> {
  const programme = await approvedProgramme(db, patientId);
  const stimulation = programme ? stimulationPart(programme.body) : null;
  const muscle = (stimulation as { muscle?: unknown } | null)?.muscle;
  const language = (await patientLanguage(db, patientId)) ?? undefined;
  return { ...reminderMessage(typeof muscle === 'string' ? [muscle] : [], language), url: '/' };
}

async function enqueueAhead(db: Db, now: Date): Promise<void> {
  const through = new Date(now.getTime() + REMINDER_HORIZON_MS);
  const refillBefore = new Date(now.getTime() + REMINDER_HORIZON_MS / 2);
  for (;;) {
    const schedules = await remindersToEnqueue(db, refillBefore, BATCH);
    if (schedules.length === 0) return;
    for (const schedule of schedules) {
      const earliest = now.getTime() - REMINDER_LATE_LIMIT_MS;
      const from = new Date(Math.max(schedule.enqueuedThrough?.getTime() ?? now.getTime(), earliest));
      const message = await messageFor(db, schedule.patientId);
      await enqueueReminders(db, schedule, from, through, () => message);
    }
    if (schedules.length < BATCH) return;
  }
}

async function deliver(
  db: Db,
  sender: PushSender,
  job: ReminderJob,
  now: () => Date,
): Promise<ReminderOutcome> {
  const subscriptions = await listPushSubscriptions(db, job.patientId);
  if (subscriptions.length === 0) return { sent: false, failure: 'no browser is subscribed to reminders' };
  const results = await Promise.all(
    subscriptions.map(async (subscription) => {
      const result = await sendPush(sender, subscription, job.payload as PushMessage);
      if (result.outcome === 'gone') await dropPushSubscription(db, subscription.id);
      return result;
    }),
  );
  if (results.some((r) => r.outcome === 'accepted')) return { sent: true, at: now() };
  const retry = results.find((r) => r.outcome === 'retry');
  const failure = results
    .map((r) =>
      r.outcome === 'gone'
        ? `the browser's subscription is gone (${r.status})`
        : 'reason' in r
          ? r.reason
          : '',
    )
    .join('; ');
  return retry && job.attempts < REMINDER_MAX_ATTEMPTS
    ? { sent: false, failure, retryAt: new Date(now().getTime() + RETRY_AFTER_MS) }
    : { sent: false, failure };
}

export function startReminderScheduler(db: Db, options: ReminderSchedulerOptions): ReminderScheduler {
  let closing = false;
  let running: Promise<void> | undefined;
  let sender: PushSender | undefined;

  async function round(): Promise<void> {
    sender ??= {
      subject: options.subject,
      keys: await vapidKeys(db, makeVapidKeys, options.now()),
      ttlSeconds: REMINDER_LATE_LIMIT_MS / 1000,
      timeoutMs: PUSH_TIMEOUT_MS,
    };
    await enqueueAhead(db, options.now());
    while (!closing) {
      const now = options.now();
      const jobs = await claimDueReminders(
        db,
        now,
        new Date(now.getTime() - REMINDER_LATE_LIMIT_MS),
        new Date(now.getTime() + REMINDER_LEASE_MS),
        CLAIM,
      );
      if (jobs.length === 0) return;
      for (const job of jobs) {
        const outcome = await deliver(db, sender, job, options.now).catch(
          (error: unknown): ReminderOutcome => ({
            sent: false,
            failure: `not sent: ${(error as Error).message}`,
          }),
        );
        await finishReminder(db, job.id, outcome);
      }
    }
  }

  const runOnce = (): Promise<void> => {
    running ??= actAsOperator(round).finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!closing) runOnce().catch(() => {});
  }, options.intervalMs ?? DEFAULT_REMINDER_INTERVAL_MS);
  timer.unref();
  return {
    runOnce,
    close: async () => {
      closing = true;
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
