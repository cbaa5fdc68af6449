import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Schema } from './schema.ts';

/** A new record id. */
export function newId(): string {
  return randomUUID();
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
