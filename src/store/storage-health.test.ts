import { describe, expect, it } from 'vitest';
import { createStorageHealth } from './storage-health.ts';

describe('storage health', () => {
  it('keeps the last storage failure until a write succeeds', () => {
    const storage = createStorageHealth();
    expect(storage.failure()).toBeUndefined();
    storage.recordFailure('out-of-memory', new Date('2026-12-05T23:00:00Z'));
    storage.recordFailure('disk-full', new Date('2026-12-05T23:01:00Z'));
    expect(storage.failure()).toEqual({ kind: 'disk-full', at: new Date('2026-12-05T23:01:00Z') });
    storage.recordWriteSucceeded();
    expect(storage.failure()).toBeUndefined();
  });
});
