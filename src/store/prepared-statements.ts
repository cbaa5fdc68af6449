import { createHash } from 'node:crypto';
import type { CompiledQuery, Kysely, QueryResult } from 'kysely';
import pg from 'pg';
import type { Schema } from './schema.ts';

/**
 * Prepared statements for the hot path (docs/scale.md). A statement whose text opens with this
 * comment is sent to PostgreSQL as a named statement: each connection parses it once, and
 * PostgreSQL may keep one plan for every execution instead of planning each (parsing and planning
 * were almost half of a session log's database CPU). Only statements whose text never varies
 * (every list an array parameter) may be marked, or each variant would be prepared anew on every
 * connection. PGlite, which has no named statements in its query call, runs them as any other
 * statement.
 *
 * Row-level security holds under a kept plan: its policies read the clinic setting when the plan
 * runs, and PostgreSQL plans again when the role changes (prepared-statements.test.ts).
 */
export const PREPARED_STATEMENT = '/* prepared */ ';

/** Runs a compiled query as a prepared statement (see PREPARED_STATEMENT). */
export function executePrepared<Row>(
  db: Kysely<Schema>,
  compiled: CompiledQuery<Row>,
): Promise<QueryResult<Row>> {
  return db.executeQuery<Row>({ ...compiled, sql: `${PREPARED_STATEMENT}${compiled.sql}` });
}

/** The statement's name on a connection: the text's digest, so two texts never share a name. */
function statementName(text: string, generation: number): string {
  return `myotrophy_${createHash('sha256').update(text).digest('hex').slice(0, 24)}_${generation}`;
}

/**
 * PostgreSQL refuses to run a kept plan whose result columns changed under it (a migration added a
 * column to a table the statement reads with `*`), until the statement is prepared again.
 */
function isStaleResultType(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: string }).code === '0A000' &&
    error.message.includes('cached plan must not change result type')
  );
}

/**
 * The pool's client: sends marked statements as named ones. After a schema change it prepares the
 * statement again under a new name (the old one is dropped with the connection).
 */
export class PreparingClient extends pg.Client {
  #generation = 0;

  // biome-ignore lint/suspicious/noExplicitAny: pg's query is overloaded; only the (text, values) call is changed.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config !== 'string' || !config.startsWith(PREPARED_STATEMENT) || callback !== undefined) {
      return super.query(config, values, callback);
    }
    const run = () =>
      super.query({ name: statementName(config, this.#generation), text: config, values: values ?? [] });
    return run().catch((error: unknown) => {
      if (!isStaleResultType(error)) throw error;
      this.#generation += 1;
      return run();
    });
  }
}
