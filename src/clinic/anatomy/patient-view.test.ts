import { describe, expect, it } from 'vitest';
import { channelNames, patientMuscle } from './patient-view.ts';

const pads = (site: string, side: 'left' | 'right') => ({
  electrodes: [
    { site, side },
    { site, side },
  ],
});

describe('channelNames', () => {
  it('names each channel by the side and the muscle its pads are on', () => {
    expect(channelNames([pads('triceps-surae', 'left'), pads('triceps-surae', 'right')])).toEqual([
      'Left calf muscles',
      'Right calf muscles',
    ]);
    expect(channelNames([pads('quadriceps', 'right')])).toEqual(['Right front thigh muscles']);
  });

  it('numbers channels that would otherwise read the same', () => {
    expect(
      channelNames([pads('quadriceps', 'left'), pads('quadriceps', 'left'), pads('hamstrings', 'left')]),
    ).toEqual([
      'Left front thigh muscles, pads 1',
      'Left front thigh muscles, pads 2',
      'Left back thigh muscles',
    ]);
  });

  it('gives a site that is not a target muscle a neutral name', () => {
    expect(patientMuscle('abdomen').name).toBe('muscle');
    expect(channelNames([pads('abdomen', 'left'), { electrodes: [] }])).toEqual(['Left muscle', 'Pads']);
  });
});
