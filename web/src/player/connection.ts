/**
 * The player's link to what delivers the pulses: a stimulator on Web Serial (the port picked in
 * the browser's dialog from a click, or the one granted before), the virtual stimulator (demos and
 * training), or nothing (a manual session on the patient's own device, guided by the timer).
 */
import type { Protocol } from '@core/device/emulator/virtual-stimulator.ts';
import type { ByteTransport } from '@core/device/transport.ts';
import { rememberedStimulatorPort, webSerial } from '@core/device/web-serial.ts';
import { connectStimulator } from '../stimulator-connection.ts';

export type Mode = 'stimulator' | 'virtual-stimulator' | 'manual';

export interface Connection {
  mode: Mode;
  protocol: Protocol;
  /** Null in a manual session. */
  transport: ByteTransport | null;
  /** Closes the port (or shuts the virtual stimulator down); safe to call twice. */
  close(): Promise<void>;
}

/** Whether this browser can reach a stimulator (Web Serial: Chrome or Edge on a computer). */
export function canUseStimulator(): boolean {
  return webSerial(navigator) !== null;
}

/** A port of this protocol the patient granted before, so no dialog is needed. */
export async function hasRememberedPort(protocol: Protocol): Promise<boolean> {
  const serial = webSerial(navigator);
  return serial !== null && (await rememberedStimulatorPort(serial, protocol)) !== null;
}

/** Connects; for a stimulator, call it from the click (the port dialog needs the click). */
export async function connect(mode: Mode, protocol: Protocol): Promise<Connection> {
  if (mode === 'manual') return { mode, protocol, transport: null, close: async () => {} };
  const { transport, emulator } = await connectStimulator(
    mode === 'stimulator' ? 'serial' : 'virtual',
    protocol,
  );
  // The player's session is listening before any byte arrives, so the virtual stimulator starts now.
  emulator?.start();
  return {
    mode,
    protocol,
    transport,
    close: async () => {
      emulator?.shutdown();
      if (transport.open) await transport.close();
    },
  };
}
