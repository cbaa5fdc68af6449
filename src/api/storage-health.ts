import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StorageHealth } from '../store/storage-health.ts';
import { databaseProblem } from './problem.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Keeps the store's storage health: a request failing with disk full or out of memory records the
 * failure (the error handler answers it 503 with Retry-After). It is cleared by a write request
 * that succeeded and during which the database stored a write (src/store/storage-watch.ts counts
 * them). A POST that stores nothing (a simulation) proves nothing; nor does a read, although its
 * audit row is a write: a full disk still takes a small row into pages it holds, while a clinical
 * record needs new ones.
 */
export function installStorageHealth(app: FastifyInstance, storage: StorageHealth, now: () => Date): void {
  const storedWritesAtStart = new WeakMap<FastifyRequest, number>();
  app.addHook('onRequest', async (request) => {
    // Only a write request can clear a failure, so only its starting count is worth keeping.
    if (!READ_METHODS.has(request.method)) storedWritesAtStart.set(request, storage.storedWrites());
  });
  app.addHook('onError', async (_request, _reply, error) => {
    const kind = databaseProblem(error)?.storageFailure;
    if (kind) storage.recordFailure(kind, now());
  });
  app.addHook('onResponse', async (request, reply) => {
    if (READ_METHODS.has(request.method) || reply.statusCode >= 400) return;
    if (storage.storedWrites() > (storedWritesAtStart.get(request) ?? Number.POSITIVE_INFINITY)) {
      storage.recordWriteSucceeded();
    }
  });
}
