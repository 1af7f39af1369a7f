import { describe, expect, it } from 'vitest';
import { patiently } from './patience';

/** A clock that moves only when slept on. */
function clock() {
  let t = 0;
  const slept: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (slept.push(ms), (t += ms)), slept };
}

describe('patiently', () => {
  it('tries again, with growing pauses, until the step succeeds', async () => {
    const c = clock();
    let calls = 0;
    const result = await patiently(async () => {
      if (++calls < 4) throw new Error('database away');
      return 'recorded';
    }, { forMs: 60_000, ...c });
    expect(result).toBe('recorded');
    expect(c.slept).toEqual([250, 500, 1000]);
  });

  it('throws the last error once its patience is spent', async () => {
    const c = clock();
    let calls = 0;
    await expect(patiently(async () => { throw new Error(`failure ${++calls}`); }, { forMs: 2_000, maxDelayMs: 1_000, ...c })).rejects.toThrow(/^failure 4$/);
    expect(c.slept).toEqual([250, 500, 1000]);
  });
});
