/**
 * The strength–duration test through a stimulator (issue 21, item 7): at each pulse width the device
 * can set, the clinician delivers short trains at rising current until the minimal visible
 * contraction. Each train is an ordinary programme — one level, one block of a few pulses — so it
 * passes the one safety gate (src/clinic/safety/programme-gate.ts) and the output limits like any
 * session before a byte leaves, and is played by the session controller.
 *
 * Widths the device cannot set (a ScienceMode2 phase is at most 500 µs; a ScienceMode4 point at
 * most 4095 µs) stay manual entries, tested with another stimulator.
 */
import { planProgramme, requireDraft } from '../clinic/programme/plan.ts';
import type { StimulationLevel, StimulationProgramme } from '../clinic/programme/stimulation-types.ts';
import { DEFAULT_DEVICE_STEPS } from '../shared/device-steps.ts';
import type { Clock } from './clock.ts';
import type { Protocol } from './emulator/virtual-stimulator.ts';
import { SM2_MAX_CURRENT_MA, SM2_MAX_PULSE_WIDTH_US, SM2_MIN_PULSE_WIDTH_US } from './sciencemode2/codec.ts';
import { SM4_MAX_CURRENT_MA, SM4_MAX_POINT_US, SM4_MIN_POINT_US } from './sciencemode4/codec.ts';
import { SessionController, type SessionSummary } from './session/controller.ts';
import type { ByteTransport } from './transport.ts';

/**
 * One probe: a 2 s train of twitches at 2 Hz (4 pulses, full current from the first, no ramp) and
 * 1 s of rest. Myotrophy's choice (UNCONFIRMED as a protocol: the clinical test uses single pulses
 * about a second apart, Robinson & Snyder-Mackler, Clinical Electrophysiology 3rd ed. ch. 4; a few
 * twitches in a row let the clinician see the threshold contraction without re-triggering).
 * Current rises in the device's 1 mA step (src/shared/device-steps.ts) from 1 mA.
 */
export const SD_PROBE = {
  trainS: 2,
  restS: 1,
  frequencyHz: 2,
  startMa: 1,
  stepMa: DEFAULT_DEVICE_STEPS.currentMa,
} as const;

/** The phase widths (µs) a protocol's device can set, on the 10 µs device step. */
export function devicePhaseWidthRangeUs(protocol: Protocol): { minUs: number; maxUs: number } {
  const step = DEFAULT_DEVICE_STEPS.pulseWidthUs;
  const [min, max] =
    protocol === 'sciencemode2'
      ? [SM2_MIN_PULSE_WIDTH_US, SM2_MAX_PULSE_WIDTH_US]
      : [SM4_MIN_POINT_US, SM4_MAX_POINT_US];
  return { minUs: Math.ceil(min / step) * step, maxUs: Math.floor(max / step) * step };
}

/** The highest current (mA) the protocol's device sets: the probe's current never rises past it. */
export function deviceMaxCurrentMa(protocol: Protocol): number {
  return protocol === 'sciencemode2' ? SM2_MAX_CURRENT_MA : SM4_MAX_CURRENT_MA;
}

/** The test's widths (ms) split into those the device steps through and those entered by hand. */
export function splitSdWidths(
  widthsMs: readonly number[],
  protocol: Protocol,
): { deviceMs: number[]; manualMs: number[] } {
  const { minUs, maxUs } = devicePhaseWidthRangeUs(protocol);
  const settable = (ms: number) => {
    const us = Math.round(ms * 1000);
    return us >= minUs && us <= maxUs && us % DEFAULT_DEVICE_STEPS.pulseWidthUs === 0;
  };
  return { deviceMs: widthsMs.filter(settable), manualMs: widthsMs.filter((ms) => !settable(ms)) };
}

/**
 * The probe at one width and current, on the electrodes the planner places for the muscle tested
 * (the same sites the screening must cover). The caller passes it to the gate for 'send-to-device'.
 */
export function sdProbeProgramme(
  muscle: string,
  side: 'left' | 'right',
  phaseWidthUs: number,
  currentMa: number,
): StimulationProgramme {
  const { intensityCap: _noCap, ...planned } = requireDraft(
    planProgramme({ goal: 'prevent-disuse-atrophy', muscle, side }),
  ).stimulation;
  const { evokedForceTarget: _noTarget, ...level } = planned.levels[0] ?? {};
  if (level.level === undefined) throw new Error('the planner returned no level');
  return {
    ...planned,
    pulseWidth: { ...planned.pulseWidth, phaseWidthUs },
    levels: [
      {
        ...(level as Omit<StimulationLevel, 'evokedForceTarget'>),
        blocks: [
          {
            kind: 'work',
            minutes: (SD_PROBE.trainS + SD_PROBE.restS) / 60,
            frequencyHz: SD_PROBE.frequencyHz,
            phaseWidthUs,
            cycle: { onS: SD_PROBE.trainS, offS: SD_PROBE.restS, rampUpS: 0, rampDownS: 0 },
            maxIntensityMa: currentMa,
            intensityTarget: 'the minimal visible contraction (strength–duration threshold)',
          },
        ],
      },
    ],
  };
}

/** Plays one cleared probe (a ClearedProgramme for 'send-to-device') at `currentMa`; resolves with the controller's summary. */
export function deliverSdProbe(options: {
  cleared: unknown;
  protocol: Protocol;
  transport: ByteTransport;
  clock: Clock;
  currentMa: number;
}): Promise<SessionSummary> {
  const { currentMa, ...rest } = options;
  return new SessionController({ ...rest, intensityMa: currentMa }).play();
}
