/**
 * Europe/London civil time without Intl or a tz database, so that workflow code gets the
 * same answer on every worker. UK rule (since 1996, EU-aligned): BST (UTC+1) runs from
 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
 */
import { addCalendarDays, daysInMonth, dayOfWeek, formatIsoDate, isIsoDate, parseIsoDate, type IsoDate } from './civil-date';

/** A point in time: an ISO timestamp WITH a zone ('…Z' or '…+01:00') or epoch milliseconds. */
export type Instant = string | number;

/** What a deadline can be counted from: a civil date, or an instant (its London date is used). */
export type Anchor = IsoDate | Instant;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

export function toEpochMs(instant: Instant): number {
  if (typeof instant === 'number') {
    if (!Number.isFinite(instant)) throw new RangeError(`Not a valid epoch time: ${instant}`);
    return instant;
  }
  // A timestamp without a zone would be read in the host's zone: refuse it.
  if (!ISO_INSTANT.test(instant)) {
    throw new RangeError(`Not an ISO timestamp with a zone: ${JSON.stringify(instant)}`);
  }
  parseIsoDate(instant.slice(0, 10)); // Date.parse would roll '02-30' over into March
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Not a valid timestamp: ${instant}`);
  return ms;
}

export function toIsoInstant(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** The last Sunday of a month, e.g. lastSundayOf(2026, 3) = '2026-03-29'. */
export function lastSundayOf(year: number, month: number): IsoDate {
  const last = formatIsoDate({ year, month, day: daysInMonth(year, month) });
  return addCalendarDays(last, -dayOfWeek(last));
}

/** The BST period of a year as UTC epoch ms: [startsAtMs, endsAtMs). */
export function britishSummerTime(year: number): { startsAtMs: number; endsAtMs: number } {
  const at0100Utc = (date: IsoDate): number => {
    const { year: y, month, day } = parseIsoDate(date);
    return Date.UTC(y, month - 1, day, 1);
  };
  return { startsAtMs: at0100Utc(lastSundayOf(year, 3)), endsAtMs: at0100Utc(lastSundayOf(year, 10)) };
}

/** London's offset from UTC at an instant, in minutes: 60 in BST, otherwise 0. */
export function londonOffsetMinutes(instant: Instant): 0 | 60 {
  const ms = toEpochMs(instant);
  const { startsAtMs, endsAtMs } = britishSummerTime(new Date(ms).getUTCFullYear());
  return ms >= startsAtMs && ms < endsAtMs ? 60 : 0;
}

/** The calendar day in London at an instant (23:30 UTC on 1 July is 2 July in London). */
export function londonDateOf(instant: Instant): IsoDate {
  const ms = toEpochMs(instant);
  const local = new Date(ms + londonOffsetMinutes(ms) * MS_PER_MINUTE);
  return formatIsoDate({ year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() });
}

/** A civil date is used as is; an instant becomes its London date. */
export function toLondonDate(anchor: Anchor): IsoDate {
  return typeof anchor === 'string' && isIsoDate(anchor) ? anchor : londonDateOf(anchor);
}

/** Epoch ms of 00:00 London time on a date (midnight is never in a clock-change gap). */
export function startOfLondonDayMs(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  const midnightAsIfUtc = Date.UTC(year, month - 1, day);
  // Local midnight is BST exactly when the UTC instant one hour earlier is in BST.
  const bstCandidate = midnightAsIfUtc - 60 * MS_PER_MINUTE;
  return londonOffsetMinutes(bstCandidate) === 60 ? bstCandidate : midnightAsIfUtc;
}

/** Epoch ms of the last millisecond (23:59:59.999) of a date in London: when a due day ends. */
export function endOfLondonDayMs(date: IsoDate): number {
  return startOfLondonDayMs(addCalendarDays(date, 1)) - 1;
}

/** ISO timestamp (UTC) of the end of a date in London, e.g. '2026-07-01T22:59:59.999Z'. */
export function endOfLondonDay(date: IsoDate): string {
  return toIsoInstant(endOfLondonDayMs(date));
}

/** Length of a London day in hours: 23 on the spring-forward Sunday, 25 in autumn, else 24. */
export function londonDayLengthHours(date: IsoDate): number {
  return (startOfLondonDayMs(addCalendarDays(date, 1)) - startOfLondonDayMs(date)) / (MS_PER_DAY / 24);
}

/** A due day and the instant it ends in London — what a durable timer waits for. */
export interface Deadline {
  dueOn: IsoDate;
  /** ISO timestamp (UTC) of the last millisecond of dueOn in London. */
  dueAt: string;
  dueAtMs: number;
}

export function deadlineAtEndOf(dueOn: IsoDate): Deadline {
  const dueAtMs = endOfLondonDayMs(dueOn);
  return { dueOn, dueAt: toIsoInstant(dueAtMs), dueAtMs };
}

