import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../store/database.ts';
import { countHit, type RateWindow, readHits } from '../store/records/rate-limit-counters.ts';

type Answer = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** How many refused keys a process remembers (a flood from many addresses must not grow it without end). */
const REFUSED_KEYS_REMEMBERED = 10_000;

/**
 * The request-rate limits' store for every route and limiter: counters in the database
 * (`rate_limit_counters`), so N server processes on one PostgreSQL allow what one would.
 *
 * A key this process has already seen over its limit is refused from memory until its window
 * ends: the shared count can only be higher, so the answer is the same, and a flood of refused
 * requests costs no database round trip (security finding 4).
 */
export function sharedRateLimitStore(db: Db, now: () => Date): FastifyRateLimitStoreCtor {
  class SharedStore implements FastifyRateLimitStore {
    private readonly refused = new Map<string, { hits: number; endsAt: number }>();

    /** The plugin passes its options first; a route's child store names the route in its keys. */
    constructor(
      _options: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, answer: Answer, timeWindow: number, max: number): void {
      const at = now();
      const name = this.prefix + key;
      const known = this.refused.get(name);
      if (known && known.endsAt > at.getTime()) {
        known.hits += 1;
        answer(null, { current: known.hits, ttl: known.endsAt - at.getTime() });
        return;
      }
      this.refused.delete(name);
      this.settle(countHit(db, name, timeWindow, at), answer, (window) => {
        if (window.hits <= max) return;
        if (this.refused.size >= REFUSED_KEYS_REMEMBERED) this.refused.clear();
        this.refused.set(name, { hits: window.hits, endsAt: at.getTime() + window.remainingMs });
      });
    }

    read(key: string, answer: Answer, timeWindow: number): void {
      this.settle(readHits(db, this.prefix + key, timeWindow, now()), answer, () => {});
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // The plugin passes the merged limit options with the route as `routeInfo` (empty for createRateLimit).
      const options = routeOptions as unknown as {
        continueExceeding?: boolean;
        exponentialBackoff?: boolean;
        routeInfo?: { method?: string; url?: string };
      };
      if (options.continueExceeding || options.exponentialBackoff) {
        throw new Error(
          'the shared rate-limit store counts fixed windows only: no continueExceeding or exponentialBackoff',
        );
      }
      // Each route counts apart (the same address on the login and the set-up route).
      const route = options.routeInfo;
      return new SharedStore(undefined, route?.url ? `${route.method} ${route.url} ` : '');
    }

    private settle(pending: Promise<RateWindow>, answer: Answer, seen: (window: RateWindow) => void): void {
      pending.then(
        (window) => {
          seen(window);
          answer(null, { current: window.hits, ttl: window.remainingMs });
        },
        (error: Error) => answer(error),
      );
    }
  }
  return SharedStore;
}
