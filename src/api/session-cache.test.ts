import { describe, expect, it } from 'vitest';
import type { AccountChangeListener, AccountChanges } from '../store/account-changes.ts';
import type { SessionUser } from '../store/records/auth-sessions.ts';
import { SessionCache } from './session-cache.ts';

function feed() {
  let listener: AccountChangeListener = () => {};
  let live = true;
  const changes: AccountChanges = {
    subscribe: (l) => {
      listener = l;
      return () => {};
    },
    live: () => live,
    wroteLocally: () => listener(null),
    close: async () => {},
  };
  return { changes, tell: (userId: string | null) => listener(userId), setLive: (v: boolean) => (live = v) };
}

const NOW = new Date('2026-12-06T12:00:00Z');
const session = (userId: string, expiresAt = new Date('2026-12-07T12:00:00Z')): SessionUser => ({
  sessionId: `s-${userId}`,
  csrfToken: 'c',
  userId,
  email: `${userId}@x.test`,
  name: userId,
  role: 'clinician',
  patientId: null,
  clinicianRole: false,
  clinicId: 'k',
  expiresAt,
});

describe('SessionCache', () => {
  it("keeps a session until its account's change is told, and only that account's", () => {
    const { changes, tell } = feed();
    const cache = new SessionCache(changes);
    cache.keep('a', session('ann'), cache.ticket());
    cache.keep('b', session('bob'), cache.ticket());
    expect(cache.find('a', NOW)?.userId).toBe('ann');
    tell('ann');
    expect(cache.find('a', NOW)).toBeUndefined();
    expect(cache.find('b', NOW)?.userId).toBe('bob');
    tell(null);
    expect(cache.find('b', NOW)).toBeUndefined();
  });

  it('does not put back a session read before a change that arrived during the read', () => {
    const { changes, tell } = feed();
    const cache = new SessionCache(changes);
    const ticket = cache.ticket();
    tell('ann'); // e.g. a logout committed while the read was on its way
    cache.keep('a', session('ann'), ticket);
    expect(cache.find('a', NOW)).toBeUndefined();
  });

  it('keeps nothing and finds nothing while the word of changes is not live', () => {
    const { changes, setLive } = feed();
    const cache = new SessionCache(changes);
    cache.keep('a', session('ann'), cache.ticket());
    setLive(false);
    expect(cache.find('a', NOW)).toBeUndefined();
    cache.keep('b', session('bob'), cache.ticket());
    setLive(true);
    expect(cache.find('b', NOW)).toBeUndefined();
    expect(new SessionCache(undefined).find('a', NOW)).toBeUndefined();
  });

  it('forgets a session once it has expired', () => {
    const { changes } = feed();
    const cache = new SessionCache(changes);
    cache.keep('a', session('ann', new Date('2026-12-06T12:00:01Z')), cache.ticket());
    expect(cache.find('a', NOW)?.userId).toBe('ann');
    expect(cache.find('a', new Date('2026-12-06T12:00:01Z'))).toBeUndefined();
  });
});
