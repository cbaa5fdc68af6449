import { realpathSync } from 'node:fs';
import { gateProgramme } from '../../clinic/safety/programme-gate.ts';
import { realClock } from '../../device/clock.ts';
import {
  createVirtualStimulator,
  PROTOCOLS,
  type VirtualStimulator,
} from '../../device/emulator/virtual-stimulator.ts';
import { LINE_SETTINGS } from '../../device/line-settings.ts';
import { isPseudoTerminal, openSerialPort } from '../../device/node-serial.ts';
import {
  DEFAULT_UPDATE_PERIOD_MS,
  SessionController,
  type SessionSummary,
} from '../../device/session/controller.ts';
import { type ByteTransport, linkedTransports } from '../../device/transport.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { Command } from '../command.ts';
import {
  choice,
  optionalNumber,
  optionalString,
  readInputFile,
  requiredNumber,
  UsageError,
} from '../options.ts';

/** Exit code of a session stopped by a fault (0 = completed or stopped on request, 2 = refused input). */
export const FAULT_EXIT_CODE = 3;

/**
 * A programme file: the programme and the record the gate reads — { programme, screening,
 * openRedFlags, conditions } — so the gate decides here exactly as it does at approval.
 */
function clearedFromFile(path: string, now: string): unknown {
  let record: unknown;
  try {
    record = JSON.parse(readInputFile('programme', path));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `--programme ${path}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (record === null || typeof record !== 'object' || !('programme' in record)) {
    throw new UsageError(`--programme ${path}: expected { programme, screening, openRedFlags, conditions }`);
  }
  const r = record as Record<string, unknown>;
  const decision = gateProgramme({
    purpose: 'send-to-device',
    programme: r.programme,
    screening: (r.screening ?? null) as never,
    openRedFlags: (r.openRedFlags ?? []) as never,
    conditions: (r.conditions ?? []) as never,
    now,
  });
  if (!decision.allowed) {
    throw new InvalidInputError(
      `the safety gate refuses to send this programme to a device:\n${decision.blockers.map((b) => `- ${b.message}`).join('\n')}`,
    );
  }
  return decision.cleared;
}

export const stimulateCommand: Command = {
  name: 'stimulate',
  summary:
    'Plays an approved programme on a stimulator (ScienceMode2 RehaStim2, ScienceMode4 P24) or the virtual one, and prints one summary. Ctrl-C is an emergency stop.',
  usage: [
    `stimulate --protocol ${PROTOCOLS.join('|')} --device PATH|emulator --programme FILE --intensity MA [--level N] [--update-period MS] [--ack-timeout MS] [--json]`,
  ],
  options: {
    protocol: { type: 'string' },
    device: { type: 'string' },
    programme: { type: 'string' },
    patient: { type: 'string' },
    level: { type: 'string' },
    intensity: { type: 'string' },
    'update-period': { type: 'string' },
    'ack-timeout': { type: 'string' },
  },
  async run(values) {
    const protocol = choice(values, 'protocol', PROTOCOLS);
    const device = optionalString(values, 'device');
    if (!device) throw new UsageError('--device is required: a serial port path, or emulator');
    if (values.patient !== undefined) {
      throw new UsageError(
        '--patient is not available yet: export the patient record and pass --programme FILE',
      );
    }
    const file = optionalString(values, 'programme');
    if (!file) throw new UsageError('--programme FILE is required');
    const intensityMa = requiredNumber(values, 'intensity', { min: 0, max: 130, unit: 'mA' });
    const level = optionalNumber(values, 'level', { min: 1, max: 99, integer: true });
    const updatePeriodMs =
      optionalNumber(values, 'update-period', { min: 20, max: 500, unit: 'ms', integer: true }) ??
      DEFAULT_UPDATE_PERIOD_MS;
    const ackTimeoutMs = optionalNumber(values, 'ack-timeout', {
      min: 20,
      max: 5000,
      unit: 'ms',
      integer: true,
    });
    // The gate first: no port is opened for a programme it does not clear.
    const cleared = clearedFromFile(file, new Date().toISOString());

    let transport: ByteTransport;
    let emulator: VirtualStimulator | null = null;
    if (device === 'emulator') {
      const [host, deviceEnd] = linkedTransports();
      transport = host;
      emulator = createVirtualStimulator(protocol, deviceEnd, realClock);
    } else {
      let real = device;
      try {
        real = realpathSync(device);
      } catch {
        throw new UsageError(`--device ${device}: no such port`);
      }
      transport = await openSerialPort(device, LINE_SETTINGS[protocol], isPseudoTerminal(real));
    }
    const controller = new SessionController({
      cleared,
      protocol,
      transport,
      clock: realClock,
      intensityMa,
      updatePeriodMs,
      ...(level === undefined ? {} : { level }),
      ...(ackTimeoutMs === undefined ? {} : { ackTimeoutMs }),
    });
    const emergency = () => controller.emergencyStop();
    process.once('SIGINT', emergency);
    process.once('SIGTERM', emergency);
    let summary: SessionSummary;
    try {
      const playing = controller.play();
      emulator?.start();
      summary = await playing;
    } finally {
      process.off('SIGINT', emergency);
      process.off('SIGTERM', emergency);
      emulator?.shutdown();
      if (transport.open) await transport.close();
    }
    const pulses = emulator?.pulses();
    const json = {
      ...summary,
      ...(pulses ? { emulator: { pulses: pulses.reduce((n, t) => n + t.count, 0), trains: pulses } } : {}),
    };
    const peaks = Object.entries(summary.peakCurrentMaByChannel)
      .map(([c, ma]) => `channel ${c}: ${ma} mA`)
      .join(', ');
    const text = [
      `${summary.stopReason}: ${summary.deliveredMinutes} of ${summary.plannedMinutes} min delivered (level ${summary.level})`,
      `peak current: ${peaks}`,
      ...summary.faults.map((f) => `fault at ${f.atMs} ms (${f.kind}): ${f.message}`),
    ].join('\n');
    return {
      json,
      text,
      exitCode: summary.faults.length > 0 || summary.stopReason === 'fault' ? FAULT_EXIT_CODE : 0,
    };
  },
};
