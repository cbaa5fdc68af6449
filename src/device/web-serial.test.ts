import { describe, expect, it } from 'vitest';
import { toHex } from './framing.ts';
import {
  openWebSerial,
  requestStimulatorPort,
  type WebSerial,
  type WebSerialPort,
  webSerial,
} from './web-serial.ts';

/** A port on Node's web streams, standing in for Chromium's SerialPort. */
function fakePort() {
  let push: ((chunk: Uint8Array) => void) | null = null;
  let end: (() => void) | null = null;
  const written: string[] = [];
  const opened: unknown[] = [];
  let readable: ReadableStream<Uint8Array> | null = null;
  let writable: WritableStream<Uint8Array> | null = null;
  const port: WebSerialPort = {
    async open(options) {
      opened.push(options);
      readable = new ReadableStream<Uint8Array>({
        start(controller) {
          push = (c) => controller.enqueue(c);
          end = () => controller.close();
        },
      });
      writable = new WritableStream<Uint8Array>({ write: (c) => void written.push(toHex(c)) });
    },
    async close() {
      readable = null;
      writable = null;
    },
    get readable() {
      return readable;
    },
    get writable() {
      return writable;
    },
    getInfo: () => ({ usbVendorId: 0x0483, usbProductId: 0x5740 }),
  };
  return { port, written, opened, push: (c: Uint8Array) => push?.(c), end: () => end?.() };
}

describe('Web Serial transport', () => {
  it('opens with the protocol line settings, writes, reads and reports the device closing the stream', async () => {
    const fake = fakePort();
    const transport = await openWebSerial(fake.port, 'sciencemode4');
    expect(fake.opened).toEqual([
      {
        baudRate: 3_000_000,
        dataBits: 8,
        stopBits: 2,
        parity: 'none',
        flowControl: 'hardware',
        bufferSize: 4096,
      },
    ]);
    const received: string[] = [];
    const closed: string[] = [];
    transport.onData((c) => received.push(toHex(c)));
    transport.onClose((r) => closed.push(r));
    await transport.write(Uint8Array.from([0xf0, 0x0f]));
    expect(fake.written).toEqual(['F0 0F']);
    fake.push(Uint8Array.from([0xf0, 0x81]));
    fake.end();
    await new Promise((r) => setTimeout(r, 10));
    expect(received).toEqual(['F0 81']);
    expect(closed).toEqual(['the device closed the connection']);
    expect(transport.open).toBe(false);
  });

  it('asks for the P24 by its USB ids and finds no Web Serial where the browser lacks it', async () => {
    const asked: unknown[] = [];
    const serial: WebSerial = {
      requestPort: async (o) => {
        asked.push(o);
        return fakePort().port;
      },
      getPorts: async () => [],
    };
    await requestStimulatorPort(serial, 'sciencemode4');
    expect(asked).toEqual([{ filters: [{ usbVendorId: 0x0483, usbProductId: 0x5740 }] }]);
    expect(webSerial({})).toBeNull();
    expect(webSerial({ serial })).toBe(serial);
  });
});
