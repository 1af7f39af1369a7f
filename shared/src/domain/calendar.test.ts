import { describe, expect, it } from 'vitest';
import holidayData from '../../data/bank-holidays-england-and-wales.json';
import { ENGLAND_AND_WALES as cal, HolidayCalendar, WEEKENDS_ONLY, dueOnAfterDeclaredHolidays, holidayDataSchema } from './calendar';
import { addCalendarDays, dayOfWeek, type IsoDate } from './civil-date';

/** Bank holidays of England and Wales, typed out independently of the data file. */
const EXPECTED: Record<number, IsoDate[]> = {
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  2022: [
    '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19',
    '2022-12-26', '2022-12-27',
  ],
  2023: [
    '2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25',
    '2023-12-26',
  ],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
  2029: ['2029-01-01', '2029-03-30', '2029-04-02', '2029-05-07', '2029-05-28', '2029-08-27', '2029-12-25', '2029-12-26'],
  2030: ['2030-01-01', '2030-04-19', '2030-04-22', '2030-05-06', '2030-05-27', '2030-08-26', '2030-12-25', '2030-12-26'],
};

/** Easter Sundays (Gregorian), from published tables. */
const EASTER_SUNDAY: Record<number, IsoDate> = {
  2020: '2020-04-12', 2021: '2021-04-04', 2022: '2022-04-17', 2023: '2023-04-09', 2024: '2024-03-31',
  2025: '2025-04-20', 2026: '2026-04-05', 2027: '2027-03-28', 2028: '2028-04-16', 2029: '2029-04-01',
  2030: '2030-04-21',
};

const yearsOf = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const holidaysIn = (year: number) => cal.holidays().filter((h) => h.date.startsWith(`${year}-`)).map((h) => h.date);

describe('bank holiday data (shared/data/bank-holidays-england-and-wales.json)', () => {
  it('is valid, for England and Wales, covering 2020–2030', () => {
    expect(() => holidayDataSchema.parse(holidayData)).not.toThrow();
    expect(cal.division).toBe('england-and-wales');
    expect(cal.coverage).toEqual({ from: '2020-01-01', to: '2030-12-31' });
  });

  it.each(yearsOf(2020, 2030))('has exactly the expected bank holidays in %i', (year) => {
    expect(holidaysIn(year)).toEqual(EXPECTED[year]);
  });

  it('has no duplicates and every holiday falls on a weekday (substitutes included)', () => {
    const dates = holidayData.events.map((e) => e.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of dates) expect([0, 6], d).not.toContain(dayOfWeek(d));
  });

  it.each(yearsOf(2020, 2030))('puts Good Friday and Easter Monday around Easter Sunday in %i', (year) => {
    const easter = EASTER_SUNDAY[year]!;
    expect(cal.holidayTitle(addCalendarDays(easter, -2))).toBe('Good Friday');
    expect(cal.holidayTitle(addCalendarDays(easter, 1))).toBe('Easter Monday');
  });

  it.each(yearsOf(2020, 2030).filter((y) => y !== 2020))('has the early May bank holiday on the first Monday of May %i', (year) => {
    const early = holidaysIn(year).find((d) => cal.holidayTitle(d) === 'Early May bank holiday');
    expect(early).toBeDefined();
    expect(dayOfWeek(early!)).toBe(1);
    expect(Number(early!.slice(8))).toBeLessThanOrEqual(7);
  });

  it.each(yearsOf(2020, 2030).filter((y) => y !== 2022))('has spring and summer bank holidays on the last Mondays of May and August %i', (year) => {
    const spring = holidaysIn(year).find((d) => cal.holidayTitle(d) === 'Spring bank holiday')!;
    const summer = holidaysIn(year).find((d) => cal.holidayTitle(d) === 'Summer bank holiday')!;
    for (const [d, month] of [[spring, '05'], [summer, '08']] as const) {
      expect(dayOfWeek(d)).toBe(1);
      expect(d.slice(5, 7)).toBe(month);
      expect(addCalendarDays(d, 7).slice(5, 7)).not.toBe(month);
    }
  });

  it('has the one-off and moved holidays', () => {
    expect(cal.isHoliday('2020-05-08')).toBe(true); // VE day: early May moved to a Friday
    expect(cal.isHoliday('2020-05-04')).toBe(false);
    expect(cal.isHoliday('2022-06-02')).toBe(true); // spring bank holiday moved for the Jubilee
    expect(cal.isHoliday('2022-05-30')).toBe(false);
    expect(cal.holidayTitle('2022-06-03')).toBe('Platinum Jubilee bank holiday');
    expect(cal.holidayTitle('2022-09-19')).toMatch(/State Funeral of Queen Elizabeth II/);
    expect(cal.holidayTitle('2023-05-08')).toMatch(/coronation of King Charles III/);
  });

  it('has the substitute days when Christmas, Boxing Day or New Year fall at a weekend', () => {
    // Christmas on a Friday: Boxing Day moves to Monday 28th.
    expect(cal.isHoliday('2020-12-28')).toBe(true);
    expect(cal.isHoliday('2026-12-28')).toBe(true);
    // Christmas on a Saturday: Monday 27th and Tuesday 28th.
    expect([cal.isHoliday('2021-12-27'), cal.isHoliday('2021-12-28')]).toEqual([true, true]);
    expect([cal.isHoliday('2027-12-27'), cal.isHoliday('2027-12-28')]).toEqual([true, true]);
    // Christmas on a Sunday: Boxing Day Monday 26th, Christmas substitute Tuesday 27th.
    expect([cal.isHoliday('2022-12-26'), cal.isHoliday('2022-12-27')]).toEqual([true, true]);
    // New Year on a Saturday or Sunday: the Monday after.
    expect(cal.isHoliday('2022-01-03')).toBe(true);
    expect(cal.isHoliday('2023-01-02')).toBe(true);
    expect(cal.isHoliday('2028-01-03')).toBe(true);
    expect(holidayData.events.filter((e) => e.notes === 'Substitute day')).toHaveLength(10);
  });
});

describe('HolidayCalendar', () => {
  it('knows working days: not weekends, not bank holidays', () => {
    expect(cal.isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(cal.isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-11-22')).toBe(false); // Sunday
    expect(cal.isWorkingDay('2026-12-25')).toBe(false);
    expect(cal.isWorkingDay('2026-12-24')).toBe(true); // Christmas Eve is a working day
  });

  it('reports coverage, and outside it skips weekends only', () => {
    expect(cal.covers('2020-01-01')).toBe(true);
    expect(cal.covers('2030-12-31')).toBe(true);
    expect(cal.covers('2019-12-31')).toBe(false);
    expect(cal.covers('2031-01-01')).toBe(false);
    expect(cal.isWorkingDay('2031-12-25')).toBe(true); // unknown holidays: a data update is needed
  });

  it('builds from any list of dates or events, validating them', () => {
    const custom = new HolidayCalendar(['2026-11-24', { date: '2026-11-25', title: 'Force training day' }]);
    expect(custom.isWorkingDay('2026-11-24')).toBe(false);
    expect(custom.holidayTitle('2026-11-25')).toBe('Force training day');
    expect(custom.coverage).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(() => new HolidayCalendar(['2026-02-30'])).toThrow(RangeError);
    expect(() => HolidayCalendar.fromData({ division: 'x', events: [{ date: '2026-13-01', title: 'Bad' }] })).toThrow();
    expect(() => HolidayCalendar.fromData({ division: 'x', events: [{ date: '2026-12-01' }] })).toThrow();
  });

  it('adds a proclaimed holiday without changing the original', () => {
    const extended = cal.withHolidays([{ date: '2029-06-04', title: 'Proclaimed bank holiday' }]);
    expect(extended.isWorkingDay('2029-06-04')).toBe(false);
    expect(cal.isWorkingDay('2029-06-04')).toBe(true);
    expect(extended.coverage).toEqual(cal.coverage);
    expect(extended.isHoliday('2026-12-25')).toBe(true);
  });

  it('WEEKENDS_ONLY has no holidays and no coverage', () => {
    expect(WEEKENDS_ONLY.isWorkingDay('2026-12-25')).toBe(true);
    expect(WEEKENDS_ONLY.coverage).toBeNull();
    expect(WEEKENDS_ONLY.covers('2026-12-25')).toBe(false);
  });

  it('finds the next and previous working day', () => {
    expect(cal.nextWorkingDay('2026-11-20')).toBe('2026-11-23');
    expect(cal.nextWorkingDay('2026-11-23')).toBe('2026-11-24');
    expect(cal.previousWorkingDay('2026-11-23')).toBe('2026-11-20');
    expect(cal.previousWorkingDay('2027-01-04')).toBe('2026-12-31');
    expect(cal.workingDayOnOrAfter('2026-11-23')).toBe('2026-11-23');
    expect(cal.workingDayOnOrAfter('2026-12-25')).toBe('2026-12-29');
  });
});

describe('addWorkingDays', () => {
  it('does not count the start day', () => {
    expect(cal.addWorkingDays('2026-11-23', 1)).toBe('2026-11-24');
    expect(cal.addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday → Monday
    expect(cal.addWorkingDays('2026-11-20', 2)).toBe('2026-11-24');
  });

  it('from a weekend day counts from the next working day, like from the Friday', () => {
    expect(cal.addWorkingDays('2026-11-21', 1)).toBe('2026-11-23'); // Saturday
    expect(cal.addWorkingDays('2026-11-22', 2)).toBe('2026-11-24'); // Sunday
    expect(cal.addWorkingDays('2026-11-21', 2)).toBe(cal.addWorkingDays('2026-11-20', 2));
  });

  it('n = 0 means the date itself, or the next working day if it is not one', () => {
    expect(cal.addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(cal.addWorkingDays('2026-11-21', 0)).toBe('2026-11-23');
    expect(cal.addWorkingDays('2026-04-03', 0)).toBe('2026-04-07'); // Good Friday → Tuesday
  });

  it('spans Christmas and New Year 2026–27 (Boxing Day substitute on 28 December)', () => {
    expect(cal.addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(cal.addWorkingDays('2026-12-24', 2)).toBe('2026-12-30');
    expect(cal.addWorkingDays('2026-12-24', 3)).toBe('2026-12-31');
    expect(cal.addWorkingDays('2026-12-24', 4)).toBe('2027-01-04');
    expect(cal.addWorkingDays('2026-12-18', 10)).toBe('2027-01-06');
  });

  it('spans Christmas and New Year 2027–28 (three substitute days)', () => {
    expect(cal.addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
    expect(cal.addWorkingDays('2027-12-24', 3)).toBe('2027-12-31');
    expect(cal.addWorkingDays('2027-12-24', 4)).toBe('2028-01-04');
  });

  it('spans Easter, including an Easter straddling March and April', () => {
    expect(cal.addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(cal.addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
    expect(cal.addWorkingDays('2024-03-28', 1)).toBe('2024-04-02');
  });

  it('spans the 2022 Jubilee four-day weekend', () => {
    expect(cal.addWorkingDays('2022-06-01', 1)).toBe('2022-06-06');
  });

  it('counts back for negative n', () => {
    expect(cal.addWorkingDays('2026-12-29', -1)).toBe('2026-12-24');
    expect(cal.addWorkingDays('2027-01-04', -4)).toBe('2026-12-24');
    expect(cal.addWorkingDays('2026-11-23', -1)).toBe('2026-11-20');
  });

  it('rejects fractional n and bad dates', () => {
    expect(() => cal.addWorkingDays('2026-11-23', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-11-31', 1)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after a, up to and including b', () => {
    expect(cal.workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1); // Fri → Mon
    expect(cal.workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(cal.workingDaysBetween('2026-11-20', '2026-11-21')).toBe(0); // Fri → Sat
    expect(cal.workingDaysBetween('2026-11-20', '2026-11-28')).toBe(5); // Fri → next Sat
    expect(cal.workingDaysBetween('2026-12-24', '2027-01-04')).toBe(4);
    expect(cal.workingDaysBetween('2026-01-01', '2026-12-31')).toBe(253); // 261 weekdays less 8 bank holidays
  });

  it('is negative when b is before a', () => {
    expect(cal.workingDaysBetween('2026-11-23', '2026-11-20')).toBe(-1);
    expect(cal.workingDaysBetween('2027-01-04', '2026-12-24')).toBe(-4);
  });

  it('inverts addWorkingDays for every pair of days around Christmas 2026', () => {
    for (let a: IsoDate = '2026-12-10'; a <= '2027-01-10'; a = addCalendarDays(a, 1)) {
      for (let n = 1; n <= 15; n++) {
        expect(cal.workingDaysBetween(a, cal.addWorkingDays(a, n)), `${a} + ${n}`).toBe(n);
      }
      // n = 0 rolls a non-working day forward to the next working day, which is then 1 away.
      expect(cal.workingDaysBetween(a, cal.addWorkingDays(a, 0))).toBe(cal.isWorkingDay(a) ? 0 : 1);
    }
  });
});

describe('end-of-day deadlines', () => {
  it('nextWorkingDayEnd: end of the next working day in London', () => {
    expect(cal.nextWorkingDayEnd('2026-12-24T16:00:00Z')).toEqual({
      dueOn: '2026-12-29',
      dueAt: '2026-12-29T23:59:59.999Z',
      dueAtMs: Date.UTC(2026, 11, 29, 23, 59, 59, 999),
    });
    // 23:30 UTC on Thursday 2 July is already Friday in London → next working day is Monday.
    expect(cal.nextWorkingDayEnd('2026-07-02T23:30:00Z').dueAt).toBe('2026-07-06T22:59:59.999Z');
    expect(cal.nextWorkingDayEnd('2026-07-02T22:30:00Z').dueAt).toBe('2026-07-03T22:59:59.999Z');
    expect(cal.nextWorkingDayEnd('2026-07-02').dueOn).toBe('2026-07-03');
  });

  it('workingDaysEnd: end of the n-th working day in London', () => {
    expect(cal.workingDaysEnd('2026-03-26', 2).dueAt).toBe('2026-03-30T22:59:59.999Z'); // after clocks go forward
    expect(cal.workingDaysEnd('2026-10-22', 2).dueAt).toBe('2026-10-26T23:59:59.999Z'); // after clocks go back
  });
});

describe('beyond the holiday data, and holidays declared later', () => {
  it('a date past the data says so (weekends only were skipped); a covered date does not', () => {
    expect(cal.beyondCoverage('2026-06-01')).toBeUndefined();
    expect(cal.beyondCoverage('2031-01-02')).toMatch(/past the end of the bank holiday data \(2030-12-31\)/);
    expect(WEEKENDS_ONLY.beyondCoverage('2026-06-01')).toMatch(/no bank holiday data/);
  });

  it('a declared holiday inside a working-day count moves its due day on one working day; outside it, or on a weekend, not', () => {
    // 10 working days from Mon 2026-06-01 is Mon 2026-06-15; a holiday on Wed 2026-06-03 takes one.
    const withIt = cal.withHolidays(['2026-06-03']);
    expect(dueOnAfterDeclaredHolidays('2026-06-01', '2026-06-15', ['2026-06-03'], withIt)).toBe('2026-06-16');
    expect(withIt.addWorkingDays('2026-06-01', 10)).toBe('2026-06-16');
    expect(dueOnAfterDeclaredHolidays('2026-06-01', '2026-06-15', ['2026-06-22'], cal.withHolidays(['2026-06-22']))).toBe('2026-06-15');
    expect(dueOnAfterDeclaredHolidays('2026-06-01', '2026-06-15', ['2026-06-06'], cal.withHolidays(['2026-06-06']))).toBe('2026-06-15');
  });
});
