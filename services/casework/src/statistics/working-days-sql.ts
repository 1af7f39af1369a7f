// Working days in SQL, the same count as HolidayCalendar.workingDaysBetween: W(d) is the number
// of working days from Monday 5 January 1970 up to and including d (weekdays by arithmetic, less
// the bank holidays on or before d), so the working days in (a, b] are W(b) − W(a). The holidays
// are the calendar's data, passed as a parameter — never copied into SQL.
import { Prisma } from '@probity/shared/db/client';
import { ENGLAND_AND_WALES, isWeekend, type HolidayCalendar } from '@probity/shared/domain/index';

export type Sql = Prisma.Sql;

/** The London calendar date of a timestamp column (stored as UTC without a zone). */
export const londonDate = (column: string): Sql => Prisma.raw(`((${column} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London')::date`);

/** The calendar's weekday holidays (a holiday on a weekend changes no count). */
export const weekdayHolidays = (cal: HolidayCalendar = ENGLAND_AND_WALES): string[] => cal.holidays().map((h) => h.date).filter((d) => !isWeekend(d)).sort();

export class WorkingDaySql {
  constructor(private readonly holidays: string[]) {}

  static of(cal?: HolidayCalendar): WorkingDaySql {
    return new WorkingDaySql(weekdayHolidays(cal));
  }

  /**
   * W(d) for a SQL date expression. width_bucket over the sorted holidays is a binary search: the
   * number on or before d. The holidays are a scalar subquery so Postgres casts the parameter to
   * date[] once per statement (an InitPlan): as a bare cast it is parsed again for every row, which
   * was most of a statistics answer's time at 100,000 cases (BENCHMARKS.md).
   */
  number(date: Sql): Sql {
    return Prisma.sql`(((${date}) - DATE '1970-01-05') / 7 * 5 + LEAST(((${date}) - DATE '1970-01-05') % 7 + 1, 5)
      - width_bucket((${date}), (SELECT ${this.holidays}::date[])))`;
  }

  /** Working days in (from, to] between two SQL date expressions. */
  between(from: Sql, to: Sql): Sql {
    return Prisma.sql`(${this.number(to)} - ${this.number(from)})`;
  }
}

/** A JS instant as a SQL timestamp literal parameter (the columns are UTC timestamps without a zone). */
export const utcTimestamp = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
export const ts = (ms: number): Sql => Prisma.sql`${utcTimestamp(ms)}::timestamp`;
