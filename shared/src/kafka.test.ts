import { describe, expect, it } from 'vitest';
import { committableOffset, lanesByKey } from './kafka';

const msg = (offset: number, key: string | null) => ({ offset: String(offset), key: key === null ? null : Buffer.from(key) });

describe('consumer batches', () => {
  it('puts one key’s messages in one lane, in offset order; keyless messages each alone', () => {
    const lanes = lanesByKey([msg(0, 'a'), msg(1, 'b'), msg(2, 'a'), msg(3, null), msg(4, 'b'), msg(5, null)]);
    expect(lanes.map((l) => l.map((m) => Number(m.offset)))).toEqual([[0, 2], [1, 4], [3], [5]]);
  });

  it('commits only up to the first message not done, whatever finished after it', () => {
    const batch = [0, 1, 2, 3].map((o) => msg(o, `k${o}`));
    expect(committableOffset(batch, new Set(['0', '1', '3']))).toBe('1');
    expect(committableOffset(batch, new Set(['1', '2', '3']))).toBeUndefined();
    expect(committableOffset(batch, new Set(['0', '1', '2', '3']))).toBe('3');
  });
});
