/**
 * The outbox for session logs, one for the session player and the hand log: a log is kept in this
 * browser's IndexedDB (./outbox-db.ts), with its Idempotency-Key, from the moment it is made until
 * the server has stored it. A log whose answer never arrived (no connection, the page was closed)
 * is sent again with the same key when Today or the player opens, when the connection returns and
 * when the page is shown again — never through Background Sync, which Safari lacks — so the server
 * stores it exactly once. A log the server refuses (a red flag paused stimulation meanwhile) is
 * kept as refused, with the server's reason in plain words, until the patient has read it.
 */
import type { SessionInput } from '@core/clinic/record/session.ts';
import { ApiError, newIdempotencyKey, post } from '../api.ts';
import { soonAfterLoad } from '../offline.ts';
import type { Session } from '../types.ts';
import type { KeptLog } from './outbox-db.ts';
import { OLD_STORAGE_KEY, OUTBOX_DATABASE } from './outbox-names.ts';

export type { KeptLog } from './outbox-db.ts';

export interface PendingLog {
  patientId: string;
  key: string;
  body: SessionInput;
}

/** Answers that refuse the log for what it says: sending it again would be refused again. */
const REFUSED_FOR_GOOD = [400, 409, 422];
/** Whether an error is the server refusing the log itself (not a lost connection or a fault). */
function isRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && REFUSED_FOR_GOOD.includes(error.status);
}

/** Whether a failed `send` left the log waiting in the outbox, to be sent again (not refused, not unkept). */
export function isLeftWaiting(error: unknown): error is ApiError {
  return error instanceof ApiError && !isRefusal(error);
}

const LOCK_NAME = 'myotrophy-outbox';

/** What a patient reads when a log could neither be kept on this device nor sent. */
export const NOT_KEPT_WORDS =
  'This session could not be kept on this device and was not sent. Please log it again when you are back online.';

// The store's code is loaded soon after the page has loaded (while there is a connection), not when
// the first log is kept, which may be offline; it stays out of the first page's script and paint.
let loading: Promise<typeof import('./outbox-db.ts')> | undefined;
/** Watchers waiting for the store's code, which this browser had no logs to read with before. */
const onceLoaded: (() => void)[] = [];
function storage(): Promise<typeof import('./outbox-db.ts')> {
  loading ??= import('./outbox-db.ts').then(
    (store) => {
      for (const waiting of onceLoaded.splice(0)) waiting();
      return store;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
soonAfterLoad(() => void storage().catch(() => undefined));

/**
 * Whether this browser may hold kept logs: its outbox database exists, or an older version's logs
 * wait in localStorage. On a device that never kept one (most first visits), Today then reads the
 * outbox without loading its code. A browser that cannot list its databases is assumed to hold some.
 */
async function mayHoldLogs(): Promise<boolean> {
  if (loading) return true;
  try {
    if (localStorage.getItem(OLD_STORAGE_KEY) !== null) return true;
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return true;
    return (await indexedDB.databases()).some((database) => database.name === OUTBOX_DATABASE);
  } catch {
    return true;
  }
}

/** Writes to the store not yet finished, by key: a send waits for its log to be kept first. */
const writing = new Map<string, Promise<boolean>>();

/** Whether `work` succeeded: IndexedDB may refuse (private mode, full disk) and the log is then only sent now. */
async function quietly(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch {
    return false;
  }
}

/** Keeps a new log (with a fresh key) or replaces a kept one (same key) before it is sent. */
export function keep(patientId: string, body: SessionInput, key = newIdempotencyKey()): PendingLog {
  const log = { patientId, key, body };
  const kept: KeptLog = { ...log, keptAt: new Date().toISOString(), state: 'waiting', refusal: null };
  const write = quietly(async () => (await storage()).putLog(kept));
  writing.set(key, write);
  void write.then(() => writing.get(key) === write && writing.delete(key));
  return log;
}

/** How long the player waits for a log to be kept before going on: a browser's IndexedDB can hang (Safari has). */
const KEEP_WAIT_MS = 2000;

/**
 * Resolves once `log` is kept on this device, or could not be, or after KEEP_WAIT_MS: a page that
 * says a session stopped should not be reloadable or closable before its log survives that.
 */
export function whenKept(log: PendingLog): Promise<void> {
  const write = writing.get(log.key);
  if (!write) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, KEEP_WAIT_MS);
    void write.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Sends a log with its key. Stored (201) or already stored (200): it leaves the outbox. Refused
 * for what it says (400, 409 paused, 422): the refusal is thrown, and the log stays in the outbox
 * as refused so the patient sees it (`onRefusal: 'keep'`), or leaves it when the patient is
 * reading the refusal in the form they can still correct (`'drop'`). Anything else (no connection,
 * logged out, 5xx): it stays waiting for the next try, and the error is thrown — unless this
 * device could not keep it: then an Error with NOT_KEPT_WORDS, so no one is told it will be sent.
 */
export async function send(log: PendingLog, onRefusal: 'keep' | 'drop' = 'keep'): Promise<Session> {
  const kept = (await writing.get(log.key)) ?? true;
  try {
    const stored = await post<Session>(`/api/patients/${log.patientId}/sessions`, log.body, {
      'idempotency-key': log.key,
    });
    await quietly(async () => (await storage()).removeLog(log.key));
    return stored;
  } catch (error) {
    if (isRefusal(error)) {
      await quietly(async () => {
        const store = await storage();
        await (onRefusal === 'drop' ? store.removeLog(log.key) : store.markRefused(log.key, error.message));
      });
    } else if (!kept) {
      throw new Error(NOT_KEPT_WORDS);
    }
    throw error;
  }
}

/** Runs `work` in one tab at a time (Web Locks where the browser has them, else one at a time in this tab). */
let chain: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return navigator.locks.request(LOCK_NAME, work) as Promise<T>;
  }
  const next = chain.then(work, work);
  chain = next.catch(() => undefined);
  return next;
}

/**
 * Sends every log still waiting for this patient, oldest first; the number stored. Stops at the
 * first that cannot reach the server: the rest wait for the connection with it.
 */
export function sendKept(patientId: string): Promise<number> {
  return oneAtATime(async () => {
    if (!(await mayHoldLogs())) return 0;
    let logs: KeptLog[] = [];
    await quietly(async () => {
      logs = await (await storage()).logsOf(patientId);
    });
    let stored = 0;
    for (const log of logs.filter((l) => l.state === 'waiting')) {
      try {
        await send(log);
        stored += 1;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status === 0 || error.status === 401) break;
      }
    }
    return stored;
  });
}

/** The patient has read why a log was refused: it leaves the outbox. */
export async function dismissRefused(key: string): Promise<void> {
  await (await storage()).removeLog(key);
}

/** Calls `onChange` with the patient's kept logs now and after every change; returns the unsubscribe. */
export function watchKept(patientId: string, onChange: (logs: KeptLog[]) => void): () => void {
  let unsubscribe: (() => void) | null = null;
  let stopped = false;
  const attach = () =>
    void storage()
      .then((store) => {
        if (!stopped) unsubscribe = store.watchLogs(patientId, onChange);
      })
      .catch(() => undefined);
  // Nothing kept yet: watch from when this page first loads the store (to keep a log, or soon after load).
  void mayHoldLogs().then((may) => {
    if (stopped) return;
    if (may) attach();
    else onceLoaded.push(attach);
  });
  return () => {
    stopped = true;
    unsubscribe?.();
  };
}
