/**
 * Durations as the SLA policy writes them: exactly one unit per value, e.g. { workingDays: 2 }
 * or { months: 12 }. Working days need a holiday calendar; the others are civil-date
 * arithmetic (months clamp to month end).
 */
import { z } from 'zod';
import { addCalendarDays, addMonths, type IsoDate } from './civil-date';
import type { HolidayCalendar } from './calendar';

const amount = z.number().int().nonnegative();

export const durationSchema = z.union([
  z.strictObject({ workingDays: amount }),
  z.strictObject({ calendarDays: amount }),
  z.strictObject({ weeks: amount }),
  z.strictObject({ months: amount }),
  z.strictObject({ years: amount }),
]);
export type Duration = z.infer<typeof durationSchema>;

export type DurationUnit = 'workingDays' | 'calendarDays' | 'weeks' | 'months' | 'years';

export function durationParts(d: Duration): { unit: DurationUnit; amount: number } {
  if ('workingDays' in d) return { unit: 'workingDays', amount: d.workingDays };
  if ('calendarDays' in d) return { unit: 'calendarDays', amount: d.calendarDays };
  if ('weeks' in d) return { unit: 'weeks', amount: d.weeks };
  if ('months' in d) return { unit: 'months', amount: d.months };
  return { unit: 'years', amount: d.years };
}

export function makeDuration(unit: DurationUnit, amount: number): Duration {
  return { [unit]: amount } as Duration;
}

/** Human wording, e.g. "10 working days", "1 month". */
export function describeDuration(d: Duration): string {
  const { unit, amount } = durationParts(d);
  const words: Record<DurationUnit, [string, string]> = {
    workingDays: ['working day', 'working days'],
    calendarDays: ['day', 'days'],
    weeks: ['week', 'weeks'],
    months: ['month', 'months'],
    years: ['year', 'years'],
  };
  const [one, many] = words[unit];
  return `${amount} ${amount === 1 ? one : many}`;
}

/**
 * date + duration × times. times may be negative (count back, e.g. reminders before a due
 * day). Working days follow HolidayCalendar.addWorkingDays: the start day is not counted,
 * and a total of 0 working days means "date, or the next working day if date is not one".
 */
export function addDuration(date: IsoDate, duration: Duration, cal: HolidayCalendar, times = 1): IsoDate {
  if (!Number.isInteger(times)) throw new RangeError(`times must be an integer, got ${times}`);
  const { unit, amount: n } = durationParts(duration);
  const total = n * times;
  switch (unit) {
    case 'workingDays':
      return cal.addWorkingDays(date, total);
    case 'calendarDays':
      return addCalendarDays(date, total);
    case 'weeks':
      return addCalendarDays(date, total * 7);
    case 'months':
      return addMonths(date, total);
    case 'years':
      return addMonths(date, total * 12);
  }
}

/**
 * The n-th (1-based) date of a repeating schedule: anchor + first, then + every each time.
 * Computed from the anchor, not chained from the previous date, so month-end clamping can't
 * drift (opened 31 Aug: 12 months → 31 Aug, 18 months → 28/29 Feb, 24 months → 31 Aug).
 */
export function nthOccurrence(
  anchor: IsoDate,
  first: Duration,
  every: Duration,
  n: number,
  cal: HolidayCalendar,
): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Occurrence number must be 1 or more, got ${n}`);
  const f = durationParts(first);
  const e = durationParts(every);
  if (f.unit === e.unit) return addDuration(anchor, makeDuration(f.unit, f.amount + e.amount * (n - 1)), cal);
  return addDuration(addDuration(anchor, first, cal), every, cal, n - 1);
}
