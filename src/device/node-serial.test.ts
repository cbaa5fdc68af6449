import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from './framing.ts';
import { serialPortTransport } from './node-serial.ts';
import { encodeSm4 } from './sciencemode4/codec.ts';

/** The mock binding serialport itself uses (SerialPortMock.binding is MockBinding). */
const MockBinding = SerialPortMock.binding;

afterEach(() => MockBinding.reset());

function openMock(): Promise<SerialPortMock> {
  MockBinding.createPort('/dev/P24', { echo: false, record: true });
  return new Promise((resolve, reject) => {
    const port = new SerialPortMock(
      { path: '/dev/P24', baudRate: 3_000_000, stopBits: 2, rtscts: true },
      (error) => (error ? reject(error) : resolve(port)),
    );
  });
}

describe('node serialport transport (MockBinding)', () => {
  it('writes packets to the port, delivers received bytes, and reports the close', async () => {
    const port = await openMock();
    const transport = serialPortTransport(port as never);
    const received: string[] = [];
    const closed: string[] = [];
    transport.onData((chunk) => received.push(toHex(chunk)));
    transport.onClose((reason) => closed.push(reason));
    await transport.write(encodeSm4({ command: 'getDeviceId', packetNumber: 1 }));
    await new Promise((r) => port.drain(r));
    expect(toHex(port.port?.recording ?? new Uint8Array())).toBe('F0 81 55 81 59 81 EF 81 46 04 34 0F');
    port.port?.emitData(Buffer.from([0xf0, 0x81, 0x55]));
    await new Promise((r) => setTimeout(r, 20));
    expect(received).toEqual(['F0 81 55']);
    await transport.close();
    expect(closed).toEqual(['closed']);
    expect(transport.open).toBe(false);
    await expect(transport.write(new Uint8Array([1]))).rejects.toThrow(/closed/);
  });
});
