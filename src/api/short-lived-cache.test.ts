import { describe, expect, it } from 'vitest';
import { ShortLivedCache } from './short-lived-cache.ts';

describe('ShortLivedCache', () => {
  it('forgets entries after the time to live, on eviction, and oldest-first when full', () => {
    let now = 0;
    const cache = new ShortLivedCache<string, number>(1000, 2, () => now);
    cache.set('a', 1);
    now = 999;
    expect(cache.get('a')).toBe(1);
    now = 1000;
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
    cache.deleteWhere((v) => v === 2);
    expect(cache.get('b')).toBeUndefined();
    cache.delete('c');
    expect(cache.get('c')).toBeUndefined();
  });

  it('caches nothing with a zero time to live', () => {
    const cache = new ShortLivedCache<string, number>(0);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
  });
});
