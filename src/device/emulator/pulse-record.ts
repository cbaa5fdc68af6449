/**
 * What a virtual stimulator delivered: a list of pulse trains, one per channel and setting. A
 * train holds every pulse from its first to its last at a fixed period, so a session of hours
 * stays a short list while each pulse remains countable and placed in time.
 */
export interface PulseTrain {
  channel: number;
  /** Time of the first pulse (ms on the device's clock). */
  fromMs: number;
  /** Time the train ended (exclusive). */
  toMs: number;
  periodMs: number;
  /** Peak current of the pulse's leading phase (mA). */
  currentMa: number;
  /** Width of each phase (µs). */
  phaseWidthUs: number;
  /** Pulses delivered. */
  count: number;
}

interface OpenTrain {
  fromMs: number;
  periodMs: number;
  currentMa: number;
  phaseWidthUs: number;
}

export class PulseRecorder {
  readonly trains: PulseTrain[] = [];
  private readonly running = new Map<number, OpenTrain>();

  /** Sets what a channel delivers from `atMs` on (current 0 or null = nothing). */
  set(
    channel: number,
    atMs: number,
    setting: { periodMs: number; currentMa: number; phaseWidthUs: number } | null,
  ): void {
    const open = this.running.get(channel);
    if (
      open &&
      setting &&
      open.periodMs === setting.periodMs &&
      open.currentMa === setting.currentMa &&
      open.phaseWidthUs === setting.phaseWidthUs
    ) {
      return;
    }
    this.end(channel, atMs);
    if (setting && setting.currentMa !== 0) this.running.set(channel, { fromMs: atMs, ...setting });
  }

  /** Ends a channel's train at `atMs`. */
  end(channel: number, atMs: number): void {
    const open = this.running.get(channel);
    if (!open) return;
    this.running.delete(channel);
    const count = Math.ceil((atMs - open.fromMs) / open.periodMs - 1e-9);
    if (count > 0) this.trains.push({ channel, toMs: atMs, count, ...open });
  }

  endAll(atMs: number): void {
    for (const channel of [...this.running.keys()]) this.end(channel, atMs);
  }

  /** True while any channel delivers pulses. */
  get delivering(): boolean {
    return this.running.size > 0;
  }

  /** Channels delivering now, with their settings. */
  active(): { channel: number; currentMa: number }[] {
    return [...this.running.entries()].map(([channel, t]) => ({ channel, currentMa: t.currentMa }));
  }

  /** Every finished train's pulses, with the ones still running up to `atMs`. */
  snapshot(atMs: number): PulseTrain[] {
    const out = [...this.trains];
    for (const [channel, open] of this.running) {
      const count = Math.ceil((atMs - open.fromMs) / open.periodMs - 1e-9);
      if (count > 0) out.push({ channel, toMs: atMs, count, ...open });
    }
    return out;
  }
}
