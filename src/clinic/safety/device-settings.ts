/**
 * Device-settable values: every setting of a stimulation programme lies on the steps a stimulator
 * moves in (../../shared/device-steps.ts), so what the clinician approves, what the patient reads and
 * what the device delivers are the same numbers. Works on any object and never throws: what it
 * cannot read it leaves to output safety (./output-safety.ts), which reports malformed programmes.
 */
import { DEFAULT_DEVICE_STEPS, type DeviceSteps, isOnStep } from '../../shared/device-steps.ts';

export interface SettingProblem {
  /** Which part of the programme, e.g. 'level 2 work'. */
  where: string;
  field: string;
  value: number;
  /** The step the value must be a whole number of, with its unit. */
  step: string;
}

type Loose = Record<string, unknown>;

const CYCLE_FIELDS = [
  ['onS', 'on time'],
  ['offS', 'off time'],
  ['rampUpS', 'ramp-up time'],
  ['rampDownS', 'ramp-down time'],
] as const;

function isObject(v: unknown): v is Loose {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Every setting that is not on its device step (empty when all are). */
export function deviceSettingProblems(
  programme: unknown,
  steps: DeviceSteps = DEFAULT_DEVICE_STEPS,
): SettingProblem[] {
  const problems: SettingProblem[] = [];
  if (!isObject(programme) || !Array.isArray(programme.levels)) return problems;
  const check = (where: string, field: string, value: unknown, step: number, unit: string) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    if (!isOnStep(value, step)) problems.push({ where, field, value, step: `${step} ${unit}` });
  };
  programme.levels.forEach((level, l) => {
    if (!isObject(level) || !Array.isArray(level.blocks)) return;
    const name = typeof level.level === 'number' ? level.level : l + 1;
    level.blocks.forEach((block, b) => {
      if (!isObject(block)) return;
      const where = `level ${name} ${typeof block.kind === 'string' ? block.kind : `block ${b + 1}`}`;
      check(where, 'frequency', block.frequencyHz, steps.frequencyHz, 'Hz');
      check(where, 'phase width', block.phaseWidthUs, steps.pulseWidthUs, 'µs');
      check(where, 'current ceiling', block.maxIntensityMa, steps.currentMa, 'mA');
      // Block durations are in minutes; a device sets them in its duration step.
      if (typeof block.minutes === 'number' && Number.isFinite(block.minutes)) {
        if (!isOnStep(block.minutes * 60, steps.durationS)) {
          problems.push({
            where,
            field: 'duration in minutes',
            value: block.minutes,
            step: `${steps.durationS} s`,
          });
        }
      }
      const cycle = block.cycle;
      if (isObject(cycle)) {
        for (const [field, words] of CYCLE_FIELDS) check(where, words, cycle[field], steps.durationS, 's');
      }
    });
  });
  return problems;
}
