/**
 * Whether the database can still store: the last storage failure (disk full, out of memory) a
 * write met, kept until the next write succeeds. Reads may go on while it is set; the health route
 * reports it so an operator sees the reason before a clinician does.
 */
export type StorageFailureKind = 'disk-full' | 'out-of-memory';

export interface StorageFailure {
  kind: StorageFailureKind;
  /** When the failing write was refused. */
  at: Date;
}

export interface StorageHealth {
  /** The last storage failure, or undefined when the last write succeeded (or none failed). */
  failure(): StorageFailure | undefined;
  recordFailure(kind: StorageFailureKind, at: Date): void;
  recordWriteSucceeded(): void;
  /** How many writes the database has stored since it opened (statements or commits that changed rows). */
  storedWrites(): number;
  recordStoredWrite(): void;
}

export function createStorageHealth(): StorageHealth {
  let last: StorageFailure | undefined;
  let stored = 0;
  return {
    failure: () => last,
    recordFailure: (kind, at) => {
      last = { kind, at };
    },
    recordWriteSucceeded: () => {
      last = undefined;
    },
    storedWrites: () => stored,
    recordStoredWrite: () => {
      stored += 1;
    },
  };
}
