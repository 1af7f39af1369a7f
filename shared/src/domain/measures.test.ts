import { describe, expect, it } from 'vitest';
import { mean, oneDecimal, percent, percentile, percentileOfCounts, workingDays } from './measures';

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

  it('takes the same percentiles from a frequency table as from the values listed', () => {
    // 0 ×3, 2 ×1, 7 ×2 is [0, 0, 0, 2, 7, 7]: median at rank 2.5 → 0 + 0.5 × (2 − 0) = 1; p90 at rank 4.5 → 7.
    const table = [{ value: 7, count: 2 }, { value: 0, count: 3 }, { value: 2, count: 1 }, { value: 4, count: 0 }];
    expect(percentileOfCounts(table, 0.5)).toBe(1);
    expect(percentileOfCounts(table, 0.9)).toBe(7);
    const values = [3, 3, 9, 1, 1, 1, 4, 12, 3, 5, 5, 0];
    const counted = [...new Set(values)].map((value) => ({ value, count: values.filter((v) => v === value).length }));
    for (const p of [0, 0.1, 0.25, 0.5, 0.9, 1]) expect(percentileOfCounts(counted, p)).toBeCloseTo(percentile(values, p)!, 10);
    expect(percentileOfCounts([{ value: 1, count: 0 }], 0.5)).toBeNull();
  });

  it('gives no mean or percentage of nothing, rather than zero', () => {
    expect(mean([1, 2])).toBe(1.5);
    expect(mean([])).toBeNull();
    expect(percent(2, 3)).toBeCloseTo(66.667, 2);
    expect(percent(0, 0)).toBeNull();
    expect(oneDecimal(66.666)).toBe(66.7);
  });
});
