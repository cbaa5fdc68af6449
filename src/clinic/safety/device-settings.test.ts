import { describe, expect, it } from 'vitest';
import { deviceSettingProblems } from './device-settings.ts';

const block = { kind: 'work', minutes: 25, frequencyHz: 35, phaseWidthUs: 300, maxIntensityMa: 100 };

describe('deviceSettingProblems', () => {
  it('passes whole Hz, 10 µs widths, whole mA and whole seconds', () => {
    const cycle = { onS: 6, offS: 24, rampUpS: 2, rampDownS: 1 };
    expect(deviceSettingProblems({ levels: [{ level: 1, blocks: [{ ...block, cycle }] }] })).toEqual([]);
  });

  it('names every value a stimulator cannot be set to', () => {
    const odd = {
      ...block,
      frequencyHz: 1.613,
      phaseWidthUs: 345.6,
      maxIntensityMa: 70.7,
      minutes: 2.255,
      cycle: { onS: 9.5, offS: 14, rampUpS: 1.5, rampDownS: 0.75 },
    };
    expect(deviceSettingProblems({ levels: [{ level: 2, blocks: [odd] }] })).toEqual([
      { where: 'level 2 work', field: 'frequency', value: 1.613, step: '1 Hz' },
      { where: 'level 2 work', field: 'phase width', value: 345.6, step: '10 µs' },
      { where: 'level 2 work', field: 'current ceiling', value: 70.7, step: '1 mA' },
      { where: 'level 2 work', field: 'duration in minutes', value: 2.255, step: '1 s' },
      { where: 'level 2 work', field: 'on time', value: 9.5, step: '1 s' },
      { where: 'level 2 work', field: 'ramp-up time', value: 1.5, step: '1 s' },
      { where: 'level 2 work', field: 'ramp-down time', value: 0.75, step: '1 s' },
    ]);
  });

  it('uses a device’s own steps where given, and never throws on what it cannot read', () => {
    const rehaStim = { frequencyHz: 5, currentMa: 2, pulseWidthUs: 10, durationS: 1 };
    const offStep = { ...block, frequencyHz: 32, maxIntensityMa: 41 };
    expect(deviceSettingProblems({ levels: [{ blocks: [offStep] }] }, rehaStim).map((p) => p.field)).toEqual([
      'frequency',
      'current ceiling',
    ]);
    for (const junk of [null, 3, 'x', { levels: 'many' }, { levels: [null, { blocks: [null, 4] }] }]) {
      expect(deviceSettingProblems(junk)).toEqual([]);
    }
  });
});
