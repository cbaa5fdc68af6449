import { sql } from 'kysely';
import { BACKUP_TABLES, type BackupTable } from '../../src/store/backup.ts';
import type { Db } from '../../src/store/database.ts';

/**
 * The bad-input suite's checkers. `rejectionProblem` says what is wrong with a response to bad
 * input (null when it is fine); `storedCounts` and `countChanges` show whether a refused request
 * stored anything.
 */
export interface ResponseLike {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

const STACK_TRACE = /\n\s+at\s|\bat [\w.<>]+ \(.*:\d+:\d+\)|node_modules|\/src\//;

/**
 * A response to any input must be a success or a 4xx; a 4xx must be RFC 9457 problem+json (FHIR
 * routes: an OperationOutcome) whose status matches and whose detail says something, with no stack
 * trace or source path in it.
 */
export function rejectionProblem(response: ResponseLike, { fhir = false } = {}): string | null {
  const { statusCode: status } = response;
  if (status >= 500) return `answered ${status}: ${response.body.slice(0, 300)}`;
  if (status < 400) return null;
  const type = String(response.headers['content-type'] ?? '');
  const expected = fhir ? /^application\/fhir\+json/ : /^application\/problem\+json/;
  if (!expected.test(type)) return `a ${status} with content type '${type}': ${response.body.slice(0, 200)}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(response.body) as Record<string, unknown>;
  } catch {
    return `a ${status} whose body is not JSON: ${response.body.slice(0, 200)}`;
  }
  let detail: unknown;
  if (fhir) {
    const issue = (body.issue as { details?: { text?: unknown } }[] | undefined)?.[0];
    if (body.resourceType !== 'OperationOutcome' || !issue)
      return `a ${status} that is not an OperationOutcome`;
    detail = issue.details?.text;
  } else {
    if (body.status !== status) return `a ${status} whose problem says status ${String(body.status)}`;
    if (typeof body.title !== 'string' || body.title === '') return `a ${status} without a title`;
    detail = body.detail;
  }
  if (typeof detail !== 'string' || detail.trim().length < 8) {
    return `a ${status} without a clear detail: ${JSON.stringify(detail)}`;
  }
  if (STACK_TRACE.test(detail)) return `a ${status} whose detail leaks internals: ${detail.slice(0, 200)}`;
  return null;
}

export type Counts = Record<BackupTable, number>;

/** Rows in every table a backup holds, in one round trip. */
export async function storedCounts(db: Db): Promise<Counts> {
  const columns = BACKUP_TABLES.map(
    (table) => sql`(select count(*) from ${sql.table(table)})::int as ${sql.ref(table)}`,
  );
  const result = await sql<Counts>`select ${sql.join(columns)}`.execute(db);
  return result.rows[0] as Counts;
}

/** The tables whose row counts differ, e.g. `{ notes: 1 }`. */
export function countChanges(before: Counts, after: Counts): Partial<Counts> {
  const changed: Partial<Counts> = {};
  for (const table of BACKUP_TABLES) {
    if (before[table] !== after[table]) changed[table] = after[table] - before[table];
  }
  return changed;
}
