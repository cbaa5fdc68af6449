import { describe, expect, it } from 'vitest';
import { dateClock } from '../clock.ts';
import { decodeSm4, encodeSm4, type Sm4Message, sm4FrameReader } from '../sciencemode4/codec.ts';
import { linkedTransports } from '../transport.ts';
import { DeviceFault, PacketLink } from './device-link.ts';

/** A link that sends Reset and waits for its acknowledgement. */
class ResetLink extends PacketLink<Sm4Message> {
  protected readonly packetNumberCount = 64;
  protected unsolicited(): void {}
  reset(): Promise<Sm4Message> {
    return this.command({ command: 'reset', packetNumber: 5 }, 'Reset');
  }
}

/** A device that acknowledges every Reset with `result`. */
function linkToDeviceAnswering(result: number): ResetLink {
  const [host, device] = linkedTransports();
  device.onData((chunk) => {
    const request = decodeSm4(chunk);
    void device.write(encodeSm4({ command: 'resetAck', packetNumber: request.packetNumber, result }));
  });
  return new ResetLink(host, dateClock, 1000, sm4FrameReader(), encodeSm4, decodeSm4);
}

describe('PacketLink.command', () => {
  it('resolves with the acknowledgement when the device reports success', async () => {
    await expect(linkToDeviceAnswering(0).reset()).resolves.toEqual({
      command: 'resetAck',
      packetNumber: 5,
      result: 0,
    });
  });

  it("is a 'device-error' fault naming the command when the device's result is not zero", async () => {
    const refusal = linkToDeviceAnswering(3).reset();
    await expect(refusal).rejects.toBeInstanceOf(DeviceFault);
    await expect(refusal).rejects.toMatchObject({
      kind: 'device-error',
      message: 'the device refused Reset (result 3)',
    });
  });
});
