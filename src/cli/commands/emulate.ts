import { realpathSync } from 'node:fs';
import { realClock } from '../../device/clock.ts';
import { createVirtualStimulator, FAULTS, PROTOCOLS } from '../../device/emulator/virtual-stimulator.ts';
import { LINE_SETTINGS } from '../../device/line-settings.ts';
import { isPseudoTerminal, openSerialPort } from '../../device/node-serial.ts';
import { type Command, declareOptions } from '../command.ts';
import { choice, optionalNumber, optionalString, UsageError } from '../options.ts';

export const emulateCommand: Command = {
  name: 'emulate',
  summary:
    'Runs the virtual stimulator on a serial port or pseudo-terminal (e.g. one end of a socat pair), so any driver of the protocol can be run against it. Stops on Ctrl-C / SIGTERM or when the port closes, then prints what it delivered.',
  usage: [
    `emulate --protocol ${PROTOCOLS.join('|')} --port PATH [--fault ${FAULTS.join('|')} --fault-after S] [--json]`,
  ],
  options: declareOptions(['protocol', 'port', 'fault', 'fault-after']),
  async run(values) {
    const protocol = choice(values, 'protocol', PROTOCOLS);
    const path = optionalString(values, 'port');
    if (!path) throw new UsageError('--port PATH is required');
    const fault = values.fault === undefined ? undefined : choice(values, 'fault', FAULTS);
    const faultAfterS = optionalNumber(values, 'fault-after', { min: 0, max: 86_400, unit: 's' });
    if ((fault === undefined) !== (faultAfterS === undefined))
      throw new UsageError('--fault and --fault-after go together');
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      throw new UsageError(`--port ${path}: no such port`);
    }
    const transport = await openSerialPort(path, LINE_SETTINGS[protocol], isPseudoTerminal(real));
    const emulator = createVirtualStimulator(protocol, transport, realClock);
    const startedAt = realClock.now();
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      transport.onClose(() => resolve());
      if (fault !== undefined && faultAfterS !== undefined)
        setTimeout(() => emulator.inject(fault), faultAfterS * 1000).unref();
      emulator.start();
      process.stderr.write(`virtual ${protocol} stimulator on ${path}\n`);
    });
    const pulses = emulator.pulses();
    emulator.shutdown();
    if (transport.open) await transport.close();
    const total = pulses.reduce((n, t) => n + t.count, 0);
    const json = {
      protocol,
      port: path,
      ranForS: Number(((realClock.now() - startedAt) / 1000).toFixed(3)),
      pulses: total,
      peakCurrentMa: Math.max(0, ...pulses.map((t) => t.currentMa)),
      trains: pulses.map((t) => ({
        ...t,
        fromMs: Math.round(t.fromMs - startedAt),
        toMs: Math.round(t.toMs - startedAt),
      })),
      log: emulator.log.map((e) => ({ atMs: Math.round(e.atMs - startedAt), event: e.event })),
    };
    return { json, text: `delivered ${total} pulses (peak ${json.peakCurrentMa} mA)` };
  },
};
