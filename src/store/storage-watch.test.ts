import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import type { Database } from './database.ts';

const FAILED_AT = new Date('2026-12-06T05:00:00Z');

describe.each(testDatabases)('the store counts only the writes it stored ($name)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await kind.open();
  });
  afterAll(async () => {
    await database.close();
  });

  const throttleRow = (key: string) => ({
    key,
    failures: 1,
    last_failure_at: FAILED_AT,
    next_attempt_at: FAILED_AT,
  });

  it('does not count reads, writes that change no row, or rolled-back transactions', async () => {
    const before = database.storage.storedWrites();
    await database.db.selectFrom('patients').select('id').execute();
    await database.db.deleteFrom('login_throttle').where('key', '=', 'nobody').execute();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('login_throttle').values(throttleRow('rolled-back')).execute();
        throw new Error('refused after the insert');
      }),
    ).rejects.toThrow('refused after the insert');
    expect(database.storage.storedWrites()).toBe(before);
    expect(
      await database.db.selectFrom('login_throttle').select('key').where('key', '=', 'rolled-back').execute(),
    ).toEqual([]);
  });

  it('counts a write outside a transaction that changes a row', async () => {
    const before = database.storage.storedWrites();
    await database.db.insertInto('login_throttle').values(throttleRow('single')).execute();
    expect(database.storage.storedWrites()).toBe(before + 1);
  });

  it('counts a transaction that wrote once, when it commits and not before', async () => {
    const before = database.storage.storedWrites();
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('login_throttle').values(throttleRow('committed-1')).execute();
      await trx.insertInto('login_throttle').values(throttleRow('committed-2')).execute();
      expect(database.storage.storedWrites()).toBe(before);
    });
    expect(database.storage.storedWrites()).toBe(before + 1);
  });
});
