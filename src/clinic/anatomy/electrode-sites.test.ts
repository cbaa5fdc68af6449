import { describe, expect, it } from 'vitest';
import { TRAJECTORY_MUSCLES } from '../../physiology/trajectory/parameters.ts';
import { BODY_SITES } from '../coding/icd10cm.ts';
import {
  BODY_REGIONS,
  EXERCISE_REGIONS,
  FORBIDDEN_REGIONS,
  lookupMuscle,
  MUSCLE_SITES,
  placementProblem,
  regionOfSite,
} from './electrode-sites.ts';

describe('electrode sites', () => {
  it.each(MUSCLE_SITES)(
    '$id: over an allowed region, on an ICD body site, with a proximal and a distal electrode',
    (muscle) => {
      expect(FORBIDDEN_REGIONS).not.toContain(muscle.region);
      expect(BODY_REGIONS).toContain(muscle.region);
      expect(BODY_SITES).toContain(muscle.bodySite);
      expect(EXERCISE_REGIONS).toContain(muscle.exerciseRegion);
      expect(muscle.electrodes.map((e) => e.position)).toEqual(['proximal', 'distal']);
      for (const e of muscle.electrodes) expect(e.landmark.length).toBeGreaterThan(10);
      expect(muscle.electrodeCm2).toBeGreaterThan(0);
      expect(muscle.largeElectrodeCm2).toBeGreaterThanOrEqual(muscle.electrodeCm2);
      if (muscle.forecastMuscle) expect(TRAJECTORY_MUSCLES).toContain(muscle.forecastMuscle);
    },
  );

  it('reads electrode-sites.json into muscle sites with unique ids, and looks each up by its id', () => {
    expect(new Set(MUSCLE_SITES.map((m) => m.id)).size).toBe(MUSCLE_SITES.length);
    expect(lookupMuscle('triceps-surae').bodySite).toBe('lower-leg');
    expect(lookupMuscle('quadriceps').electrodeCm2).toBe(50);
    expect(lookupMuscle('tibialis-anterior').electrodes[0].landmark).toMatch(/^cathode: /);
    expect(() => lookupMuscle('calf')).toThrow(/unknown muscle 'calf'; allowed: quadriceps/);
  });

  it('allows a pair over one muscle on one side', () => {
    expect(
      placementProblem([
        { site: 'quadriceps', side: 'left' },
        { site: 'quadriceps', side: 'left' },
      ]),
    ).toBeNull();
  });

  it('refuses the thorax, the head, the front of the neck and left–right paths across the upper body', () => {
    expect(placementProblem([{ site: 'chest', side: 'left' }])).toMatch(/thorax/);
    expect(placementProblem([{ site: 'head', side: 'left' }])).toMatch(/transcerebral/);
    expect(placementProblem([{ site: 'anterior-neck', side: 'right' }])).toMatch(/carotid/);
    expect(
      placementProblem([
        { site: 'biceps-brachii', side: 'left' },
        { site: 'biceps-brachii', side: 'right' },
      ]),
    ).toMatch(/transthoracic/);
    expect(
      placementProblem([
        { site: 'quadriceps', side: 'left' },
        { site: 'hamstrings', side: 'left' },
      ]),
    ).toMatch(/same muscle/);
    expect(regionOfSite('upper-back')).toBe('upper-back');
  });
});
