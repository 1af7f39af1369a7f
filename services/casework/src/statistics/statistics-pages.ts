// The manager's statistics pages: the IOPC's figures for a period beside the same period last
// year, charts each beside its table, timeliness per stage and per SLA, the CSV download, and the
// cases behind each number. Plain GET forms and links, so everything works with JavaScript off.
import { Router } from 'express';
import type { Db } from '@probity/shared/db/client';
import { labelOf } from '@probity/shared/domain/index';
import { fieldIssues } from '@probity/shared/http/errors';
import { humanise } from '@probity/shared/web/format';
import { formErrors } from '@probity/shared/web/form-errors';
import { notAllowed, type Render } from '@probity/shared/web/pages';
import { actorOfPage } from '../auth/staff';
import { mayOversee } from '../auth/roles';
import { caseHref } from '../tasks/task-links';
import { barChart } from './charts';
import { describePeriod, financialYearOf, fourQuartersTo, lastQuarter, periodOf, type Period } from './period';
import { reportCsv, reportSections, statisticsReport, type ReportRow } from './report';
import { drillDownFor, sendCsv, today } from './statistics-api';
import { drillDownQuerySchema, statisticsQuerySchema } from './statistics-query';
import type { DrillDown, DrillDownFilter } from './statistics-queries';

const NOT_ALLOWED = 'The statistics are for PSD managers and the head of PSD.';

/** What each drill-down lists, as a page heading. */
const DRILL_TITLES: Record<DrillDown, string> = {
  logged: 'Cases logged',
  contacted: 'Cases logged and contacted',
  'schedule-3': 'Cases logged under Schedule 3',
  category: 'Cases with allegations in a category',
  'finalised-outside-schedule-3': 'Cases finalised outside Schedule 3',
  'finalised-under-schedule-3': 'Cases finalised under Schedule 3',
  'open-beyond-12-months': 'Investigations open beyond 12 months',
  'reviews-received': 'Reviews received',
  'reviews-decided': 'Reviews decided',
  stage: 'Stages completed',
  sla: 'Tasks completed',
};

export function drillHref(period: Period, figure: DrillDown, filter: DrillDownFilter = {}): string {
  const q = new URLSearchParams({ figure, from: period.from, to: period.to });
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) q.set(k, String(v));
  return `/statistics/cases?${q.toString()}`;
}
const periodQuery = (p: Period) => `from=${p.from}&to=${p.to}`;
const shown = (row: Pick<ReportRow, 'value' | 'unit'>) => (row.value === null ? 'None' : `${row.value}${row.unit === '%' ? '%' : ''}`);

/** Quick choices: the last four quarters and the last two financial years. */
function periodChoices(now: string, current: Period) {
  const quarters = fourQuartersTo(lastQuarter(now)).reverse();
  const fy = financialYearOf(now);
  const years = [financialYearOf(`${Number(fy.from.slice(0, 4)) - 1}-06-01`), fy];
  return [...quarters, ...years].map((p) => ({ text: describePeriod(p), href: `/statistics?${periodQuery(p)}`, current: p.from === current.from && p.to === current.to }));
}

export function statisticsPages(deps: { db: Db; render: Render }): Router {
  const router = Router();

  router.get('/statistics', async (req, res) => {
    if (!mayOversee(actorOfPage(res))) return notAllowed(deps.render, res, NOT_ALLOWED);
    const parsed = statisticsQuerySchema.safeParse(req.query);
    const now = today();
    const period = parsed.success ? periodOf(parsed.data, now) : lastQuarter(now);
    const report = await statisticsReport(deps.db, period);
    const sections = reportSections(report).map((s) => ({
      ...s,
      rows: s.rows.map((r) => ({ ...r, shown: shown(r), shownLastYear: shown({ value: r.lastYear, unit: r.unit }), href: r.drill ? drillHref(period, r.drill.figure, r.drill.filter) : undefined })),
    }));
    const f = report.figures;
    const y = report.lastYear;
    const charts = {
      trend: barChart({ id: 'chart-trend', title: 'Cases logged per quarter', bars: report.trend.map((t) => ({ label: describePeriod(t.period).replace(/ \(.*\)$/, ''), value: t.cases })) }),
      categories: barChart({
        id: 'chart-categories',
        title: 'Allegations by category',
        bars: sections.find((s) => s.id === 'categories')!.rows.map((r) => ({ label: r.label, value: r.value, lastYear: r.lastYear })),
      }),
      finalise: barChart({
        id: 'chart-finalise',
        title: 'Average working days to finalise',
        unit: 'working days',
        bars: [
          { label: 'Outside Schedule 3', value: f.finalisedOutsideSchedule3.averageWorkingDays, lastYear: y.finalisedOutsideSchedule3.averageWorkingDays },
          { label: 'Under Schedule 3, including suspension', value: f.finalisedUnderSchedule3.averageWorkingDaysIncludingSuspension, lastYear: y.finalisedUnderSchedule3.averageWorkingDaysIncludingSuspension },
          { label: 'Under Schedule 3, excluding suspension', value: f.finalisedUnderSchedule3.averageWorkingDaysExcludingSuspension, lastYear: y.finalisedUnderSchedule3.averageWorkingDaysExcludingSuspension },
        ],
      }),
    };
    deps.render(
      res,
      'statistics.njk',
      {
        title: 'Statistics',
        period,
        periodText: describePeriod(period),
        lastYearText: describePeriod(report.lastYearPeriod),
        choices: periodChoices(now, period),
        values: parsed.success ? { from: period.from, to: period.to } : req.query,
        errors: parsed.success ? undefined : formErrors(fieldIssues(parsed.error)),
        csvHref: `/statistics.csv?${periodQuery(period)}`,
        sections,
        charts,
        trend: report.trend.map((t) => ({ ...t, text: describePeriod(t.period) })),
        stages: f.timeliness.stages.map((t) => ({
          ...t,
          href: drillHref(period, 'stage', { kind: t.kind, stage: t.stage }),
          breachesHref: drillHref(period, 'stage', { kind: t.kind, stage: t.stage, breached: true }),
        })),
        slas: f.timeliness.slas.map((t) => ({ ...t, href: drillHref(period, 'sla', { task: t.task }), breachesHref: drillHref(period, 'sla', { task: t.task, breached: true }) })),
        oversightHref: '/oversight',
      },
      parsed.success ? 200 : 400,
    );
  });

  router.get('/statistics.csv', async (req, res) => {
    if (!mayOversee(actorOfPage(res))) return notAllowed(deps.render, res, NOT_ALLOWED);
    const parsed = statisticsQuerySchema.safeParse(req.query);
    if (!parsed.success) return res.redirect(303, '/statistics');
    const period = periodOf(parsed.data, today());
    sendCsv(res, period, reportCsv(await statisticsReport(deps.db, period)));
  });

  router.get('/statistics/cases', async (req, res) => {
    const actor = actorOfPage(res);
    if (!mayOversee(actor)) return notAllowed(deps.render, res, NOT_ALLOWED);
    const parsed = drillDownQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      return deps.render(res, 'error.njk', { title: 'There is no such figure', lines: fieldIssues(parsed.error).map((i) => `${i.field}: ${i.message}`) }, 400);
    }
    const d = await drillDownFor(deps.db, actor, parsed.data);
    const filterText = Object.entries(d.filter)
      .map(([k, v]) => (k === 'category' ? (labelOf(String(d.filter.codeListVersion ?? 'iopc-2021-01'), String(v)) ?? humanise(String(v))) : k === 'codeListVersion' ? '' : v === true ? humanise(k) : humanise(String(v))))
      .filter(Boolean)
      .join(', ');
    deps.render(res, 'statistics-cases.njk', {
      title: `${DRILL_TITLES[d.figure]}${filterText ? `: ${filterText.toLowerCase()}` : ''}`,
      periodText: describePeriod(d.period),
      backLink: `/statistics?${periodQuery(d.period)}`,
      ...d,
      hasDays: d.cases.some((c) => c.workingDays !== null),
      hasExcluding: d.cases.some((c) => c.workingDaysExcludingSuspension !== null),
      cases: d.cases.map((c) => ({ ...c, href: caseHref(c.ref) })),
    });
  });
  return router;
}

