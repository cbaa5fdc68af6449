import type { FastifyInstance } from 'fastify';
import type { StorageHealth } from '../store/storage-health.ts';
import { databaseProblem } from './problem.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Keeps the store's storage health: a request failing with disk full or out of memory records the
 * failure (the error handler answers it 503 with Retry-After); the next write that succeeds clears it.
 */
export function installStorageHealth(app: FastifyInstance, storage: StorageHealth, now: () => Date): void {
  app.addHook('onError', async (_request, _reply, error) => {
    const kind = databaseProblem(error)?.storageFailure;
    if (kind) storage.recordFailure(kind, now());
  });
  app.addHook('onResponse', async (request, reply) => {
    if (!READ_METHODS.has(request.method) && reply.statusCode < 400) storage.recordWriteSucceeded();
  });
}
