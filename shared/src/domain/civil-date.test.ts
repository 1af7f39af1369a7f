import { afterEach, describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addMonths,
  addYears,
  calendarDaysBetween,
  compareIsoDates,
  dayOfWeek,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isWeekend,
  parseIsoDate,
  toDayNumber,
} from './civil-date';

describe('parseIsoDate / isIsoDate', () => {
  it('accepts real dates, including 29 February in a leap year', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(isIsoDate('2026-12-31')).toBe(true);
  });

  it.each(['2023-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-5', '2026-01-05T00:00:00Z', '', '0099-01-01'])(
    'rejects %j',
    (bad) => {
      expect(isIsoDate(bad)).toBe(false);
      expect(() => parseIsoDate(bad)).toThrow(RangeError);
    },
  );

  it('is false for non-strings', () => {
    expect(isIsoDate(20260101)).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });
});

describe('day numbers and weekdays', () => {
  it('round-trips through day numbers', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('2028-02-29'))).toBe('2028-02-29');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4); // Thursday
    expect(dayOfWeek('2000-01-01')).toBe(6); // Saturday
    expect(dayOfWeek('2026-11-23')).toBe(1); // Monday
    expect(dayOfWeek('1969-12-28')).toBe(0); // Sunday, before the epoch
  });

  it('knows weekends', () => {
    expect(isWeekend('2026-11-21')).toBe(true);
    expect(isWeekend('2026-11-22')).toBe(true);
    expect(isWeekend('2026-11-23')).toBe(false);
  });

  it('knows month lengths', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});

describe('addCalendarDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addCalendarDays('2026-01-01', 365)).toBe('2027-01-01');
  });

  it('is not moved by the clock changes', () => {
    expect(addCalendarDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addCalendarDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addCalendarDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  it('rejects fractional days', () => {
    expect(() => addCalendarDays('2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('crosses years in both directions', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addMonths('2026-06-15', 0)).toBe('2026-06-15');
  });

  it('adds years as 12 months', () => {
    expect(addYears('2024-02-29', 6)).toBe('2030-02-28');
    expect(addYears('2026-07-01', 2)).toBe('2028-07-01');
  });

  it('rejects fractional months', () => {
    expect(() => addMonths('2026-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('comparisons', () => {
  it('counts calendar days between dates', () => {
    expect(calendarDaysBetween('2026-03-01', '2026-03-29')).toBe(28);
    expect(calendarDaysBetween('2026-03-29', '2026-03-01')).toBe(-28);
    expect(calendarDaysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('orders dates', () => {
    expect(compareIsoDates('2026-01-01', '2026-01-02')).toBeLessThan(0);
    expect(compareIsoDates('2026-01-02', '2026-01-02')).toBe(0);
    expect(['2027-01-01', '2026-12-31', '2026-01-15'].sort(compareIsoDates)).toEqual([
      '2026-01-15',
      '2026-12-31',
      '2027-01-01',
    ]);
  });
});

describe('independence from the host time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each(['Europe/London', 'America/New_York', 'Pacific/Kiritimati', 'UTC'])('gives the same answers in %s', (tz) => {
    process.env.TZ = tz;
    expect(addCalendarDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addCalendarDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(dayOfWeek('2026-03-29')).toBe(0);
  });
});
