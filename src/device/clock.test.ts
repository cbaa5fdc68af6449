import { describe, expect, it } from 'vitest';
import { type Clock, realClock, SPIN_TAIL_MS, spinningClock } from './clock.ts';

/** A base clock whose time advances 0.25 ms at every read and whose timers the test fires by hand. */
function steppingClock() {
  let t = 1000;
  const blocks: number[] = [];
  const timers = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  const clock: Clock = {
    now: () => {
      t += 0.25;
      return t;
    },
    setTimeout: (run, ms) => {
      next += 1;
      timers.set(next, { run, ms });
      return next;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
  };
  /** A thread block that moves the time on by what it was asked (a real one may wake a little late). */
  const block = (ms: number) => {
    blocks.push(ms);
    if (ms > 0) t += ms;
  };
  return { clock, timers, time: () => t, block, blocks };
}

describe('spinningClock', () => {
  it('arms the coarse timer spinMs before the deadline, then runs no earlier than the deadline', () => {
    const base = steppingClock();
    const clock = spinningClock(base.clock, 3, base.block);
    let ranAt = 0;
    const handle = clock.setTimeout(() => {
      ranAt = base.time();
    }, 25);
    const armed = base.timers.get(handle as number);
    expect(armed?.ms).toBe(22);
    // The deadline was read at 1000.25 + 25 ms; the coarse wake comes "early" (the time now is 1000.5).
    armed?.run();
    expect(ranAt).toBeGreaterThanOrEqual(1025.25);
    expect(ranAt).toBeLessThan(1025.25 + 0.5);
  });

  it('blocks the thread to SPIN_TAIL_MS before the deadline and spins only that last stretch', () => {
    const base = steppingClock();
    const clock = spinningClock(base.clock, 2, base.block);
    const handle = clock.setTimeout(() => {}, 25);
    // The deadline is 1025.25; the coarse wake reads 1000.5 (a timer that woke at once: 24.75 ms early).
    base.timers.get(handle as number)?.run();
    expect(base.blocks).toEqual([1025.25 - SPIN_TAIL_MS - 1000.5]);
    // A wake later than the tail's start blocks for nothing (a zero or negative wait) and spins.
    const late = clock.setTimeout(() => {}, 0.05);
    base.timers.get(late as number)?.run();
    expect(base.blocks[1]).toBeLessThanOrEqual(0);
  });

  it('really waits to the deadline on the real clock, with the thread blocked most of the way', () => {
    const clock = spinningClock();
    const asked = realClock.now();
    let ranAt = 0;
    clock.setTimeout(() => {
      ranAt = realClock.now();
    }, 5);
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        expect(ranAt).toBeGreaterThanOrEqual(asked + 5);
        resolve();
      }, 50);
    });
  });

  it('arms at once for a deadline nearer than the spin, and cancels through the base clock', () => {
    const base = steppingClock();
    const clock = spinningClock(base.clock, 2, base.block);
    const near = clock.setTimeout(() => {}, 1);
    expect(base.timers.get(near as number)?.ms).toBe(0);
    let ran = false;
    const far = clock.setTimeout(() => {
      ran = true;
    }, 100);
    clock.clearTimeout(far);
    expect(base.timers.has(far as number)).toBe(false);
    expect(ran).toBe(false);
  });
});
