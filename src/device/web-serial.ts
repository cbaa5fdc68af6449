/**
 * The Web Serial transport for the browser (Chromium-based browsers on HTTPS or localhost). The
 * port must be chosen by the user: call requestStimulatorPort() from a click; getPorts() returns the
 * ports this site was granted before (the remembered port). Only the parts of the Web Serial API
 * used here are declared, so this file type-checks without the DOM library.
 * Sources: WICG Web Serial API; MDN Serial, SerialPort, SerialPort.open() (research note §5.1).
 */

import type { Protocol } from './emulator/virtual-stimulator.ts';
import { LINE_SETTINGS, USB_IDS } from './line-settings.ts';
import { type ByteTransport, ClosingTransport } from './transport.ts';

export interface WebSerialPort {
  open(options: {
    baudRate: number;
    dataBits?: number;
    stopBits?: number;
    parity?: 'none' | 'even' | 'odd';
    bufferSize?: number;
    flowControl?: 'none' | 'hardware';
  }): Promise<void>;
  close(): Promise<void>;
  readonly readable: ReadableStream<Uint8Array> | null;
  readonly writable: WritableStream<Uint8Array> | null;
  getInfo(): { usbVendorId?: number; usbProductId?: number };
}

export interface WebSerial {
  requestPort(options?: {
    filters?: { usbVendorId?: number; usbProductId?: number }[];
  }): Promise<WebSerialPort>;
  getPorts(): Promise<WebSerialPort[]>;
}

/** navigator.serial, or null where the browser has no Web Serial (Firefox, Safari, most phones). */
export function webSerial(nav: unknown): WebSerial | null {
  const serial = (nav as { serial?: WebSerial } | null)?.serial;
  return serial && typeof serial.requestPort === 'function' ? serial : null;
}

/** Asks the user to pick the stimulator's port (must run inside a user gesture, e.g. a click). */
export function requestStimulatorPort(serial: WebSerial, protocol: Protocol): Promise<WebSerialPort> {
  const ids = USB_IDS[protocol];
  const filter =
    'productId' in ids
      ? { usbVendorId: ids.vendorId, usbProductId: ids.productId }
      : { usbVendorId: ids.vendorId };
  return serial.requestPort({ filters: [filter] });
}

/** A remembered port of this protocol's USB ids, if the user granted one before. */
export async function rememberedStimulatorPort(
  serial: WebSerial,
  protocol: Protocol,
): Promise<WebSerialPort | null> {
  const ids = USB_IDS[protocol];
  const ports = await serial.getPorts();
  return ports.find((p) => p.getInfo().usbVendorId === ids.vendorId) ?? null;
}

class WebSerialTransport extends ClosingTransport implements ByteTransport {
  private readonly dataListeners: ((chunk: Uint8Array) => void)[] = [];
  private reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  private writer: WritableStreamDefaultWriter<Uint8Array> | null = null;

  constructor(private readonly port: WebSerialPort) {
    super();
    if (!port.readable || !port.writable) throw new Error('the serial port is not open');
    this.reader = port.readable.getReader();
    this.writer = port.writable.getWriter();
    void this.readLoop();
  }

  get open(): boolean {
    return this.closedWhy === null;
  }

  private async readLoop(): Promise<void> {
    try {
      for (;;) {
        const { value, done } = await (this.reader as ReadableStreamDefaultReader<Uint8Array>).read();
        if (done) break;
        if (value) for (const l of this.dataListeners) l(value);
      }
      this.closed('the device closed the connection');
    } catch (error) {
      this.closed(`the connection was lost: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open || !this.writer) throw new Error('the serial port is closed');
    await this.writer.write(bytes);
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.dataListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed('closed');
    // A locked stream keeps the port open: cancel the read, release both locks, then close.
    try {
      await this.reader?.cancel();
    } catch {}
    this.reader?.releaseLock();
    try {
      await this.writer?.close();
    } catch {}
    this.writer?.releaseLock();
    this.reader = null;
    this.writer = null;
    await this.port.close();
  }
}

/** Opens `port` with the protocol's line settings and returns the transport the controller uses. */
export async function openWebSerial(port: WebSerialPort, protocol: Protocol): Promise<ByteTransport> {
  const s = LINE_SETTINGS[protocol];
  await port.open({
    baudRate: s.baudRate,
    dataBits: s.dataBits,
    stopBits: s.stopBits,
    parity: s.parity,
    flowControl: s.flowControl,
    // A measuring ScienceMode4 low-level ack is about 270 bytes, above the default 255.
    bufferSize: 4096,
  });
  return new WebSerialTransport(port);
}
