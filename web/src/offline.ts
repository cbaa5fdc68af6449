/**
 * The app offline: a service worker (built by vite-plugin-pwa, see vite.config.ts) keeps the app
 * shell, and for a patient the answers Today, the session player and the handout read, so they open
 * with no connection. It is registered only while a patient is logged in, after the page has
 * loaded and settled (the first visit's script and requests stay as they were); for anyone else, and on logging out, it is
 * removed with what it kept, so no health data stays in this browser for the next person.
 * Session logs wait in the outbox (./player/outbox.ts), not here.
 */
import type { Role } from './types.ts';

/** The service worker's cache of API answers (the name given in vite.config.ts). */
export const KEPT_ANSWERS_CACHE = 'myotrophy-patient-answers';
const SERVICE_WORKER = '/sw.js';
/**
 * How long after the page has loaded the worker is registered: its install downloads the whole app
 * shell, which must not compete with Today's own requests (the page's data arrives after `load`).
 */
const REGISTER_AFTER_LOAD_MS = 5000;

/** Runs `work` REGISTER_AFTER_LOAD_MS after the page has loaded: after its first paint and its own requests. */
export function soonAfterLoad(work: () => void): void {
  const later = () => window.setTimeout(work, REGISTER_AFTER_LOAD_MS);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

/** Offline for a patient; nothing kept for anyone else. */
export function offlineFor(role: Role): void {
  if (!('serviceWorker' in navigator)) return;
  if (role === 'patient') {
    soonAfterLoad(
      () => void navigator.serviceWorker.register(SERVICE_WORKER, { scope: '/' }).catch(() => undefined),
    );
  } else {
    soonAfterLoad(() => void forgetOffline());
  }
}

/** Removes the service worker and the answers it kept (on logging out, or for a clinician). */
export async function forgetOffline(): Promise<void> {
  try {
    if ('caches' in window) await caches.delete(KEPT_ANSWERS_CACHE);
    if ('serviceWorker' in navigator) {
      const registrations = await navigator.serviceWorker.getRegistrations();
      await Promise.all(registrations.map((r) => r.unregister()));
    }
  } catch {
    // Storage refused: there is nothing kept to remove.
  }
}
