import { describe, expect, it } from 'vitest';
import { ReadBatcher } from './read-batcher.ts';

describe('ReadBatcher', () => {
  it('answers the reads asked in one turn with one call, each with its own value, and later reads with another', async () => {
    const calls: number[][] = [];
    const batcher = new ReadBatcher(async (keys: number[]) => {
      calls.push(keys);
      return keys.map((k) => k * 10);
    });
    expect(await Promise.all([batcher.read(1), batcher.read(2), batcher.read(3)])).toEqual([10, 20, 30]);
    expect(await batcher.read(4)).toBe(40);
    expect(calls).toEqual([[1, 2, 3], [4]]);
  });

  it('tries each read alone when the shared call fails, so only the read that fails is refused', async () => {
    const calls: number[][] = [];
    const batcher = new ReadBatcher(async (keys: number[]) => {
      calls.push(keys);
      if (keys.includes(2)) throw new Error('no 2');
      return keys.map((k) => -k);
    });
    const answers = await Promise.allSettled([batcher.read(1), batcher.read(2), batcher.read(3)]);
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).toEqual([
      -1,
      'no 2',
      -3,
    ]);
    expect(calls).toEqual([[1, 2, 3], [1], [2], [3]]);
  });
});
