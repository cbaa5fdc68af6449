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
}

export function createStorageHealth(): StorageHealth {
  let last: StorageFailure | undefined;
  return {
    failure: () => last,
    recordFailure: (kind, at) => {
      last = { kind, at };
    },
    recordWriteSucceeded: () => {
      last = undefined;
    },
  };
}
