import type { FastifyInstance } from 'fastify';
import { type Database, ping, schemaVersion } from '../../store/database.ts';
import type { StorageFailureKind } from '../../store/storage-health.ts';
import { type MemoryGuard, memoryPressureDetail } from '../memory-guard.ts';
import { sendProblem } from '../problem.ts';

/** Why health is degraded: a short tag for monitors, and what an operator should do. */
const STORAGE_FAILURES: Record<StorageFailureKind, { reason: string; detail: string }> = {
  'disk-full': {
    reason: 'disk-full',
    detail: 'the database disk is full: writes fail with 503 until space is freed; reads go on',
  },
  'out-of-memory': {
    reason: 'memory',
    detail: 'the database ran out of memory: writes fail with 503 until memory is freed; reads go on',
  },
};

const mib = (bytes: number) => Math.round(bytes / (1024 * 1024));

export function healthRoutes(app: FastifyInstance, database: Database, memory: MemoryGuard): void {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['health'], summary: 'Liveness and database reachability', security: [] },
    },
    async (_request, reply) => {
      if (!(await ping(database.db))) return sendProblem(reply, 503, 'the database does not answer');
      const base = { database: database.kind, schemaVersion: schemaVersion() };
      // 200, not 503, when degraded: the server still answers reads, and every replica shares the
      // same storage, so a balancer taking it out would stop the reads too. The reason says what to fix.
      const pressure = memory.pressure();
      if (pressure) {
        const { sample, ceiling } = pressure;
        return {
          status: 'degraded',
          reason: 'memory',
          detail: `${memoryPressureDetail(pressure)}: writes fail with 503 until memory is freed; reads go on`,
          memory: {
            residentMb: mib(sample.rssBytes),
            residentCeilingMb: mib(ceiling.rssBytes),
            heapUsedMb: mib(sample.heapUsedBytes),
            heapCeilingMb: mib(ceiling.heapUsedBytes),
            ...(sample.wasmBytes !== undefined ? { databaseWasmMb: mib(sample.wasmBytes) } : {}),
          },
          ...base,
        };
      }
      const failure = database.storage.failure();
      if (failure) {
        return {
          status: 'degraded',
          ...STORAGE_FAILURES[failure.kind],
          since: failure.at.toISOString(),
          ...base,
        };
      }
      return { status: 'ok', ...base };
    },
  );
}
