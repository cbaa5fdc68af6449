import { realClock } from '@core/device/clock.ts';
import {
  createVirtualStimulator,
  type Protocol,
  type VirtualStimulator,
} from '@core/device/emulator/virtual-stimulator.ts';
import { type ByteTransport, linkedTransports } from '@core/device/transport.ts';
import {
  openWebSerial,
  rememberedStimulatorPort,
  requestStimulatorPort,
  webSerial,
} from '@core/device/web-serial.ts';

/** Where the stimulation goes: the in-page virtual stimulator, or a stimulator on Web Serial. */
export type StimulatorSource = 'virtual' | 'serial';

/**
 * A connection to the chosen stimulator. With the virtual one, `emulator` is it, not yet started:
 * the caller starts it once its session listens, and shuts it down at the end. A serial port of this
 * protocol granted before is used without asking again; otherwise the browser's dialog asks (call
 * it from a click).
 */
export async function connectStimulator(
  source: StimulatorSource,
  protocol: Protocol,
): Promise<{ transport: ByteTransport; emulator: VirtualStimulator | null }> {
  if (source === 'serial') {
    const serial = webSerial(navigator);
    // Worded for the patient by web/src/player/stimulator-words.ts, as the browser's own errors are.
    if (!serial) throw new DOMException('Web Serial is not available', 'NotSupportedError');
    const port =
      (await rememberedStimulatorPort(serial, protocol)) ?? (await requestStimulatorPort(serial, protocol));
    return { transport: await openWebSerial(port, protocol), emulator: null };
  }
  const [host, device] = linkedTransports();
  return { transport: host, emulator: createVirtualStimulator(protocol, device, realClock) };
}
