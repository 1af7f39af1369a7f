// Investigations open beyond 12 months (DOMAIN.md "Statistics and their counting rules"; C&M reg
// 13: an investigation not finished 12 months after the complaint was recorded is reported to the
// local policing body and the IOPC). Counted at the period's last day: complaint cases handled by
// investigation (local, directed or independent), recorded under Schedule 3 twelve months or more
// before that day, and not finalised by it.
import { addMonths, compareIsoDates, londonDateOf } from '@probity/shared/domain/index';
import type { Period } from './period';
import { isComplaint, type CaseRow, type StatisticsRecord } from './record';

export const INVESTIGATION_MODES = ['local-investigation', 'directed-investigation', 'independent-investigation'] as const;

export function investigationsOpenBeyond12MonthsList(r: StatisticsRecord, p: Period): CaseRow[] {
  const recordedBy = addMonths(p.to, -12);
  return r.cases.filter(
    (c) =>
      isComplaint(c) &&
      (INVESTIGATION_MODES as readonly string[]).includes(c.handlingMode ?? '') &&
      c.schedule3At !== null &&
      compareIsoDates(londonDateOf(c.schedule3At.getTime()), recordedBy) <= 0 &&
      (c.finalisedAt === null || compareIsoDates(londonDateOf(c.finalisedAt.getTime()), p.to) > 0),
  );
}

export const investigationsOpenBeyond12Months = (r: StatisticsRecord, p: Period): number => investigationsOpenBeyond12MonthsList(r, p).length;
