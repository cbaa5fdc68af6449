/**
 * The node `serialport` transport for the CLI: opens a port with a protocol's line settings (or
 * plain settings on a pseudo-terminal, where line settings mean nothing) and lists ports.
 */
import { SerialPort } from 'serialport';
import { type ByteTransport, ClosingTransport, type LineSettings } from './transport.ts';

class NodeSerialTransport extends ClosingTransport implements ByteTransport {
  constructor(private readonly port: SerialPort) {
    super();
    port.on('close', (error: Error | null) => this.closed(error ? `lost: ${error.message}` : 'closed'));
    port.on('error', (error: Error) => this.closed(`error: ${error.message}`));
  }

  get open(): boolean {
    return this.closedWhy === null && this.port.isOpen;
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.open) {
        reject(new Error('the serial port is closed'));
        return;
      }
      this.port.write(Buffer.from(bytes), (error) => (error ? reject(error) : resolve()));
    });
  }

  onData(listener: (chunk: Uint8Array) => void): void {
    this.port.on('data', (chunk: Buffer) =>
      listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.port.isOpen) {
        this.closed('closed');
        resolve();
        return;
      }
      this.port.close(() => {
        this.closed('closed');
        resolve();
      });
    });
  }
}

/** A transport over an already created port (tests pass a SerialPortMock). */
export function serialPortTransport(port: SerialPort): ByteTransport {
  return new NodeSerialTransport(port);
}

/**
 * Opens `path` with `settings`. A pseudo-terminal (/dev/pts/*, or a link to one such as socat
 * makes) gets no flow control: there are no RTS/CTS lines to wait on.
 */
export function openSerialPort(
  path: string,
  settings: LineSettings,
  pseudoTerminal = false,
): Promise<ByteTransport> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({
      path,
      baudRate: settings.baudRate,
      dataBits: settings.dataBits,
      parity: settings.parity,
      stopBits: settings.stopBits,
      rtscts: settings.flowControl === 'hardware' && !pseudoTerminal,
      autoOpen: false,
      lock: !pseudoTerminal,
    });
    port.open((error) =>
      error
        ? reject(new Error(`cannot open ${path}: ${error.message}`))
        : resolve(new NodeSerialTransport(port)),
    );
  });
}

export interface PortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
  /** The protocol the USB ids suggest (ids are shared with unrelated products: a hint only). */
  likelyProtocol: 'sciencemode2' | 'sciencemode4' | null;
}

export async function listSerialPorts(): Promise<PortInfo[]> {
  const ports = await SerialPort.list();
  return ports.map((p) => {
    const vid = p.vendorId?.toLowerCase();
    const pid = p.productId?.toLowerCase();
    const likelyProtocol =
      vid === '0483' && pid === '5740' ? 'sciencemode4' : vid === '0403' ? 'sciencemode2' : null;
    return {
      path: p.path,
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
      ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
      ...(p.vendorId ? { vendorId: p.vendorId } : {}),
      ...(p.productId ? { productId: p.productId } : {}),
      likelyProtocol,
    };
  });
}

/** Pseudo-terminals and links to them (e.g. made by socat). */
export function isPseudoTerminal(realPath: string): boolean {
  return realPath.startsWith('/dev/pts/') || realPath.startsWith('/dev/ttyp') || realPath === '/dev/ptmx';
}
