import { describe, expect, it } from 'vitest';
import { openRedFlagsOf } from './open-red-flags.ts';

const screening = (screenedAt: string, redFlagFindings: unknown) => ({ screenedAt, redFlagFindings });

describe('open red flags', () => {
  it('keeps a flag open through a later "no" until a clinician resolves it, and reopens it when found again', () => {
    const screenings = [
      screening('2026-01-01T09:00:00Z', { 'suspected-dvt': true, 'new-weakness': false }),
      screening('2026-01-05T09:00:00Z', { 'suspected-dvt': false }),
    ];
    expect(openRedFlagsOf(screenings, [])).toEqual([
      { key: 'suspected-dvt', raisedAt: '2026-01-01T09:00:00.000Z' },
    ]);
    const resolved = [{ key: 'suspected-dvt', resolvedAt: '2026-01-06T10:00:00Z' }];
    expect(openRedFlagsOf(screenings, resolved)).toEqual([]);
    const again = [...screenings, screening('2026-01-09T09:00:00Z', { 'suspected-dvt': true })];
    expect(openRedFlagsOf(again, resolved)).toEqual([
      { key: 'suspected-dvt', raisedAt: '2026-01-09T09:00:00.000Z' },
    ]);
  });

  it('ignores findings that are not an object of true answers, and orders flags by when they were raised', () => {
    const screenings = [
      screening('2026-01-02T09:00:00Z', { b: true }),
      screening('2026-01-01T09:00:00Z', { a: true, c: 'yes' }),
      screening('2026-01-03T09:00:00Z', null),
      screening('2026-01-03T09:00:00Z', [true]),
    ];
    expect(openRedFlagsOf(screenings, []).map((f) => f.key)).toEqual(['a', 'b']);
  });
});
