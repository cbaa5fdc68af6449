/**
 * One login across the browser's tabs: when the session ends in one tab — its owner logged out, or
 * the server answered 401 because it expired or was ended elsewhere — every other tab of the app
 * is told at once and shows the login page with a short message. BroadcastChannel where the browser
 * has it; a `storage` event (a key written then removed) otherwise.
 */
import { t } from './i18n/i18n.ts';

export type SessionEnd = 'logged-out' | 'expired';

/** What the login page says about why the person is there again, in their language. */
export function sessionEndWords(end: SessionEnd): string {
  return end === 'logged-out' ? t('session.loggedOut') : t('problem.sessionEnded');
}

const CHANNEL = 'myotrophy-session';
const STORAGE_KEY = 'myotrophy-session-ended';

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
const listeners = new Set<(end: SessionEnd) => void>();

function isSessionEnd(value: unknown): value is SessionEnd {
  return value === 'logged-out' || value === 'expired';
}

function deliver(end: SessionEnd): void {
  for (const listener of listeners) listener(end);
}

channel?.addEventListener('message', (event: MessageEvent) => {
  if (isSessionEnd(event.data)) deliver(event.data);
});
if (!channel && typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY && event.newValue) {
      const end = event.newValue.split(' ')[0];
      if (isSessionEnd(end)) deliver(end);
    }
  });
}

/** Tells this tab's listeners and every other tab that the session has ended. */
export function announceSessionEnd(end: SessionEnd): void {
  deliver(end);
  if (channel) channel.postMessage(end);
  else {
    try {
      localStorage.setItem(STORAGE_KEY, `${end} ${Date.now()}`);
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage refused (private mode): the other tabs learn it on their next request's 401.
    }
  }
}

/** Calls `listener` whenever the session ends, in this tab or another; returns the unsubscribe. */
export function onSessionEnd(listener: (end: SessionEnd) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
