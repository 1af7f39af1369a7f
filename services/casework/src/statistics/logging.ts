// Cases and allegations logged, days to log and to first contact, and the share logged under
// Schedule 3 with its reasons (DOMAIN.md "Statistics and their counting rules"). Counted over
// complaints whose London date of logging falls in the period; days are working days.
import { IOPC_SCHEDULE_3_REASONS, type HolidayCalendar } from '@probity/shared/domain/index';
import { mean, percent, workingDays } from '@probity/shared/domain/measures';
import { inPeriod, type Period } from './period';
import { isComplaint, type CaseRow, type StatisticsRecord } from './record';

/** The complaint cases logged in the period: the population of every "logged" figure. */
export const casesLoggedIn = (r: StatisticsRecord, p: Period): CaseRow[] => r.cases.filter((c) => isComplaint(c) && inPeriod(c.loggedAt, p));

/** Cases logged: complaint cases whose logging date is in the period. */
export const casesLogged = (r: StatisticsRecord, p: Period): number => casesLoggedIn(r, p).length;

/** Allegations logged: the allegations of the cases logged in the period (each allegation once). */
export function allegationsLogged(r: StatisticsRecord, p: Period): number {
  const ids = new Set(casesLoggedIn(r, p).map((c) => c.id));
  return r.allegations.filter((a) => ids.has(a.caseId)).length;
}

/** Average working days to log: received → logged, over the cases logged in the period. */
export const averageWorkingDaysToLog = (r: StatisticsRecord, p: Period, cal?: HolidayCalendar): number | null =>
  mean(casesLoggedIn(r, p).map((c) => workingDays(c.receivedAt, c.loggedAt, cal)));

/**
 * Average working days to first contact with the complainant: received → first contact, over the
 * cases logged in the period that have had it (a case not yet contacted is not counted as zero).
 */
export const averageWorkingDaysToFirstContact = (r: StatisticsRecord, p: Period, cal?: HolidayCalendar): number | null =>
  mean(casesLoggedIn(r, p).flatMap((c) => (c.firstContactAt ? [workingDays(c.receivedAt, c.firstContactAt, cal)] : [])));

export interface Schedule3Share {
  /** Cases logged in the period that are handled under Schedule 3 (at the time of counting). */
  cases: number;
  /** … as a % of the cases logged in the period. */
  percent: number | null;
  /** Per IOPC reason: the Schedule 3 cases with that reason, and their % of the Schedule 3 cases (a case may have several). */
  byReason: { reason: string; cases: number; percent: number | null }[];
}

/** % of cases logged under Schedule 3, and by reason (every IOPC reason listed, zeros too). */
export function loggedUnderSchedule3(r: StatisticsRecord, p: Period): Schedule3Share {
  const logged = casesLoggedIn(r, p);
  const sch3 = new Set(logged.filter((c) => c.handling === 'schedule-3').map((c) => c.id));
  const byReason = IOPC_SCHEDULE_3_REASONS.map((reason) => {
    const cases = new Set(r.schedule3Reasons.filter((x) => x.reason === reason && sch3.has(x.caseId)).map((x) => x.caseId)).size;
    return { reason, cases, percent: percent(cases, sch3.size) };
  });
  return { cases: sch3.size, percent: percent(sch3.size, logged.length), byReason };
}
