import type { FastifyInstance } from 'fastify';
import { type Database, ping, schemaVersion } from '../../store/database.ts';
import { sendProblem } from '../problem.ts';

export function healthRoutes(app: FastifyInstance, database: Database): void {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['health'], summary: 'Liveness and database reachability', security: [] },
    },
    async (_request, reply) => {
      if (!(await ping(database.db))) return sendProblem(reply, 503, 'the database does not answer');
      return { status: 'ok', database: database.kind, schemaVersion: schemaVersion() };
    },
  );
}
