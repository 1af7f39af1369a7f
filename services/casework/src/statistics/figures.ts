// The IOPC's figures for one period, from the pure counting rules (the statement of each rule;
// statistics-queries.ts counts the same in SQL, and its integration test proves them equal).
import type { HolidayCalendar } from '@probity/shared/domain/index';
import { oneDecimal } from '@probity/shared/domain/measures';
import { allegationsByCategory, type CategoryCount } from './categories';
import { finalisedOutsideSchedule3, finalisedUnderSchedule3 } from './finalisation';
import { allegationsLogged, averageWorkingDaysToFirstContact, averageWorkingDaysToLog, casesLogged, loggedUnderSchedule3, type Schedule3Share } from './logging';
import { investigationsOpenBeyond12Months } from './long-running';
import type { Period } from './period';
import type { StatisticsRecord } from './record';
import { reviewsByBody, type ReviewFigures } from './reviews';
import { slaTimeliness, stageTimeliness, type SlaTimeliness, type StageTimeliness } from './timeliness';

export interface Figures {
  period: Period;
  casesLogged: number;
  allegationsLogged: number;
  averageWorkingDaysToLog: number | null;
  averageWorkingDaysToFirstContact: number | null;
  schedule3: Schedule3Share;
  allegationsByCategory: CategoryCount[];
  finalisedOutsideSchedule3: { cases: number; averageWorkingDays: number | null };
  finalisedUnderSchedule3: { cases: number; averageWorkingDaysIncludingSuspension: number | null; averageWorkingDaysExcludingSuspension: number | null };
  investigationsOpenBeyond12Months: number;
  reviews: ReviewFigures[];
  timeliness: { stages: StageTimeliness[]; slas: SlaTimeliness[] };
}

export function figuresOf(r: StatisticsRecord, period: Period, cal?: HolidayCalendar): Figures {
  return {
    period,
    casesLogged: casesLogged(r, period),
    allegationsLogged: allegationsLogged(r, period),
    averageWorkingDaysToLog: averageWorkingDaysToLog(r, period, cal),
    averageWorkingDaysToFirstContact: averageWorkingDaysToFirstContact(r, period, cal),
    schedule3: loggedUnderSchedule3(r, period),
    allegationsByCategory: allegationsByCategory(r, period),
    finalisedOutsideSchedule3: finalisedOutsideSchedule3(r, period, cal),
    finalisedUnderSchedule3: finalisedUnderSchedule3(r, period, cal),
    investigationsOpenBeyond12Months: investigationsOpenBeyond12Months(r, period),
    reviews: reviewsByBody(r, period),
    timeliness: { stages: stageTimeliness(r, period, cal), slas: slaTimeliness(r, period, cal) },
  };
}

/** The figures as published: every average, percentage and percentile to one decimal place. */
export function published<T>(value: T): T {
  if (typeof value === 'number') return (Number.isInteger(value) ? value : oneDecimal(value)) as T;
  if (Array.isArray(value)) return value.map((v) => published(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, published(v)])) as T;
  }
  return value;
}
