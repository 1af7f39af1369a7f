// Cases finalised outside and under Schedule 3 and their average working days (DOMAIN.md
// "Statistics and their counting rules"). A case is finalised when all its allegations are
// (Case.finalisedAt); it counts in the period its London date of finalisation falls in, under the
// scheme it was finalised under. Each is timed from when it was logged under that scheme: outside
// Schedule 3 from logging; under Schedule 3 from being logged there (schedule3At — at assessment, or
// when a complainant dissatisfied after initial handling moved it). Under Schedule 3 the days are
// given including and excluding suspension (C&M reg 40; shared/src/domain/suspension.ts).
import { londonDateOf, workingDaysExcludingSuspension, type HolidayCalendar, ENGLAND_AND_WALES } from '@probity/shared/domain/index';
import { mean, workingDays } from '@probity/shared/domain/measures';
import { inPeriod, type Period } from './period';
import { isComplaint, type CaseRow, type StatisticsRecord } from './record';

export const finalisedIn = (r: StatisticsRecord, p: Period, handling: 'outside-schedule-3' | 'schedule-3'): CaseRow[] =>
  r.cases.filter((c) => isComplaint(c) && c.handling === handling && inPeriod(c.finalisedAt, p));

/** Cases finalised outside Schedule 3, and their average working days logged → finalised. */
export function finalisedOutsideSchedule3(r: StatisticsRecord, p: Period, cal?: HolidayCalendar) {
  const cases = finalisedIn(r, p, 'outside-schedule-3');
  return { cases: cases.length, averageWorkingDays: mean(cases.map((c) => workingDays(c.loggedAt, c.finalisedAt!, cal))) };
}

/** Working days a case under Schedule 3 took, logged there → finalised, and the same less its suspended working days. */
export function daysUnderSchedule3(c: CaseRow, r: StatisticsRecord, cal: HolidayCalendar = ENGLAND_AND_WALES): { including: number; excluding: number } {
  const from = londonDateOf((c.schedule3At ?? c.loggedAt).getTime());
  const to = londonDateOf(c.finalisedAt!.getTime());
  const periods = r.suspensions
    .filter((s) => s.caseId === c.id)
    .map((s) => ({ from: londonDateOf(s.startedAt.getTime()), ...(s.endedAt ? { to: londonDateOf(s.endedAt.getTime()) } : {}) }));
  return { including: cal.workingDaysBetween(from, to), excluding: workingDaysExcludingSuspension(from, to, periods, cal) };
}

/** Cases finalised under Schedule 3, and their average working days including and excluding suspension. */
export function finalisedUnderSchedule3(r: StatisticsRecord, p: Period, cal?: HolidayCalendar) {
  const days = finalisedIn(r, p, 'schedule-3').map((c) => daysUnderSchedule3(c, r, cal));
  return {
    cases: days.length,
    averageWorkingDaysIncludingSuspension: mean(days.map((d) => d.including)),
    averageWorkingDaysExcludingSuspension: mean(days.map((d) => d.excluding)),
  };
}
