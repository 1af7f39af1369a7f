// GET /statistics (JSON), /statistics.csv and /statistics/cases (the cases behind a number), for
// PSD managers and the head of PSD. ?from=&to= picks the period (last quarter by default); a bad
// query is a 400 naming the field. Restricted (serious-corruption) cases are counted in every
// figure but listed only to those who may work them (DOMAIN.md "Restricted cases").
import { Router, type Response } from 'express';
import type { Actor } from '@probity/shared/auth';
import { actorOf, requireActor, requireRole, type ActorAuth } from '@probity/shared/auth/bearer';
import type { Db } from '@probity/shared/db/client';
import { londonDateOf, mayWorkRestrictedCases } from '@probity/shared/domain/index';
import { parseOr400 } from '@probity/shared/http/errors';
import { mayOversee } from '../auth/roles';
import { periodOf, type Period } from './period';
import { reportCsv, statisticsReport } from './report';
import { drillDownQuerySchema, drillFilterOf, statisticsQuerySchema, type DrillDownQuery } from './statistics-query';
import { casesBehind } from './statistics-queries';

export const today = () => londonDateOf(Date.now());

export function sendCsv(res: Response, period: Period, csv: string): void {
  res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="psd-statistics-${period.from}-to-${period.to}.csv"` });
  res.send(csv);
}

/** The cases behind a figure for this actor: restricted ones are left out (and counted) unless they may work them. */
export async function drillDownFor(db: Db, actor: Actor, q: DrillDownQuery) {
  const period = periodOf(q, today());
  const { total, cases } = await casesBehind(db, q.figure, period, drillFilterOf(q));
  const visible = mayWorkRestrictedCases(actor) ? cases : cases.filter((c) => !c.restricted);
  return { period, figure: q.figure, filter: drillFilterOf(q), total, listed: visible.length, restrictedNotListed: cases.length - visible.length, cases: visible };
}

export function statisticsApiRoutes(deps: { db: Db; auth: ActorAuth }): Router {
  const router = Router();
  const managers = [requireActor(deps.auth), requireRole(mayOversee, 'see the statistics (PSD managers and the head of PSD)')];
  router.get('/statistics', ...managers, async (req, res) => {
    res.json(await statisticsReport(deps.db, periodOf(parseOr400(statisticsQuerySchema, req.query), today())));
  });
  router.get('/statistics.csv', ...managers, async (req, res) => {
    const period = periodOf(parseOr400(statisticsQuerySchema, req.query), today());
    sendCsv(res, period, reportCsv(await statisticsReport(deps.db, period)));
  });
  router.get('/statistics/cases', ...managers, async (req, res) => {
    res.json(await drillDownFor(deps.db, actorOf(res), parseOr400(drillDownQuerySchema, req.query)));
  });
  return router;
}
