// The statistics report a manager reads (page), downloads (CSV) or fetches (JSON): the IOPC's
// figures for a period beside the same period last year, and the trend of the four quarters to
// the period's end. One list of rows feeds the page's tables and the CSV, so they never differ.
import type { Db } from '@probity/shared/db/client';
import { labelOf } from '@probity/shared/domain/index';
import { humanise } from '@probity/shared/web/format';
import { published, type Figures } from './figures';
import { fourQuartersTo, quarterOf, samePeriodLastYear, type Period } from './period';
import type { DrillDown, DrillDownFilter } from './statistics-queries';
import { countFigures, loggedPerPeriod } from './statistics-queries';

export interface StatisticsReport {
  period: Period;
  lastYearPeriod: Period;
  figures: Figures;
  lastYear: Figures;
  trend: { period: Period; cases: number; allegations: number }[];
}

export async function statisticsReport(db: Db, period: Period): Promise<StatisticsReport> {
  const lastYearPeriod = samePeriodLastYear(period);
  const [figures, lastYear, trend] = await Promise.all([countFigures(db, period), countFigures(db, lastYearPeriod), loggedPerPeriod(db, fourQuartersTo(quarterOf(period.to)))]);
  return published({ period, lastYearPeriod, figures, lastYear, trend });
}

export interface ReportRow {
  label: string;
  value: number | null;
  lastYear: number | null;
  unit?: '%' | 'working days';
  /** The cases behind the number (this period) */
  drill?: { figure: DrillDown; filter?: DrillDownFilter };
}
export interface ReportSection {
  id: string;
  title: string;
  rows: ReportRow[];
}

const categoryLabel = (version: string, code: string) => labelOf(version, code) ?? humanise(code);

/** Every figure of the report as labelled rows, in the IOPC bulletin's order. */
export function reportSections(r: StatisticsReport): ReportSection[] {
  const f = r.figures;
  const y = r.lastYear;
  const categories = [...new Map([...f.allegationsByCategory, ...y.allegationsByCategory].map((c) => [`${c.codeListVersion}:${c.category}`, c])).values()];
  const find = <T>(rows: T[], pick: (x: T) => boolean) => rows.find(pick);
  return [
    {
      id: 'logged',
      title: 'Cases and allegations logged',
      rows: [
        { label: 'Cases logged', value: f.casesLogged, lastYear: y.casesLogged, drill: { figure: 'logged' } },
        { label: 'Allegations logged', value: f.allegationsLogged, lastYear: y.allegationsLogged, drill: { figure: 'logged' } },
        { label: 'Average time to log a case', value: f.averageWorkingDaysToLog, lastYear: y.averageWorkingDaysToLog, unit: 'working days', drill: { figure: 'logged' } },
        { label: 'Average time to first contact with the complainant', value: f.averageWorkingDaysToFirstContact, lastYear: y.averageWorkingDaysToFirstContact, unit: 'working days', drill: { figure: 'contacted' } },
      ],
    },
    {
      id: 'schedule-3',
      title: 'Cases logged under Schedule 3',
      rows: [
        { label: 'Cases logged under Schedule 3', value: f.schedule3.cases, lastYear: y.schedule3.cases, drill: { figure: 'schedule-3' } },
        { label: 'Cases logged under Schedule 3 as a share of cases logged', value: f.schedule3.percent, lastYear: y.schedule3.percent, unit: '%', drill: { figure: 'schedule-3' } },
        ...f.schedule3.byReason.map((x) => ({
          label: `Reason: ${humanise(x.reason).toLowerCase()}`,
          value: x.percent,
          lastYear: find(y.schedule3.byReason, (z) => z.reason === x.reason)?.percent ?? null,
          unit: '%' as const,
          drill: { figure: 'schedule-3' as const, filter: { reason: x.reason } },
        })),
      ],
    },
    {
      id: 'categories',
      title: 'Allegations by category',
      rows: categories.map((c) => ({
        label: `${categoryLabel(c.codeListVersion, c.category)}${c.codeListVersion === 'iopc-2021-01' ? '' : ` (${c.codeListVersion})`}`,
        value: find(f.allegationsByCategory, (x) => x.codeListVersion === c.codeListVersion && x.category === c.category)?.allegations ?? 0,
        lastYear: find(y.allegationsByCategory, (x) => x.codeListVersion === c.codeListVersion && x.category === c.category)?.allegations ?? 0,
        drill: { figure: 'category' as const, filter: { category: c.category, codeListVersion: c.codeListVersion } },
      })),
    },
    {
      id: 'finalised',
      title: 'Cases finalised',
      rows: [
        { label: 'Cases finalised outside Schedule 3', value: f.finalisedOutsideSchedule3.cases, lastYear: y.finalisedOutsideSchedule3.cases, drill: { figure: 'finalised-outside-schedule-3' } },
        { label: 'Average time to finalise outside Schedule 3', value: f.finalisedOutsideSchedule3.averageWorkingDays, lastYear: y.finalisedOutsideSchedule3.averageWorkingDays, unit: 'working days', drill: { figure: 'finalised-outside-schedule-3' } },
        { label: 'Cases finalised under Schedule 3', value: f.finalisedUnderSchedule3.cases, lastYear: y.finalisedUnderSchedule3.cases, drill: { figure: 'finalised-under-schedule-3' } },
        {
          label: 'Average time to finalise under Schedule 3, including suspension',
          value: f.finalisedUnderSchedule3.averageWorkingDaysIncludingSuspension,
          lastYear: y.finalisedUnderSchedule3.averageWorkingDaysIncludingSuspension,
          unit: 'working days',
          drill: { figure: 'finalised-under-schedule-3' },
        },
        {
          label: 'Average time to finalise under Schedule 3, excluding suspension',
          value: f.finalisedUnderSchedule3.averageWorkingDaysExcludingSuspension,
          lastYear: y.finalisedUnderSchedule3.averageWorkingDaysExcludingSuspension,
          unit: 'working days',
          drill: { figure: 'finalised-under-schedule-3' },
        },
        { label: 'Investigations open beyond 12 months at the end of the period', value: f.investigationsOpenBeyond12Months, lastYear: y.investigationsOpenBeyond12Months, drill: { figure: 'open-beyond-12-months' } },
      ],
    },
    {
      id: 'reviews',
      title: 'Reviews',
      rows: f.reviews.flatMap((v) => {
        const w = find(y.reviews, (z) => z.body === v.body)!;
        const body = humanise(v.body).replace('IOPC', 'the IOPC').replace(/^Local/, 'the local');
        return [
          { label: `Reviews received by ${body}`, value: v.received, lastYear: w.received, drill: { figure: 'reviews-received' as const, filter: { body: v.body } } },
          { label: `Reviews decided by ${body}`, value: v.decided, lastYear: w.decided, drill: { figure: 'reviews-decided' as const, filter: { body: v.body } } },
          { label: `Reviews upheld by ${body}`, value: v.percentUpheld, lastYear: w.percentUpheld, unit: '%' as const, drill: { figure: 'reviews-decided' as const, filter: { body: v.body, upheld: true } } },
        ];
      }),
    },
  ];
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // Quote when needed; a leading =, +, - or @ would be a formula to a spreadsheet.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The report as CSV: one row per figure, this period beside the same period last year, then timeliness. */
export function reportCsv(r: StatisticsReport): string {
  const lines: (string | number | null)[][] = [
    ['section', 'figure', 'unit', `${r.period.from} to ${r.period.to}`, `${r.lastYearPeriod.from} to ${r.lastYearPeriod.to}`],
  ];
  for (const s of reportSections(r)) for (const row of s.rows) lines.push([s.title, row.label, row.unit ?? 'count', row.value, row.lastYear]);
  lines.push([], ['timeliness per stage', 'kind', 'stage', 'completed', 'median working days', '90th percentile working days', '% within SLA', 'breaches']);
  for (const t of r.figures.timeliness.stages) lines.push(['', t.kind, t.stage, t.completed, t.medianWorkingDays, t.p90WorkingDays, t.withinSlaPercent, t.breaches]);
  lines.push([], ['timeliness per SLA', 'task', 'completed', 'median working days', '90th percentile working days', '% within SLA', 'breaches', 'escalations']);
  for (const t of r.figures.timeliness.slas) lines.push(['', t.task, t.completed, t.medianWorkingDays, t.p90WorkingDays, t.withinSlaPercent, t.breaches, t.escalations]);
  return lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
