import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * Word that a login session or an account may have changed (a logout, a password change, a
 * deactivation, a role change), for a process that keeps copies of sessions (src/api/session-cache.ts).
 *
 * Two sources: this process's own writes to `users` or `auth_sessions`, told synchronously by the
 * storage watcher (after the statement, and again after its transaction commits); and every
 * process's, told by PostgreSQL's NOTIFY from the triggers of migration 0021 on the channel below.
 * A listener gets the changed account's id, or null for "anything may have changed" (this process's
 * own writes, and a lost or restored notification connection). `live()` is true only while
 * notifications are being received: a copy may be trusted only then.
 */
export const ACCOUNT_CHANGE_CHANNEL = 'myotrophy_account_changes';

/** How long to wait before listening again after the notification connection was lost (ms). */
const RELISTEN_AFTER_MS = 1000;

export type AccountChangeListener = (userId: string | null) => void;

export interface AccountChanges {
  /** Starts listening (on the first subscriber); returns the unsubscribe. */
  subscribe(listener: AccountChangeListener): () => void;
  live(): boolean;
  /** Told by the storage watcher: this process wrote to users or auth_sessions. */
  wroteLocally(): void;
  close(): Promise<void>;
}

/** How notifications reach this process: a LISTEN that reports its loss. */
type Listen = (onNotice: (payload: string) => void, onLost: () => void) => Promise<() => Promise<void>>;

function accountChanges(listen: Listen): AccountChanges {
  const listeners = new Set<AccountChangeListener>();
  let live = false;
  let stop: (() => Promise<void>) | undefined;
  let starting = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const tell = (userId: string | null) => {
    for (const listener of listeners) listener(userId);
  };
  const lost = () => {
    live = false;
    tell(null);
    stop = undefined;
    if (!closed && !retry) retry = setTimeout(start, RELISTEN_AFTER_MS).unref();
  };
  async function start(): Promise<void> {
    retry = undefined;
    if (closed || starting || stop) return;
    starting = true;
    try {
      stop = await listen((payload) => tell(payload || null), lost);
      live = true;
      // Whatever changed while not listening is unknown: everything may have.
      tell(null);
    } catch {
      lost();
    } finally {
      starting = false;
    }
  }
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!stop && !starting) void start();
      return () => listeners.delete(listener);
    },
    live: () => live,
    wroteLocally: () => tell(null),
    async close() {
      closed = true;
      live = false;
      if (retry) clearTimeout(retry);
      await stop?.().catch(() => {});
    },
  };
}

/** Notifications on PostgreSQL: one client of its own, outside the pool, that LISTENs. */
export function postgresAccountChanges(connectionString: string): AccountChanges {
  return accountChanges(async (onNotice, onLost) => {
    const client = new pg.Client({ connectionString });
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      onLost();
    };
    client.on('error', end);
    client.on('end', end);
    client.on('notification', (message) => {
      if (message.channel === ACCOUNT_CHANGE_CHANNEL) onNotice(message.payload ?? '');
    });
    await client.connect();
    await client.query(`listen ${ACCOUNT_CHANGE_CHANNEL}`);
    return async () => {
      ended = true;
      await client.end();
    };
  });
}

/** Notifications on PGlite: its own listen, in this process. */
export function pgliteAccountChanges(pglite: PGlite): AccountChanges {
  return accountChanges(async (onNotice) => {
    const unlisten = await pglite.listen(ACCOUNT_CHANGE_CHANNEL, onNotice);
    return () => unlisten();
  });
}
