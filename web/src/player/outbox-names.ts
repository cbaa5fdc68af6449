/** The outbox's IndexedDB database, and where versions before it kept logs (localStorage). */
export const OUTBOX_DATABASE = 'myotrophy-outbox';
export const OLD_STORAGE_KEY = 'myotrophy.pending-session-logs';
