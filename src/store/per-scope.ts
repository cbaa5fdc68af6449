import type { Db } from './database.ts';
import { currentScopeKey } from './tenancy.ts';

/**
 * One `T` per open database and per scope (./tenancy.ts) in this process, made on first use: for
 * the helpers that gather several requests' work into one statement (the session writer, the
 * session-log reads), whose statement runs in the scope of the request that started it, so it must
 * hold only that scope's work.
 */
export function perScope<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, Map<string, T>>();
  return (db) => {
    let byScope = made.get(db);
    if (!byScope) {
      byScope = new Map();
      made.set(db, byScope);
    }
    const scope = currentScopeKey();
    let one = byScope.get(scope);
    if (one === undefined) {
      one = make(db);
      byScope.set(scope, one);
    }
    return one;
  };
}
