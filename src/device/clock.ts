/**
 * Time for the device layer: the controller and the virtual stimulator read the time and set
 * timers only through a Clock, so tests run them on fake time and the bench on real time.
 */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A clock on Date.now(), which test fake timers move. */
export const dateClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * How long before a deadline a spinning clock's coarse timer wakes (ms). Node's timers have 1 ms
 * granularity and wake late when the process was descheduled; waking this much early and spinning
 * the rest absorbs both, at the cost of up to this much busy CPU per timer that fires.
 */
export const DEFAULT_SPIN_MS = 2;

/**
 * How much of the last stretch to a deadline a spinning clock busy-waits (ms); before that it blocks
 * in the thread (see threadBlock). Linux wakes a blocked thread up to its 50 µs timer slack late, so
 * 0.1 ms of spin absorbs the wake-up's lateness.
 */
export const SPIN_TAIL_MS = 0.1;

/**
 * Blocks the calling thread for `ms` (fractions allowed) without allocating: Atomics.wait on a cell
 * no one notifies. A busy wait that reads the clock allocates a heap number at every read (about
 * 250 kB per 2 ms spin, measured by the bench 'device'), and that garbage brought a minor collection
 * every quarter second into the update loop; this blocks instead. A no-op where the thread may not
 * block (a browser's main thread), leaving the spin to do all the waiting.
 */
function threadBlocker(): (ms: number) => void {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics?.wait !== 'function') return () => {};
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return (ms) => {
    if (ms <= 0) return;
    try {
      Atomics.wait(cell, 0, 0, ms);
    } catch {
      // Not allowed on this thread: the spin waits instead.
    }
  };
}

const threadBlock = threadBlocker();

/**
 * A clock whose timers fire on their deadline rather than at least that long after: a coarse timer
 * on `base` wakes `spinMs` early, the thread blocks until SPIN_TAIL_MS before the deadline (`block`),
 * then a busy wait runs to it. The update loop of the session controller uses it (issue 21: 40 Hz
 * loop jitter p99 ≤ 1 ms); a timer that is cleared before its coarse wake costs nothing. Not for the
 * browser's main thread, where a wait stalls the page.
 */
export function spinningClock(
  base: Clock = realClock,
  spinMs = DEFAULT_SPIN_MS,
  block: (ms: number) => void = threadBlock,
): Clock {
  return {
    now: () => base.now(),
    setTimeout: (run, ms) => {
      const due = base.now() + ms;
      return base.setTimeout(
        () => {
          block(due - SPIN_TAIL_MS - base.now());
          while (base.now() < due) {
            // Spin: the last stretch to the deadline.
          }
          run();
        },
        Math.max(0, ms - spinMs),
      );
    },
    clearTimeout: (handle) => base.clearTimeout(handle),
  };
}
