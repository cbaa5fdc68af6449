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
 * A clock whose timers fire on their deadline rather than at least that long after: a coarse timer
 * on `base` wakes `spinMs` early, then a busy wait runs to the deadline. The update loop of the
 * session controller uses it (issue 21: 40 Hz loop jitter p99 ≤ 1 ms); a timer that is cleared
 * before its coarse wake costs nothing. Not for the browser's main thread, where a spin stalls the page.
 */
export function spinningClock(base: Clock = realClock, spinMs = DEFAULT_SPIN_MS): Clock {
  return {
    now: () => base.now(),
    setTimeout: (run, ms) => {
      const due = base.now() + ms;
      return base.setTimeout(
        () => {
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
