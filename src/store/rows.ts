import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Schema } from './schema.ts';

/** A new record id. */
export function newId(): string {
  return randomUUID();
}

/** Runs `work` in the caller's transaction when there is one, else in a new one. */
export function inOneTransaction<T>(
  db: Kysely<Schema>,
  work: (tx: Kysely<Schema>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** A timestamptz read from either driver, as an ISO 8601 string in UTC. */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}

/** A jsonb value for writing: both drivers take JSON text unchanged. */
export function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Time window and page size shared by every record list. */
export interface ListWindow {
  from?: string;
  to?: string;
  limit?: number;
  /** Only rows whose status is current (a correctable table's: docs/corrections.md). */
  currentOnly?: boolean;
}

export const DEFAULT_LIST_LIMIT = 500;
export const MAX_LIST_LIMIT = 5000;

/** A row of a table as either driver reads it. */
export type RowOf<Table extends keyof Schema> = Selectable<Schema[Table]>;
