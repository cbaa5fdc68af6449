import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createStorageHealth, type StorageHealth } from '../store/storage-health.ts';
import { installStorageHealth } from './storage-health.ts';

const FAILED_AT = new Date('2026-12-06T08:00:00Z');

/** A store's health whose stored-write count says how often it was read. */
function countedHealth(): StorageHealth & { countReads: () => number } {
  const health = createStorageHealth();
  let reads = 0;
  return {
    ...health,
    storedWrites: () => {
      reads += 1;
      return health.storedWrites();
    },
    countReads: () => reads,
  };
}

describe('the storage health kept by the API', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
  });

  async function appWith(storage: StorageHealth): Promise<FastifyInstance> {
    app = Fastify();
    installStorageHealth(app, storage, () => FAILED_AT);
    app.get('/read', async () => ({ read: true }));
    app.post('/store', async () => {
      storage.recordStoredWrite();
      return { stored: true };
    });
    app.post('/simulate', async () => ({ stored: false }));
    await app.ready();
    return app;
  }

  it('does not count stored writes for GET, HEAD or OPTIONS requests, and a read clears no failure', async () => {
    const storage = countedHealth();
    const server = await appWith(storage);
    storage.recordFailure('disk-full', FAILED_AT);
    for (const method of ['GET', 'HEAD'] as const) {
      expect((await server.inject({ method, url: '/read' })).statusCode).toBe(200);
    }
    await server.inject({ method: 'OPTIONS', url: '/read' });
    expect(storage.countReads()).toBe(0);
    expect(storage.failure()).toEqual({ kind: 'disk-full', at: FAILED_AT });
  });

  it('clears a failure after a write request that stored a write, not after one that stored nothing', async () => {
    const storage = countedHealth();
    const server = await appWith(storage);
    storage.recordFailure('out-of-memory', FAILED_AT);
    expect((await server.inject({ method: 'POST', url: '/simulate' })).statusCode).toBe(200);
    expect(storage.failure()?.kind).toBe('out-of-memory');
    expect((await server.inject({ method: 'POST', url: '/store' })).statusCode).toBe(200);
    expect(storage.failure()).toBeUndefined();
    // Counted at the start and at the end of each of the two write requests.
    expect(storage.countReads()).toBe(4);
  });
});
