// The period a set of figures is counted over (DOMAIN.md "Statistics and their counting rules":
// "per period, beside the same period last year"). Any range of London dates, both ends included;
// quarters and years by default. Pure.
import { z } from 'zod';
import { addCalendarDays, addMonths, addYears, compareIsoDates, isIsoDate, isoDateSchema, londonDateOf, startOfLondonDayMs, type IsoDate } from '@probity/shared/domain/index';

export interface Period {
  /** First London date counted. */
  from: IsoDate;
  /** Last London date counted (inclusive). */
  to: IsoDate;
}

/** The longest range one request may ask for: ten years keeps a query bounded. */
export const MAX_PERIOD_DAYS = 3660;

const quarterStartMonth = (month: number) => month - ((month - 1) % 3);
const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec) a date is in. */
export function quarterOf(date: IsoDate): Period {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const start = `${y}-${pad(quarterStartMonth(m))}-01`;
  return { from: start, to: addCalendarDays(addMonths(start, 3), -1) };
}

/** The quarter before the one a date is in: "last quarter", the default period. */
export function lastQuarter(today: IsoDate): Period {
  return quarterOf(addCalendarDays(quarterOf(today).from, -1));
}

/** The financial year (1 April – 31 March) a date is in: the IOPC's bulletins are per financial year. */
export function financialYearOf(date: IsoDate): Period {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const start = m >= 4 ? y : y - 1;
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

/** The same dates a year earlier (29 February becomes 28 February). */
export function samePeriodLastYear(p: Period): Period {
  return { from: addYears(p.from, -1), to: addYears(p.to, -1) };
}

/** The quarters a period touches, oldest first (for a trend per quarter). */
export function quartersIn(p: Period): Period[] {
  const out: Period[] = [];
  for (let q = quarterOf(p.from); compareIsoDates(q.from, p.to) <= 0; q = quarterOf(addCalendarDays(q.to, 1))) out.push(q);
  return out;
}

/** The four quarters ending with the given one. */
export function fourQuartersTo(q: Period): Period[] {
  return quartersIn({ from: addMonths(quarterOf(q.from).from, -9), to: q.to });
}

/** The instants a period covers in London: [start, end). */
export function periodInstants(p: Period): { startMs: number; endMs: number } {
  return { startMs: startOfLondonDayMs(p.from), endMs: startOfLondonDayMs(addCalendarDays(p.to, 1)) };
}

/** Whether an instant falls in the period (by its London date). */
export const inPeriod = (at: Date | null | undefined, p: Period): at is Date => {
  if (!at) return false;
  const d = londonDateOf(at.getTime());
  return compareIsoDates(d, p.from) >= 0 && compareIsoDates(d, p.to) <= 0;
};

/** Whether a London date falls in the period. */
export const dateInPeriod = (d: IsoDate, p: Period) => compareIsoDates(d, p.from) >= 0 && compareIsoDates(d, p.to) <= 0;

/** ?from=&to= of the statistics API and pages (composed into other query schemas). */
export const periodFields = { from: isoDateSchema.optional(), to: isoDateSchema.optional() };

/**
 * Both or neither (then last quarter), `from` not after `to`, at most MAX_PERIOD_DAYS. Each refusal
 * names its field.
 */
export function checkPeriod(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  // A malformed date has its own issue already; compare only real dates.
  if ((q.from && !isIsoDate(q.from)) || (q.to && !isIsoDate(q.to))) return;
  if (q.from && !q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'give to (YYYY-MM-DD) with from' });
  if (q.to && !q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'give from (YYYY-MM-DD) with to' });
  if (q.from && q.to && compareIsoDates(q.from, q.to) > 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be on or after from' });
  if (q.from && q.to && compareIsoDates(addCalendarDays(q.from, MAX_PERIOD_DAYS), q.to) < 0) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `a period may be at most ${MAX_PERIOD_DAYS} days long` });
  }
}

export const periodQuerySchema = z.object(periodFields).superRefine(checkPeriod);

export function periodOf(q: { from?: string | undefined; to?: string | undefined }, today: IsoDate): Period {
  return q.from && q.to ? { from: q.from, to: q.to } : lastQuarter(today);
}

/** "1 July 2026 to 30 September 2026", or "Q3 2026 (July to September)" for a calendar quarter. */
export function describePeriod(p: Period): string {
  const q = quarterOf(p.from);
  const long = (d: IsoDate) => new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  if (q.from === p.from && q.to === p.to) {
    const month = (d: IsoDate) => new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', timeZone: 'UTC' });
    return `Q${(Number(p.from.slice(5, 7)) + 2) / 3} ${p.from.slice(0, 4)} (${month(p.from)} to ${month(p.to)})`;
  }
  return `${long(p.from)} to ${long(p.to)}`;
}
