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
    expect(channelNames([pads('triceps-surae', 'left'), pads('quadriceps', 'right')])).toEqual([
      { key: 'core.channel.name', values: { side: 'left', muscle: { key: 'core.muscle.triceps-surae' } } },
      { key: 'core.channel.name', values: { side: 'right', muscle: { key: 'core.muscle.quadriceps' } } },
    ]);
  });

  it('numbers channels that would otherwise read the same', () => {
    const [first, second, third] = channelNames([
      pads('quadriceps', 'left'),
      pads('quadriceps', 'left'),
      pads('hamstrings', 'left'),
    ]);
    expect([first?.key, first?.values?.number, second?.values?.number]).toEqual([
      'core.channel.numbered',
      1,
      2,
    ]);
    expect(third?.key).toBe('core.channel.name');
  });

  it('gives a site that is not a target muscle a neutral name', () => {
    expect(patientMuscle('abdomen')).toEqual({
      name: 'muscle',
      view: 'front',
      text: { key: 'core.muscle.unknown' },
    });
    expect(channelNames([{ electrodes: [] }])).toEqual([{ key: 'core.channel.pads' }]);
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
