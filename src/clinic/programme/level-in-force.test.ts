import { describe, expect, it } from 'vitest';
import { levelInForce, programmeWeek } from './level-in-force.ts';
import type { StimulationLevel } from './stimulation-types.ts';

const level = (n: number, fromWeek: number, toWeek: number) =>
  ({
    level: n,
    fromWeek,
    toWeek,
    sessionsPerDay: 1,
    sessionsPerWeek: 7,
    blocks: [],
    progressWhen: '',
  }) as StimulationLevel;
const LEVELS = [level(2, 3, 4), level(1, 1, 2), level(3, 5, 8)];
const APPROVED = '2025-03-03T09:00:00Z';

describe('the programme level in force', () => {
  it('counts programme weeks from the moment of approval', () => {
    expect(programmeWeek(APPROVED, new Date('2025-03-03T09:00:00Z'))).toBe(1);
    expect(programmeWeek(APPROVED, new Date('2025-03-10T08:59:59Z'))).toBe(1);
    expect(programmeWeek(APPROVED, new Date('2025-03-10T09:00:00Z'))).toBe(2);
    expect(programmeWeek(APPROVED, new Date('2025-03-01T00:00:00Z'))).toBe(1);
    expect(() => programmeWeek('soon', new Date())).toThrow('approvedAt must be a date-time; got soon');
  });

  it('plays the level whose weeks hold today, the last one after them, the first without an approval', () => {
    expect(levelInForce(LEVELS, APPROVED, new Date('2025-03-05T00:00:00Z')).level).toBe(1);
    expect(levelInForce(LEVELS, APPROVED, new Date('2025-03-17T09:00:00Z')).level).toBe(2);
    expect(levelInForce(LEVELS, APPROVED, new Date('2025-04-01T00:00:00Z')).level).toBe(3);
    expect(levelInForce(LEVELS, APPROVED, new Date('2025-09-01T00:00:00Z')).level).toBe(3);
    expect(levelInForce(LEVELS, null, new Date('2025-09-01T00:00:00Z')).level).toBe(1);
    expect(() => levelInForce([], APPROVED, new Date())).toThrow('the programme has no stimulation level');
  });
});
