/**
 * Group reads: the reads of one kind asked in one turn of the event loop are answered by one
 * statement (`readMany`), as the session writer commits the writes that arrive together. Under load
 * the requests a server reads from its sockets in one turn then share a round trip, a parse and a
 * plan, where each would have had its own. If the statement fails, each read is tried alone, so a
 * caller only ever sees its own error.
 */
export class ReadBatcher<Key, Value> {
  readonly #readMany: (keys: Key[]) => Promise<Value[]>;
  #queue: { key: Key; resolve: (value: Value) => void; reject: (error: unknown) => void }[] = [];

  /** `readMany` answers its keys in their order, one value each. */
  constructor(readMany: (keys: Key[]) => Promise<Value[]>) {
    this.#readMany = readMany;
  }

  read(key: Key): Promise<Value> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ key, resolve, reject });
      // Read once this turn has parsed every request waiting: an embedded database answers without
      // yielding, so reading at once would read each alone.
      if (this.#queue.length === 1) setImmediate(() => void this.#flush());
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#queue;
    this.#queue = [];
    let values: Value[];
    try {
      values = await this.#readMany(batch.map((wanted) => wanted.key));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const wanted of batch) {
        await this.#readMany([wanted.key]).then(([value]) => wanted.resolve(value as Value), wanted.reject);
      }
      return;
    }
    for (const [i, wanted] of batch.entries()) wanted.resolve(values[i] as Value);
  }
}
