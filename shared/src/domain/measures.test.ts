import { describe, expect, it } from 'vitest';
import { mean, oneDecimal, percent, percentile, workingDays } from './measures';

describe('statistics arithmetic', () => {
  it('counts working days between London dates, skipping Easter 2026', () => {
    // Thu 2 Apr → Tue 7 Apr: Fri 3 (Good Friday), Sat, Sun, Mon 6 (Easter Monday) skipped; Tue 7 counted = 1.
    expect(workingDays(new Date('2026-04-02T10:00:00Z'), new Date('2026-04-07T10:00:00Z'))).toBe(1);
    // 23:30Z on 1 July is 2 July in London: Wed 1 → Thu 2 = 1.
    expect(workingDays(new Date('2026-07-01T10:00:00Z'), new Date('2026-07-01T23:30:00Z'))).toBe(1);
  });

  it('takes percentiles as percentile_cont does', () => {
    // [1, 2, 5]: median at rank 1 = 2; p90 at rank 0.9 × 2 = 1.8 → 2 + 0.8 × (5 − 2) = 4.4.
    expect(percentile([5, 1, 2], 0.5)).toBe(2);
    expect(percentile([5, 1, 2], 0.9)).toBeCloseTo(4.4, 10);
    // [1, 2, 3, 4]: median at rank 1.5 → 2.5.
    expect(percentile([4, 3, 2, 1], 0.5)).toBe(2.5);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('gives no mean or percentage of nothing, rather than zero', () => {
    expect(mean([1, 2])).toBe(1.5);
    expect(mean([])).toBeNull();
    expect(percent(2, 3)).toBeCloseTo(66.667, 2);
    expect(percent(0, 0)).toBeNull();
    expect(oneDecimal(66.666)).toBe(66.7);
  });
});
