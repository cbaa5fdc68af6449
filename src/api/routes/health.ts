import type { FastifyInstance } from 'fastify';
import { type Database, ping, schemaVersion } from '../../store/database.ts';
import type { StorageFailureKind } from '../../store/storage-health.ts';
import { sendProblem } from '../problem.ts';

const STORAGE_FAILURE_REASONS: Record<StorageFailureKind, string> = {
  'disk-full': 'the database disk is full: writes fail with 503 until space is freed; reads go on',
  'out-of-memory': 'the database ran out of memory: writes fail with 503 until memory is freed; reads go on',
};

export function healthRoutes(app: FastifyInstance, database: Database): void {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['health'], summary: 'Liveness and database reachability', security: [] },
    },
    async (_request, reply) => {
      if (!(await ping(database.db))) return sendProblem(reply, 503, 'the database does not answer');
      const base = { database: database.kind, schemaVersion: schemaVersion() };
      const failure = database.storage.failure();
      // 200, not 503: the server still answers reads, and every replica shares the same storage, so
      // a balancer taking it out would stop the reads too. The reason says what to fix.
      if (failure) {
        return {
          status: 'degraded',
          reason: STORAGE_FAILURE_REASONS[failure.kind],
          since: failure.at.toISOString(),
          ...base,
        };
      }
      return { status: 'ok', ...base };
    },
  );
}
