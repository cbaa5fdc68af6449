/**
 * The session player's outbox: a session log is kept in this browser's storage, with its
 * Idempotency-Key, from the moment the session ends until the server has stored it. A log whose
 * answer never arrived (the connection dropped, the page was closed) is sent again with the same
 * key the next time the player or Today opens, so the server stores it once.
 */
import type { SessionInput } from '@core/clinic/record/session.ts';
import { ApiError, newIdempotencyKey, post } from '../api.ts';
import type { Session } from '../types.ts';

export interface PendingLog {
  patientId: string;
  key: string;
  body: SessionInput;
}

const STORAGE_KEY = 'myotrophy.pending-session-logs';
const REFUSED_FOR_GOOD = [400, 409, 422];

function read(): PendingLog[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as PendingLog[]) : [];
  } catch {
    return [];
  }
}

function write(logs: PendingLog[]): void {
  try {
    if (logs.length === 0) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(logs));
  } catch {
    // Storage refused (private mode, full): the log is still sent now, only not kept for a retry.
  }
}

/** Keeps a new log (with a fresh key) or replaces a kept one (same key) before it is sent. */
export function keep(patientId: string, body: SessionInput, key = newIdempotencyKey()): PendingLog {
  const log = { patientId, key, body };
  write([...read().filter((l) => l.key !== key), log]);
  return log;
}

/**
 * Sends a log with its key. Stored (201) or already stored (200): it leaves the outbox. Refused
 * for what it says (400, 409 paused, 422): it leaves the outbox and the refusal is thrown. Anything
 * else (no connection, logged out, 5xx): it stays for the next try, and the error is thrown.
 */
export async function send(log: PendingLog): Promise<Session> {
  try {
    const stored = await post<Session>(`/api/patients/${log.patientId}/sessions`, log.body, {
      'idempotency-key': log.key,
    });
    write(read().filter((l) => l.key !== log.key));
    return stored;
  } catch (error) {
    if (error instanceof ApiError && REFUSED_FOR_GOOD.includes(error.status)) {
      write(read().filter((l) => l.key !== log.key));
    }
    throw error;
  }
}

/** Sends every log still kept for this patient; the number stored. */
export async function sendKept(patientId: string): Promise<number> {
  let stored = 0;
  for (const log of read().filter((l) => l.patientId === patientId)) {
    try {
      await send(log);
      stored += 1;
    } catch {
      // Kept for the next try (or refused for good and dropped).
    }
  }
  return stored;
}
