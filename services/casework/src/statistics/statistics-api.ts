// GET /statistics (JSON), /statistics.csv and /statistics/cases (the cases behind a number), for
// PSD managers and the head of PSD, as operations of the casework API (so OpenAPI and the answer
// checks cover them). ?from=&to= picks the period (last quarter by default); a bad query is a 400
// naming the field. Restricted (serious-corruption) cases are counted in every figure but listed
// only to those who may work them (DOMAIN.md "Restricted cases").
import { z } from 'zod';
import type { Response } from 'express';
import type { Actor } from '@probity/shared/auth';
import { actorOf, requireActor, requireRole, type ActorAuth } from '@probity/shared/auth/bearer';
import type { Db } from '@probity/shared/db/client';
import { londonDateOf, mayWorkRestrictedCases } from '@probity/shared/domain/index';
import { operation, reply, type Api } from '@probity/shared/http/api';
import { COMMON_ERRORS, isoDate } from '@probity/shared/http/openapi';
import { mayOversee } from '../auth/roles';
import { SIGNED_IN } from '../api-shapes';
import { DRILL_DOWNS } from './statistics-queries';
import { periodOf, type Period } from './period';
import { reportCsv, statisticsReport } from './report';
import { drillDownQuerySchema, drillFilterOf, statisticsQuerySchema, type DrillDownQuery } from './statistics-query';
import { casesBehind } from './statistics-queries';

export const STATISTICS_TAG = { name: 'statistics', description: "The IOPC's figures, timeliness and the cases behind each number (PSD managers, head of PSD)" };

export const today = () => londonDateOf(Date.now());

export const csvFilename = (period: Period) => `psd-statistics-${period.from}-to-${period.to}.csv`;

export function sendCsv(res: Response, period: Period, csv: string): void {
  res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${csvFilename(period)}"` });
  res.send(csv);
}

/** The cases behind a figure for this actor: restricted ones are left out (and counted) unless they may work them. */
export async function drillDownFor(db: Db, actor: Actor, q: DrillDownQuery) {
  const period = periodOf(q, today());
  const { total, cases } = await casesBehind(db, q.figure, period, drillFilterOf(q));
  const visible = mayWorkRestrictedCases(actor) ? cases : cases.filter((c) => !c.restricted);
  return { period, figure: q.figure, filter: drillFilterOf(q), total, listed: visible.length, restrictedNotListed: cases.length - visible.length, cases: visible };
}

const PERIOD_NOTE = 'from and to are London dates (YYYY-MM-DD, both included); give both or neither (the last complete quarter).';
const tags = ['statistics'];
const periodSchema = z.object({ from: isoDate, to: isoDate }).meta({ id: 'StatisticsPeriod' });
const managerErrors = { ...SIGNED_IN, 400: COMMON_ERRORS[400], 403: COMMON_ERRORS[403] } as const;

const reportSchema = z
  .looseObject({ period: periodSchema, lastYearPeriod: periodSchema })
  .describe('period, lastYearPeriod, figures, lastYear (the same figures a year before), trend (four quarters)')
  .meta({ id: 'StatisticsReport' });

const caseBehindSchema = z.object({
  ref: z.string(),
  kind: z.string(),
  restricted: z.boolean(),
  workingDays: z.number().nullable().describe('The working days this case adds to the figure (null where the figure is a count only)'),
  workingDaysExcludingSuspension: z.number().nullable().describe('Under Schedule 3: the working days less those suspended'),
});

const drillDownSchema = z
  .object({
    period: periodSchema,
    figure: z.enum(DRILL_DOWNS),
    filter: z.record(z.string(), z.union([z.string(), z.boolean()]).optional()).describe('The filter given, less the period and figure'),
    total: z.number().int(),
    listed: z.number().int(),
    restrictedNotListed: z.number().int().describe('Restricted cases counted in total but not listed to this person'),
    cases: z.array(caseBehindSchema),
  })
  .meta({ id: 'StatisticsCases' });

export const statistics = operation({
  method: 'get',
  path: '/statistics',
  operationId: 'statistics',
  summary: "The IOPC's figures for a period, beside the same period last year, with the trend of four quarters",
  description: `${PERIOD_NOTE} Days are working days; averages, percentages and percentiles to one decimal place; null where there is nothing to count.`,
  tags,
  query: statisticsQuerySchema,
  responses: { 200: { description: 'The figures', schema: reportSchema }, ...managerErrors },
});

export const statisticsCsv = operation({
  method: 'get',
  path: '/statistics.csv',
  operationId: 'statisticsCsv',
  summary: 'The same figures as CSV: one row per figure, this period beside last year, then timeliness per stage and per SLA',
  description: PERIOD_NOTE,
  tags,
  query: statisticsQuerySchema,
  responses: {
    200: {
      description: 'CSV',
      contentType: 'text/csv',
      schema: z.string(),
      headers: { 'Content-Disposition': { description: 'attachment, with a file name naming the period', schema: { type: 'string' } } },
    },
    ...managerErrors,
  },
});

export const statisticsCases = operation({
  method: 'get',
  path: '/statistics/cases',
  operationId: 'statisticsCases',
  summary: 'The cases behind one figure (restricted cases listed only to the counter-corruption unit and the head of PSD)',
  description: `${PERIOD_NOTE} category needs category; stage needs stage; sla needs task.`,
  tags,
  query: drillDownQuerySchema,
  responses: { 200: { description: 'The cases behind the figure, most days first', schema: drillDownSchema }, ...managerErrors },
});

export function statisticsApiRoutes(api: Api, deps: { db: Db; auth: ActorAuth }): void {
  const managers = [requireActor(deps.auth), requireRole(mayOversee, 'see the statistics (PSD managers and the head of PSD)')];
  api.route(statistics, ...managers, async ({ query }) => reply(200, { ...(await statisticsReport(deps.db, periodOf(query, today()))) }));
  api.route(statisticsCsv, ...managers, async ({ query }) => {
    const period = periodOf(query, today());
    return reply(200, reportCsv(await statisticsReport(deps.db, period)), {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${csvFilename(period)}"`,
    });
  });
  api.route(statisticsCases, ...managers, async ({ query }, _req, res) => reply(200, await drillDownFor(deps.db, actorOf(res), query)));
}
