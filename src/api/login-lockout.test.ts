import { describe, expect, it } from 'vitest';
import { LOCKOUT_FAILURES, LOCKOUT_MINUTES, LoginLockout } from './login-lockout.ts';

describe('LoginLockout', () => {
  const at = (minutes: number) => new Date(Date.UTC(2025, 0, 1) + minutes * 60_000);

  it('locks an e-mail after 10 failures for 15 minutes after the last one; success clears it', () => {
    let now = at(0);
    const lockout = new LoginLockout(() => now);
    for (let i = 0; i < LOCKOUT_FAILURES; i += 1) {
      expect(lockout.begin('Ada@Clinic.test')).toBeUndefined();
      lockout.end('Ada@Clinic.test', 'failure');
    }
    // Case and spacing do not make another account.
    expect(lockout.begin('ada@clinic.test')).toEqual(at(LOCKOUT_MINUTES));
    expect(lockout.secondsUntil(at(LOCKOUT_MINUTES))).toBe(LOCKOUT_MINUTES * 60);
    expect(lockout.begin('bo@clinic.test')).toBeUndefined();
    now = at(LOCKOUT_MINUTES);
    expect(lockout.begin('ada@clinic.test')).toBeUndefined();
    lockout.end('ada@clinic.test', 'success');
    expect(lockout.begin('ada@clinic.test')).toBeUndefined();
  });

  it('counts attempts in flight, so a parallel burst gets no more guesses', () => {
    const lockout = new LoginLockout(() => at(0), 3, 15);
    expect([1, 2, 3, 4, 5].map(() => lockout.begin('ada@clinic.test') === undefined)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('forgets failures spaced wider than the window, and evicts the oldest when full', () => {
    let now = at(0);
    const lockout = new LoginLockout(() => now, 2, 15, 2);
    lockout.begin('a@x.test');
    lockout.end('a@x.test', 'failure');
    now = at(16);
    lockout.begin('a@x.test');
    lockout.end('a@x.test', 'failure');
    expect(lockout.begin('a@x.test')).toBeUndefined();
    lockout.end('a@x.test', 'failure');
    expect(lockout.begin('a@x.test')).toEqual(at(31));
    lockout.begin('b@x.test');
    lockout.begin('c@x.test');
    expect(lockout.begin('a@x.test')).toBeUndefined();
  });
});
