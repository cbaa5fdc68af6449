import type { ChildProcess } from 'node:child_process';
import { spawnServer } from './spawned-server.ts';

/**
 * The HTTP floor of the session-log benchmark: the raw loop's own single-row insert behind a bare
 * Fastify route, in a process of its own like `myotrophy serve`, loaded by the same autocannon
 * settings. No authentication, no gate, no audit event, no batching, none of Myotrophy's code: what
 * one HTTP hop between a load generator and the database costs on this machine. Its rate over the
 * raw loop's is the fraction no API with an HTTP hop can pass here, however little work it does.
 *
 * The server is a short CommonJS script run by `node -e` from the project's root, so that it needs
 * no build and resolves Fastify and pg from the project's own node_modules.
 */
const FLOOR_SERVER = `
const { randomUUID } = require('node:crypto');
const fastify = require('fastify')();
const pg = require('pg');
const { connectionString, options, poolSize, insertSql, columns, row } = JSON.parse(process.env.MYOTROPHY_HTTP_FLOOR);
const pool = new pg.Pool({ connectionString, options, max: poolSize, idleTimeoutMillis: 0 });
fastify.post('/sessions', async (request, reply) => {
  const values = { ...row, id: randomUUID(), recorded_at: new Date() };
  await pool.query(insertSql, columns.map((column) => values[column]));
  reply.code(201);
  return { id: values.id };
});
fastify.listen({ port: 0, host: '127.0.0.1' }).then((url) => console.log(url), (error) => {
  console.error(error);
  process.exit(1);
});
`;

export interface HttpFloorOptions {
  /** The raw loop's connection: the same database, schema (search_path) and clinic. */
  connectionString: string;
  options: string;
  poolSize: number;
  /** The raw loop's INSERT, its parameters in `columns` order. */
  insertSql: string;
  columns: string[];
  /** The raw loop's row by column; id and recorded_at are new for each request (the body is parsed, not read). */
  row: Record<string, unknown>;
}

export interface HttpFloor {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startHttpFloor(options: HttpFloorOptions): Promise<HttpFloor> {
  const server = await spawnServer(
    ['-e', FLOOR_SERVER],
    { ...process.env, MYOTROPHY_HTTP_FLOOR: JSON.stringify(options) },
    'the HTTP floor server',
  );
  return { url: server.firstLine, child: server.child, stop: server.stop };
}
