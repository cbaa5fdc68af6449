/**
 * A small in-process cache whose entries expire after `ttlMs`: it spares the database the same
 * lookup on every request (the session behind a token, care-team membership) while keeping what
 * another server process changes visible within `ttlMs`. Changes made by this process evict their
 * entries at once. Bounded: the oldest entries go first when it is full.
 */
export class ShortLivedCache<K, V> {
  readonly #entries = new Map<K, { value: V; expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #clock: () => number;

  constructor(ttlMs: number, maxEntries = 10_000, clock: () => number = () => performance.now()) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#clock = clock;
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#clock()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    if (this.#ttlMs <= 0) return;
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expiresAt: this.#clock() + this.#ttlMs });
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  /** Evicts every entry whose value matches. */
  deleteWhere(test: (value: V, key: K) => boolean): void {
    for (const [key, entry] of this.#entries) if (test(entry.value, key)) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
