import { describe, expect, it } from 'vitest';
import { type Clock, spinningClock } from './clock.ts';

/** A base clock whose time advances 0.25 ms at every read and whose timers the test fires by hand. */
function steppingClock() {
  let t = 1000;
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
  return { clock, timers, time: () => t };
}

describe('spinningClock', () => {
  it('arms the coarse timer spinMs before the deadline, then runs no earlier than the deadline', () => {
    const base = steppingClock();
    const clock = spinningClock(base.clock, 3);
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

  it('arms at once for a deadline nearer than the spin, and cancels through the base clock', () => {
    const base = steppingClock();
    const clock = spinningClock(base.clock, 2);
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
