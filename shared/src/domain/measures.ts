// The arithmetic every figure shares: working days between two instants (by their London dates,
// DOMAIN.md "Working days"), means, and percentiles the way PostgreSQL's percentile_cont takes
// them, so a figure counted here and one counted in SQL are the same number.
import { ENGLAND_AND_WALES, londonDateOf, type HolidayCalendar } from './index';

/** Working days from a's London date (excluded) to b's (included); 0 on the same day. */
export function workingDays(a: Date, b: Date, cal: HolidayCalendar = ENGLAND_AND_WALES): number {
  return cal.workingDaysBetween(londonDateOf(a.getTime()), londonDateOf(b.getTime()));
}

/** Arithmetic mean, or null for no values (a figure of "no cases" is not zero days). */
export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}

/** Continuous percentile (linear interpolation between ranks), as percentile_cont(p). */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((x, y) => x - y);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/**
 * percentile(values, p) of values given as a frequency table (each value and how many times it
 * occurs), without listing them: the same interpolation between the same ranks.
 */
export function percentileOfCounts(counts: readonly { value: number; count: number }[], p: number): number | null {
  const s = counts.filter((c) => c.count > 0).sort((x, y) => x.value - y.value);
  const total = s.reduce((t, c) => t + c.count, 0);
  if (!total) return null;
  const pos = p * (total - 1);
  const at = (rank: number) => {
    let seen = 0;
    for (const c of s) if ((seen += c.count) > rank) return c.value;
    return s.at(-1)!.value;
  };
  const lo = at(Math.floor(pos));
  return lo + (at(Math.ceil(pos)) - lo) * (pos - Math.floor(pos));
}

/** A share as a percentage, or null when there is nothing to share. */
export const percent = (part: number, whole: number): number | null => (whole ? (100 * part) / whole : null);

/** Figures are published to one decimal place. */
export const oneDecimal = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
