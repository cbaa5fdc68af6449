import { describe, expect, it } from 'vitest';
import { MUSCLE_SITES } from './electrode-sites.ts';
import { channelNames, PLACEMENT_VIEWS, patientMuscle } from './patient-view.ts';

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

describe('placement drawings', () => {
  it('draws calf, hamstrings, gluteals, back, and the back of the arm and forearm on a back view', () => {
    const views = Object.fromEntries(PLACEMENT_VIEWS.map((v) => [v.muscle, v.view]));
    expect(Object.keys(views).sort()).toEqual(MUSCLE_SITES.map((m) => m.id).sort());
    expect(
      Object.entries(views)
        .filter(([, v]) => v === 'back')
        .map(([m]) => m)
        .sort(),
    ).toEqual([
      'gluteus-maximus',
      'hamstrings',
      'lumbar-paraspinals',
      'triceps-brachii',
      'triceps-surae',
      'wrist-extensors',
    ]);
  });
});
