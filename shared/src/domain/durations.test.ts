import { describe, expect, it } from 'vitest';
import { ENGLAND_AND_WALES as cal } from './calendar';
import { addDuration, describeDuration, durationParts, durationSchema, makeDuration, nthOccurrence } from './durations';

describe('durationSchema', () => {
  it('accepts exactly one non-negative whole unit', () => {
    for (const d of [{ workingDays: 2 }, { calendarDays: 28 }, { weeks: 4 }, { months: 12 }, { years: 6 }, { workingDays: 0 }]) {
      expect(durationSchema.parse(d)).toEqual(d);
    }
  });

  it.each([{ workingDays: 2, calendarDays: 3 }, { workingDays: -1 }, { weeks: 1.5 }, { fortnights: 2 }, {}])(
    'rejects %j',
    (bad) => {
      expect(durationSchema.safeParse(bad).success).toBe(false);
    },
  );
});

describe('addDuration', () => {
  it('adds each unit', () => {
    expect(addDuration('2026-11-20', { workingDays: 2 }, cal)).toBe('2026-11-24');
    expect(addDuration('2026-11-20', { calendarDays: 2 }, cal)).toBe('2026-11-22');
    expect(addDuration('2026-01-05', { weeks: 4 }, cal)).toBe('2026-02-02');
    expect(addDuration('2026-01-31', { months: 1 }, cal)).toBe('2026-02-28');
    expect(addDuration('2024-02-29', { years: 6 }, cal)).toBe('2030-02-28');
  });

  it('multiplies, and counts back for negative times', () => {
    expect(addDuration('2026-01-05', { weeks: 4 }, cal, 3)).toBe('2026-03-30');
    expect(addDuration('2024-07-15', { calendarDays: 28 }, cal, -1)).toBe('2024-06-17');
    expect(addDuration('2026-12-29', { workingDays: 1 }, cal, -1)).toBe('2026-12-24');
    expect(addDuration('2026-12-29', { workingDays: 1 }, cal, 0)).toBe('2026-12-29');
  });

  it('rejects fractional times', () => {
    expect(() => addDuration('2026-01-05', { weeks: 4 }, cal, 0.5)).toThrow(RangeError);
  });
});

describe('nthOccurrence', () => {
  it('computes from the anchor so month-end clamping cannot drift', () => {
    const first = { months: 12 };
    const every = { months: 6 };
    expect(nthOccurrence('2025-08-31', first, every, 1, cal)).toBe('2026-08-31');
    expect(nthOccurrence('2025-08-31', first, every, 2, cal)).toBe('2027-02-28');
    expect(nthOccurrence('2025-08-31', first, every, 3, cal)).toBe('2027-08-31');
  });

  it('applies mixed units one after the other', () => {
    expect(nthOccurrence('2026-01-05', { months: 1 }, { weeks: 1 }, 1, cal)).toBe('2026-02-05');
    expect(nthOccurrence('2026-01-05', { months: 1 }, { weeks: 1 }, 3, cal)).toBe('2026-02-19');
  });

  it('rejects n below 1', () => {
    expect(() => nthOccurrence('2026-01-05', { weeks: 4 }, { weeks: 4 }, 0, cal)).toThrow(RangeError);
  });
});

describe('duration helpers', () => {
  it('splits, builds and describes durations', () => {
    expect(durationParts({ months: 12 })).toEqual({ unit: 'months', amount: 12 });
    expect(makeDuration('workingDays', 5)).toEqual({ workingDays: 5 });
    expect(describeDuration({ workingDays: 10 })).toBe('10 working days');
    expect(describeDuration({ workingDays: 1 })).toBe('1 working day');
    expect(describeDuration({ calendarDays: 28 })).toBe('28 days');
    expect(describeDuration({ years: 6 })).toBe('6 years');
  });
});
