/**
 * Working days: Monday–Friday that are not bank holidays of England and Wales (DOMAIN.md,
 * "Working days"). The holidays are data (shared/data/…json), not code, so a new proclamation
 * is a data change. Outside the data's coverage only weekends are skipped — check `covers()`.
 */
import { z } from 'zod';
import englandAndWalesData from '../../data/bank-holidays-england-and-wales.json';
import {
  addCalendarDays,
  compareIsoDates,
  isIsoDate,
  isWeekend,
  parseIsoDate,
  toDayNumber,
  type IsoDate,
} from './civil-date';
import { deadlineAtEndOf, toLondonDate, type Anchor, type Deadline } from './london-time';

// Re-exported so that "calendar" is where a newcomer finds all day arithmetic.
export { addCalendarDays, addMonths, addYears, calendarDaysBetween, isWeekend, type IsoDate } from './civil-date';

export const isoDateSchema = z.string().refine(isIsoDate, { message: 'Expected a real date as YYYY-MM-DD' });

export const holidayEventSchema = z.object({
  date: isoDateSchema,
  title: z.string().min(1),
  notes: z.string().optional(),
});
export type HolidayEvent = z.infer<typeof holidayEventSchema>;

export const holidayDataSchema = z.object({
  division: z.string().min(1),
  /** Inclusive range the list is complete for; derived from the events' years if absent. */
  coverage: z.object({ from: isoDateSchema, to: isoDateSchema }).optional(),
  events: z.array(holidayEventSchema),
});
export type HolidayData = z.infer<typeof holidayDataSchema>;

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export interface HolidayCalendarOptions {
  division?: string;
  coverage?: DateRange;
}

export class HolidayCalendar {
  readonly division: string;
  /** Inclusive range in which the holiday list is known to be complete (null: no holidays). */
  readonly coverage: DateRange | null;
  private readonly events: ReadonlyMap<IsoDate, HolidayEvent>;

  constructor(holidays: Iterable<IsoDate | HolidayEvent>, options: HolidayCalendarOptions = {}) {
    const events = new Map<IsoDate, HolidayEvent>();
    for (const h of holidays) {
      const event = typeof h === 'string' ? { date: h, title: 'Holiday' } : { ...h };
      parseIsoDate(event.date); // throws on a malformed date: better now than a silent wrong deadline
      events.set(event.date, event);
    }
    this.events = events;
    this.division = options.division ?? 'custom';
    this.coverage = options.coverage ?? deriveCoverage([...events.keys()]);
  }

  /** Builds a calendar from data in the bank-holidays JSON shape, validating it. */
  static fromData(data: unknown): HolidayCalendar {
    const parsed = holidayDataSchema.parse(data);
    const options: HolidayCalendarOptions = { division: parsed.division };
    if (parsed.coverage) options.coverage = parsed.coverage;
    return new HolidayCalendar(parsed.events, options);
  }

  /** A copy with more holidays, e.g. a one-off proclaimed bank holiday. Coverage is kept. */
  withHolidays(extra: Iterable<IsoDate | HolidayEvent>): HolidayCalendar {
    const merged: (IsoDate | HolidayEvent)[] = [...this.holidays(), ...extra];
    const options: HolidayCalendarOptions = { division: this.division };
    if (this.coverage) options.coverage = this.coverage;
    return new HolidayCalendar(merged, options);
  }

  /** All holidays, in date order. */
  holidays(): HolidayEvent[] {
    return [...this.events.values()].sort((a, b) => compareIsoDates(a.date, b.date)).map((e) => ({ ...e }));
  }

  covers(date: IsoDate): boolean {
    return this.coverage !== null && date >= this.coverage.from && date <= this.coverage.to;
  }

  /**
   * Why a deadline counted in working days up to `date` cannot be trusted, or undefined: past the
   * end of the holiday data its bank holidays are unknown and only weekends were skipped, so the
   * date may be a day or more early.
   */
  beyondCoverage(date: IsoDate): string | undefined {
    if (this.covers(date)) return undefined;
    return this.coverage === null
      ? `no bank holiday data at all: ${date} counts weekends only`
      : `${date} is past the end of the bank holiday data (${this.coverage.to}): weekends only were skipped, so it may be early`;
  }

  isHoliday(date: IsoDate): boolean {
    parseIsoDate(date);
    return this.events.has(date);
  }

  holidayTitle(date: IsoDate): string | undefined {
    return this.events.get(date)?.title;
  }

  isWorkingDay(date: IsoDate): boolean {
    return !isWeekend(date) && !this.events.has(date);
  }

  /** The first working day strictly after date. */
  nextWorkingDay(date: IsoDate): IsoDate {
    let d = addCalendarDays(date, 1);
    while (!this.isWorkingDay(d)) d = addCalendarDays(d, 1);
    return d;
  }

  /** The last working day strictly before date. */
  previousWorkingDay(date: IsoDate): IsoDate {
    let d = addCalendarDays(date, -1);
    while (!this.isWorkingDay(d)) d = addCalendarDays(d, -1);
    return d;
  }

  /** date itself if it is a working day, else the next one. */
  workingDayOnOrAfter(date: IsoDate): IsoDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /**
   * The n-th working day after date; date itself is never counted, working day or not
   * (so "2 working days" from a Saturday is the Tuesday, the same as from the Friday).
   * n = 0 means "by date": date if it is a working day, else the next working day.
   * n < 0 counts back: the |n|-th working day before date (for reminders ahead of a due day).
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n)) throw new RangeError(`Working days must be an integer, got ${n}`);
    if (n === 0) return this.workingDayOnOrAfter(date);
    let d = date;
    const step = n > 0 ? (x: IsoDate) => this.nextWorkingDay(x) : (x: IsoDate) => this.previousWorkingDay(x);
    for (let i = 0; i < Math.abs(n); i++) d = step(d);
    return d;
  }

  /**
   * Working days in (a, b]: a excluded, b included — the number of working days "taken" from
   * a to b, so Friday → Monday is 1 and a Friday → the following Saturday is 5. Negative (and
   * symmetric) when b is before a. For a working day b: addWorkingDays(a, result) === b.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    if (to < from) return -this.workingDaysBetween(b, a);
    let count = 0;
    let d = a;
    for (let i = from; i < to; i++) {
      d = addCalendarDays(d, 1);
      if (this.isWorkingDay(d)) count++;
    }
    return count;
  }

  /**
   * The end (in London) of the first working day after the anchor's London date — e.g. the
   * IOPC referral default, "by the end of the next working day".
   */
  nextWorkingDayEnd(anchor: Anchor): Deadline {
    return deadlineAtEndOf(this.nextWorkingDay(toLondonDate(anchor)));
  }

  /** The end (in London) of the n-th working day after the anchor's London date. */
  workingDaysEnd(anchor: Anchor, n: number): Deadline {
    return deadlineAtEndOf(this.addWorkingDays(toLondonDate(anchor), n));
  }
}

function deriveCoverage(dates: IsoDate[]): DateRange | null {
  if (dates.length === 0) return null;
  const years = dates.map((d) => parseIsoDate(d).year);
  return { from: `${Math.min(...years)}-01-01`, to: `${Math.max(...years)}-12-31` };
}

/** Bank holidays of England and Wales, from shared/data (2020–2030). */
export const ENGLAND_AND_WALES: HolidayCalendar = HolidayCalendar.fromData(englandAndWalesData);

/** A calendar with no holidays at all (weekends only) — for tests and what-ifs. */
export const WEEKENDS_ONLY: HolidayCalendar = new HolidayCalendar([], { division: 'weekends-only' });

/**
 * A deadline counted in working days, after holidays were declared while it ran: each declared
 * holiday after `countedFrom` and on or before the due day took one of its working days, so it
 * moves on by one working day per such holiday (counted in the calendar that has them).
 */
export function dueOnAfterDeclaredHolidays(countedFrom: IsoDate, dueOn: IsoDate, declared: readonly IsoDate[], cal: HolidayCalendar): IsoDate {
  const taken = declared.filter((d) => compareIsoDates(d, countedFrom) > 0 && compareIsoDates(d, dueOn) <= 0 && !isWeekend(d)).length;
  return taken === 0 ? dueOn : cal.addWorkingDays(dueOn, taken);
}

/** A one-off bank holiday (e.g. proclaimed for a state occasion), given to running workflows. */
export const declaredHolidaySchema = holidayEventSchema;
