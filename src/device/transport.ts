/**
 * The one interface between the session controller and a wire: node `serialport` (./node-serial.ts,
 * CLI), Web Serial (./web-serial.ts, browser), or an in-memory link to the virtual stimulator.
 */
export interface ByteTransport {
  /** Sends bytes; rejects when the wire is closed. */
  write(bytes: Uint8Array): Promise<void>;
  /** Called with every chunk received, in order. */
  onData(listener: (chunk: Uint8Array) => void): void;
  /** Called once when the wire closes, from either side, with why. */
  onClose(listener: (reason: string) => void): void;
  close(): Promise<void>;
  readonly open: boolean;
}

/** Serial line settings a protocol needs (node serialport and Web Serial take the same values). */
export interface LineSettings {
  baudRate: number;
  dataBits: 8;
  parity: 'none' | 'even';
  stopBits: 1 | 2;
  flowControl: 'none' | 'hardware';
}

/** The close bookkeeping of a serial wire: the listeners are told once, with the first reason. */
export abstract class ClosingTransport {
  private readonly closeListeners: ((reason: string) => void)[] = [];
  protected closedWhy: string | null = null;

  onClose(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }

  protected closed(reason: string): void {
    if (this.closedWhy !== null) return;
    this.closedWhy = reason;
    for (const l of this.closeListeners) l(reason);
  }
}

class LinkedEnd implements ByteTransport {
  peer: LinkedEnd | null = null;
  private readonly dataListeners: ((chunk: Uint8Array) => void)[] = [];
  private readonly closeListeners: ((reason: string) => void)[] = [];
  open = true;

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open) throw new Error('the link is closed');
    const copy = bytes.slice();
    const peer = this.peer;
    queueMicrotask(() => {
      if (peer?.open) for (const l of peer.dataListeners) l(copy);
    });
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.dataListeners.push(listener);
  }

  onClose(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }

  shut(reason: string): void {
    if (!this.open) return;
    this.open = false;
    for (const l of this.closeListeners) l(reason);
  }

  async close(): Promise<void> {
    this.shut('closed by this side');
    this.peer?.shut('closed by the other side');
  }
}

/** Two connected in-memory ends (host, device): bytes written to one arrive at the other. */
export function linkedTransports(): [ByteTransport, ByteTransport] {
  const a = new LinkedEnd();
  const b = new LinkedEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
