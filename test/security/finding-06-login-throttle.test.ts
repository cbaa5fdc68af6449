import { describe, expect, it } from 'vitest';
import { ACCOUNT_FREE_FAILURES, ADDRESS_FREE_FAILURES, loginDelayMs } from '../../src/api/login-throttle.ts';
import { hashPassword } from '../../src/api/passwords.ts';
import { throttleState } from '../../src/store/records/login-throttle.ts';
import { createUser } from '../../src/store/records/users.ts';
import { PASSWORD } from '../api-world.ts';
import { testDatabases } from '../databases.ts';
import { login } from './accounts-helpers.ts';
import { clinicOnTwoServers } from './two-servers.ts';

/**
 * Finding 6 (MEDIUM): the login limit was per address only, so a clinic behind one NAT locked
 * itself out, and it lived in each process's memory. Now failures count per account and per
 * address separately, with a delay that doubles, in the database every server process shares.
 */
describe('the progressive delay', () => {
  it('is free for the first failures, then doubles from 1 s to at most 15 minutes', () => {
    expect(loginDelayMs(ACCOUNT_FREE_FAILURES - 1, ACCOUNT_FREE_FAILURES)).toBe(0);
    expect(loginDelayMs(ACCOUNT_FREE_FAILURES, ACCOUNT_FREE_FAILURES)).toBe(1000);
    expect(loginDelayMs(ACCOUNT_FREE_FAILURES + 1, ACCOUNT_FREE_FAILURES)).toBe(2000);
    expect(loginDelayMs(ACCOUNT_FREE_FAILURES + 5, ACCOUNT_FREE_FAILURES)).toBe(32_000);
    expect(loginDelayMs(ACCOUNT_FREE_FAILURES + 10, ACCOUNT_FREE_FAILURES)).toBe(900_000);
    expect(loginDelayMs(10_000, ACCOUNT_FREE_FAILURES)).toBe(900_000);
  });
});

describe.each(testDatabases)('finding 6, login throttling, on $name', (kind) => {
  const clinic = clinicOnTwoServers(kind, '2026-03-02T08:00:00Z');

  it('delays one account after its free failures, from any address, progressively, and a success clears it', async () => {
    const email = 'one@clinic.test';
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i += 1) {
      expect((await login(clinic.world.app, email, `guess ${i}`, `10.6.${i}.1`)).statusCode).toBe(401);
    }
    // The right password from a fresh address, on the other server process: still refused.
    const held = await login(clinic.other.app, 'One@Clinic.test', PASSWORD, '10.6.200.1');
    expect(held.statusCode).toBe(429);
    expect(held.headers['retry-after']).toBe('1');
    expect(held.json().detail).toMatch(/locked for 1 s after 10 failed logins/);
    // Another account from the same addresses is untouched.
    expect((await login(clinic.world.app, 'two@clinic.test', PASSWORD, '10.6.0.1')).statusCode).toBe(200);
    clinic.clock.ms += 1000;
    expect((await login(clinic.world.app, email, 'guess again', '10.6.201.1')).statusCode).toBe(401);
    const longer = await login(clinic.world.app, email, PASSWORD, '10.6.202.1');
    expect(longer.statusCode).toBe(429);
    expect(longer.headers['retry-after']).toBe('2');
    clinic.clock.ms += 2000;
    expect((await login(clinic.other.app, email, PASSWORD, '10.6.203.1')).statusCode).toBe(200);
    expect(await throttleState(clinic.world.database.db, 'account:one@clinic.test')).toBeUndefined();
  });

  it('gives a burst in parallel across two server processes no more guesses than a sequence', async () => {
    const email = 'ada@home.test';
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        login(i % 2 === 0 ? clinic.world.app : clinic.other.app, email, `burst ${i}`, `10.7.${i}.1`),
      ),
    );
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(ACCOUNT_FREE_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - ACCOUNT_FREE_FAILURES);
    expect((await throttleState(clinic.world.database.db, 'account:ada@home.test'))?.failures).toBe(
      ACCOUNT_FREE_FAILURES,
    );
    clinic.clock.ms += 60_000;
  });

  it('lets a whole clinic behind one address log in, typos included, but stops one address guessing across accounts', async () => {
    const nat = '192.0.2.10';
    const passwordHash = await hashPassword('clinic staff password');
    const staff = [];
    for (let i = 0; i < 40; i += 1) {
      staff.push(
        await createUser(clinic.world.database.db, {
          email: `staff${i}@clinic.test`,
          name: `Staff ${i}`,
          role: 'clinician',
          passwordHash,
        }),
      );
    }
    for (const person of staff) {
      expect((await login(clinic.world.app, person.email, 'typo password', nat)).statusCode).toBe(401);
      expect((await login(clinic.world.app, person.email, 'clinic staff password', nat)).statusCode).toBe(
        200,
      );
    }
    // One address spraying guesses over many accounts is stopped after ADDRESS_FREE_FAILURES.
    const sprayer = '198.51.100.7';
    for (let i = 0; i < ADDRESS_FREE_FAILURES; i += 1) {
      expect((await login(clinic.other.app, `nobody${i}@clinic.test`, 'spray', sprayer)).statusCode).toBe(
        401,
      );
    }
    const stopped = await login(clinic.world.app, 'staff0@clinic.test', 'clinic staff password', sprayer);
    expect(stopped.statusCode).toBe(429);
    // The clinic's own address and the account are unaffected.
    expect(
      (await login(clinic.world.app, 'staff0@clinic.test', 'clinic staff password', nat)).statusCode,
    ).toBe(200);
    const state = await throttleState(clinic.world.database.db, `ip:${sprayer}`);
    expect(state?.failures).toBe(ADDRESS_FREE_FAILURES);
  }, 120_000);
});
