/**
 * Where the outbox keeps session logs: this browser's IndexedDB (through Dexie), which survives a
 * reload, a closed tab and a lost connection. Loaded on demand, so the first page's script stays small.
 * Logs kept by earlier versions of the app in localStorage are moved in on first open.
 */
import type { SessionInput } from '@core/clinic/record/session.ts';
import { Dexie, type EntityTable, liveQuery } from 'dexie';
import { OLD_STORAGE_KEY, OUTBOX_DATABASE } from './outbox-names.ts';

/** A session log on its way to the server: waiting to be sent, or refused by it and shown to the patient. */
export interface KeptLog {
  key: string;
  patientId: string;
  body: SessionInput;
  /** When it was kept on this device (ISO instant): logs are sent in this order. */
  keptAt: string;
  state: 'waiting' | 'refused';
  /** Why the server refused it, in the words the patient reads (set when refused). */
  refusal: string | null;
}

class OutboxDatabase extends Dexie {
  logs!: EntityTable<KeptLog, 'key'>;
  constructor() {
    super(OUTBOX_DATABASE);
    this.version(1).stores({ logs: 'key, patientId, keptAt' });
  }
}

const db = new OutboxDatabase();

async function moveOldLogs(): Promise<void> {
  let old: unknown;
  try {
    old = JSON.parse(localStorage.getItem(OLD_STORAGE_KEY) ?? '[]');
  } catch {
    old = [];
  }
  if (!Array.isArray(old) || old.length === 0) return;
  const keptAt = new Date().toISOString();
  await db.transaction('rw', db.logs, async () => {
    for (const l of old as { patientId: string; key: string; body: SessionInput }[]) {
      if (!(await db.logs.get(l.key))) {
        await db.logs.add({ ...l, keptAt, state: 'waiting', refusal: null });
      }
    }
  });
  localStorage.removeItem(OLD_STORAGE_KEY);
}

const ready = moveOldLogs().catch(() => undefined);

/** Puts a log in (a new one, or the same key again with what the patient answered since). */
export async function putLog(log: KeptLog): Promise<void> {
  await ready;
  await db.transaction('rw', db.logs, async () => {
    const before = await db.logs.get(log.key);
    await db.logs.put(before ? { ...log, keptAt: before.keptAt } : log);
  });
}

export async function removeLog(key: string): Promise<void> {
  await db.logs.delete(key);
}

export async function markRefused(key: string, refusal: string): Promise<void> {
  await db.logs.update(key, { state: 'refused', refusal });
}

/** The patient's kept logs, oldest first. */
const logsQuery = (patientId: string) => db.logs.where('patientId').equals(patientId).sortBy('keptAt');

export async function logsOf(patientId: string): Promise<KeptLog[]> {
  await ready;
  return logsQuery(patientId);
}

/** Calls `onChange` with the patient's kept logs now and after every change (in any tab); returns the unsubscribe. */
export function watchLogs(patientId: string, onChange: (logs: KeptLog[]) => void): () => void {
  // Only Dexie's own promises inside a live query: that is how it knows what to watch.
  const subscription = liveQuery(() => logsQuery(patientId)).subscribe({
    next: onChange,
    error: () => undefined,
  });
  return () => subscription.unsubscribe();
}
