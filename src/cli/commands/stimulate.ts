import { realpathSync } from 'node:fs';
import type { StimulationProgramme } from '../../clinic/programme/stimulation-types.ts';
import { gateProgramme, requireClearedProgramme } from '../../clinic/safety/programme-gate.ts';
import { realClock, spinningClock } from '../../device/clock.ts';
import {
  createVirtualStimulator,
  PROTOCOLS,
  type Protocol,
  type VirtualStimulator,
} from '../../device/emulator/virtual-stimulator.ts';
import { LINE_SETTINGS } from '../../device/line-settings.ts';
import { isPseudoTerminal, openSerialPort } from '../../device/node-serial.ts';
import {
  DEFAULT_UPDATE_PERIOD_MS,
  SessionController,
  type SessionSummary,
} from '../../device/session/controller.ts';
import { planSession, startingIntensitiesMa } from '../../device/session/session-plan.ts';
import { type ByteTransport, linkedTransports } from '../../device/transport.ts';
import { openConfiguredDatabase } from '../../store/configured-database.ts';
import { type Command, declareOptions, type OptionValues } from '../command.ts';
import {
  choice,
  optionalNumber,
  optionalPatientId,
  optionalString,
  readJsonFile,
  UsageError,
} from '../options.ts';
import {
  logDeliveredSession,
  patientProgrammeForDevice,
  requireDeviceClearance,
  sessionRecorder,
} from './stimulate-patient.ts';

/** Exit code of a session stopped by a fault (0 = completed or stopped on request, 2 = refused input). */
export const FAULT_EXIT_CODE = 3;

/**
 * A programme file: the programme and the record the gate reads — { programme, screening,
 * openRedFlags, conditions } — so the gate decides here exactly as it does at approval.
 */
function clearedFromFile(path: string, now: string): unknown {
  const record = readJsonFile('programme', path, (reason) => `not JSON (${reason})`);
  if (record === null || typeof record !== 'object' || !('programme' in record)) {
    throw new UsageError(`--programme ${path}: expected { programme, screening, openRedFlags, conditions }`);
  }
  const r = record as Record<string, unknown>;
  return requireDeviceClearance(
    gateProgramme({
      purpose: 'send-to-device',
      programme: r.programme,
      screening: (r.screening ?? null) as never,
      openRedFlags: (r.openRedFlags ?? []) as never,
      conditions: (r.conditions ?? []) as never,
      now,
    }),
  );
}

/** Where the programme comes from: a file, or the patient's approved programme in the database (with the session logged as --as). */
interface ProgrammeSource {
  cleared: unknown;
  log?: (summary: SessionSummary, startedAt: Date) => Promise<{ loggedSessionId: string }>;
  close(): Promise<void>;
}

async function programmeSource(values: OptionValues, now: Date): Promise<ProgrammeSource> {
  const file = optionalString(values, 'programme');
  const patientId = optionalPatientId(values);
  if ((file === undefined) === (patientId === undefined)) {
    throw new UsageError('give one programme: --programme FILE, or --patient ID (its approved programme)');
  }
  const as = optionalString(values, 'as');
  if (file !== undefined) {
    if (as !== undefined || values.data !== undefined) {
      throw new UsageError('--as and --data go with --patient ID; a --programme FILE is not logged');
    }
    return { cleared: clearedFromFile(file, now.toISOString()), close: async () => {} };
  }
  const database = await openConfiguredDatabase(optionalString(values, 'data'));
  try {
    const { cleared, programmeId } = await patientProgrammeForDevice(database.db, patientId as string, now);
    const recorder =
      as === undefined ? undefined : await sessionRecorder(database.db, as, patientId as string);
    return {
      cleared,
      ...(recorder
        ? {
            log: async (summary: SessionSummary, startedAt: Date) => {
              const session = await logDeliveredSession(
                database.db,
                { patientId: patientId as string, programmeId, recorder, startedAt, now: new Date() },
                summary,
              );
              return { loggedSessionId: session.id };
            },
          }
        : {}),
      close: () => database.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The byte transport to the device: the in-process virtual stimulator, or a serial port. */
async function openDevice(
  device: string,
  protocol: Protocol,
): Promise<{ transport: ByteTransport; emulator: VirtualStimulator | null }> {
  if (device === 'emulator') {
    const [host, deviceEnd] = linkedTransports();
    return { transport: host, emulator: createVirtualStimulator(protocol, deviceEnd, realClock) };
  }
  let real = device;
  try {
    real = realpathSync(device);
  } catch {
    throw new UsageError(`--device ${device}: no such port`);
  }
  return {
    transport: await openSerialPort(device, LINE_SETTINGS[protocol], isPseudoTerminal(real)),
    emulator: null,
  };
}

/** The --intensity values: `--intensity 12`, `--intensity 12,15` or `--intensity 12 --intensity 15` (mA). */
function startingIntensities(values: OptionValues): number | number[] {
  const given = values.intensity;
  const raw = (Array.isArray(given) ? given : given === undefined ? [] : [given]).map(String);
  const parts = raw.flatMap((v) => v.split(',')).map((v) => v.trim());
  const allowed = `a number of mA from 0 up to the clinician's ceiling, one for every channel or one per channel (--intensity 12,15)`;
  if (parts.length === 0) throw new UsageError(`--intensity is required: ${allowed}`);
  const intensities = parts.map((part) => {
    const value = Number(part);
    if (part === '' || !Number.isFinite(value) || value < 0) {
      throw new UsageError(`--intensity must be ${allowed}; got '${raw.join(',')}'`);
    }
    return value;
  });
  return intensities.length === 1 ? (intensities[0] as number) : intensities;
}

export const stimulateCommand: Command = {
  name: 'stimulate',
  summary:
    "Plays an approved programme on a stimulator (ScienceMode2 RehaStim2, ScienceMode4 P24) or the virtual one, and prints one summary. Ctrl-C is an emergency stop. With --patient ID the patient's approved programme is read from the database (--data DIR, or DATABASE_URL) and passed through the safety gate; with --as EMAIL the delivered session is logged to the patient's record.",
  usage: [
    `stimulate --protocol ${PROTOCOLS.join('|')} --device PATH|emulator --programme FILE --intensity MA[,MA…] [--level N] [--update-period MS] [--ack-timeout MS] [--json]`,
    `stimulate --protocol ${PROTOCOLS.join('|')} --device PATH|emulator --patient ID [--data DIR] [--as EMAIL] --intensity MA[,MA…] [--level N] [--json]`,
  ],
  options: {
    ...declareOptions([
      'protocol',
      'device',
      'programme',
      'patient',
      'data',
      'as',
      'level',
      'update-period',
      'ack-timeout',
    ]),
    // One value for every channel, or one per channel: `--intensity 12,15` or `--intensity 12 --intensity 15`.
    intensity: { type: 'string', multiple: true },
  },
  async run(values) {
    const protocol = choice(values, 'protocol', PROTOCOLS);
    const device = optionalString(values, 'device');
    if (!device) throw new UsageError('--device is required: a serial port path, or emulator');
    const intensityMa = startingIntensities(values);
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
    const source = await programmeSource(values, new Date());
    try {
      const cleared = requireClearedProgramme(source.cleared, 'send-to-device');
      startingIntensitiesMa(planSession(cleared.programme as StimulationProgramme, level), intensityMa);
      const { transport, emulator } = await openDevice(device, protocol);
      const controller = new SessionController({
        cleared: source.cleared,
        protocol,
        transport,
        // Update deadlines met to the spin, not to the timer's 1 ms granularity (bench 'device').
        clock: spinningClock(realClock),
        intensityMa,
        updatePeriodMs,
        ...(level === undefined ? {} : { level }),
        ...(ackTimeoutMs === undefined ? {} : { ackTimeoutMs }),
      });
      const emergency = () => controller.emergencyStop();
      process.once('SIGINT', emergency);
      process.once('SIGTERM', emergency);
      const startedAt = new Date();
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
      const logged = source.log ? await source.log(summary, startedAt) : {};
      const pulses = emulator?.pulses();
      const json = {
        ...summary,
        ...logged,
        ...(pulses ? { emulator: { pulses: pulses.reduce((n, t) => n + t.count, 0), trains: pulses } } : {}),
      };
      const peaks = Object.entries(summary.peakCurrentMaByChannel)
        .map(([c, ma]) => `channel ${c}: ${ma} mA`)
        .join(', ');
      const text = [
        `${summary.stopReason}: ${summary.deliveredMinutes} of ${summary.plannedMinutes} min delivered (level ${summary.level})`,
        `peak current: ${peaks}`,
        ...summary.faults.map((f) => `fault at ${f.atMs} ms (${f.kind}): ${f.message}`),
        ...('loggedSessionId' in logged ? [`logged as session ${logged.loggedSessionId}`] : []),
      ].join('\n');
      return {
        json,
        text,
        exitCode: summary.faults.length > 0 || summary.stopReason === 'fault' ? FAULT_EXIT_CODE : 0,
      };
    } finally {
      await source.close();
    }
  },
};
