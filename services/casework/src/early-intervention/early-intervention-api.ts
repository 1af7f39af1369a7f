// GET /early-intervention/flags, GET /early-intervention/flags/:flagId, POST …/:flagId/mark and
// GET /early-intervention/backtest: for PSD managers, the head of PSD, and line managers (the
// flags on officers they manage). A flag someone may not see answers as a missing one.
import { z } from 'zod';
import type { RequestHandler } from 'express';
import { actorOf, requireActor, requireRole, type ActorAuth } from '@probity/shared/auth/bearer';
import type { Db } from '@probity/shared/db/client';
import { addCalendarDays, addMonths } from '@probity/shared/domain/index';
import { FLAG_STATES } from '@probity/shared/early-intervention/flag-states';
import { FlagTransitionRefused, markFlag } from '@probity/shared/early-intervention/flag-store';
import { operation, reply, HttpError, type Api } from '@probity/shared/http/api';
import { COMMON_ERRORS, errors, isoDate } from '@probity/shared/http/openapi';
import { SIGNED_IN } from '../api-shapes';
import { mayOversee } from '../auth/roles';
import { today } from '../statistics/statistics-api';
import { backtestFor, flagFor, flagsFor, maySeeFlags, ratesFor } from './flag-queries';
import { flagMarkSchema, transitionOf } from './flag-form';

export const EARLY_INTERVENTION_TAG = { name: 'early-intervention', description: 'Flags on officers and teams with repeated complaints, their states and the rules behind them' };
const tags = ['early-intervention'];
const guarded = { ...SIGNED_IN, 403: COMMON_ERRORS[403] } as const;
const flagParams = z.object({ flagId: z.string().regex(/^EI-[0-9a-f]{12}$/, 'a flag id is EI- and 12 hex digits') });
const noFlag = errors('No such flag (or not one this person may see)', ['flag_not_found']);

const flagSummarySchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleVersion: z.string(),
  subjectKind: z.string(),
  subject: z.string(),
  reason: z.string(),
  cases: z.number().int(),
  state: z.enum(FLAG_STATES),
  raisedAt: z.string(),
});
const rateSchema = z.object({ ruleId: z.string(), closed: z.number().int(), falsePositives: z.number().int(), rate: z.number().nullable() });
const flagSchema = flagSummarySchema
  .omit({ cases: true })
  .extend({
    manager: z.string().nullable(),
    windowFrom: z.string(),
    windowTo: z.string(),
    acknowledged: z.object({ at: z.string(), by: z.string() }).nullable(),
    closed: z.object({ at: z.string(), by: z.string() }).nullable(),
    action: z.string().nullable(),
    falsePositiveWhy: z.string().nullable(),
    caseRefs: z.array(z.string()).describe('The cases behind the flag this person may see'),
    casesNotListed: z.number().int().describe('Cases behind the flag not listed to this person (restricted, or about their own team)'),
  })
  .meta({ id: 'EarlyInterventionFlag' });

export const listFlags = operation({
  method: 'get',
  path: '/early-intervention/flags',
  operationId: 'earlyInterventionFlags',
  summary: "The flags this person may see, newest first, with each rule's false-positive rate",
  tags,
  query: z.object({ state: z.enum(FLAG_STATES).optional() }),
  responses: { 200: { description: 'Flags and rates', schema: z.object({ flags: z.array(flagSummarySchema), rates: z.array(rateSchema) }) }, ...guarded },
});

export const getFlag = operation({
  method: 'get',
  path: '/early-intervention/flags/:flagId',
  operationId: 'earlyInterventionFlag',
  summary: 'One flag, with the cases behind it this person may see',
  tags,
  params: flagParams,
  responses: { 200: { description: 'The flag', schema: flagSchema }, ...guarded, 400: COMMON_ERRORS[400], 404: noFlag },
});

export const markFlagOp = operation({
  method: 'post',
  path: '/early-intervention/flags/:flagId/mark',
  operationId: 'markEarlyInterventionFlag',
  summary: 'Mark a flag: acknowledged, action taken (what) or false positive (why)',
  description: 'new → acknowledged → action-taken | false-positive; a closed flag stays closed. A refused move is a 409 saying why.',
  tags,
  params: flagParams,
  body: flagMarkSchema,
  responses: { 200: { description: 'The flag as it now is', schema: flagSchema }, ...guarded, 400: COMMON_ERRORS[400], 404: noFlag, 409: errors('The move is not allowed from the flag’s state', ['flag_refused']) },
});

export const backtestOp = operation({
  method: 'get',
  path: '/early-intervention/backtest',
  operationId: 'earlyInterventionBacktest',
  summary: 'What the rules in force would have flagged over a past period (the last 12 months by default), and when first (PSD managers)',
  tags,
  query: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
  responses: {
    200: {
      description: 'The flags the rules would have raised',
      schema: z.object({
        period: z.object({ from: z.string(), to: z.string() }),
        ruleVersion: z.string(),
        hits: z.array(z.object({ ruleId: z.string(), subjectKind: z.string(), subject: z.string(), firstFlaggedOn: z.string(), reason: z.string(), cases: z.number().int() })),
      }),
    },
    ...guarded,
    400: COMMON_ERRORS[400],
  },
});

/** The last 12 months to yesterday, or the period asked for (from ≤ to). */
export function backtestPeriod(q: { from?: string; to?: string }): { from: string; to: string } {
  const to = q.to ?? addCalendarDays(today(), -1);
  const from = q.from ?? addCalendarDays(addMonths(to, -12), 1);
  if (from > to) throw new HttpError(400, 'validation_failed', 'the period is not valid', { fields: [{ field: 'from', message: 'from must not be after to' }] });
  return { from, to };
}

/** Before the input is read: the flags are for PSD managers, the head of PSD and line managers. */
const requireFlagReader =
  (db: Db): RequestHandler =>
  (_req, res, next) => {
    maySeeFlags(db, actorOf(res)).then(
      (ok) => next(ok ? undefined : new HttpError(403, 'forbidden', 'early-intervention flags are for PSD managers, the head of PSD and line managers')),
      next,
    );
  };

export function earlyInterventionApiRoutes(api: Api, deps: { db: Db; auth: ActorAuth }): void {
  const { db } = deps;
  const readers = [requireActor(deps.auth), requireFlagReader(db)];
  api.route(listFlags, ...readers, async ({ query }, _req, res) => {
    const actor = actorOf(res);
    return reply(200, { flags: await flagsFor(db, actor, query), rates: await ratesFor(db, actor) });
  });
  api.route(getFlag, ...readers, async ({ params }, _req, res) => {
    const actor = actorOf(res);
    const flag = await flagFor(db, actor, params.flagId);
    if (!flag) throw new HttpError(404, 'flag_not_found', 'no such flag');
    return reply(200, flag);
  });
  api.route(markFlagOp, ...readers, async ({ params, body }, _req, res) => {
    const actor = actorOf(res);
    if (!(await flagFor(db, actor, params.flagId))) throw new HttpError(404, 'flag_not_found', 'no such flag');
    try {
      await markFlag(db, params.flagId, actor.id, transitionOf(body));
    } catch (err) {
      if (err instanceof FlagTransitionRefused) throw new HttpError(409, 'flag_refused', err.message);
      throw err;
    }
    return reply(200, (await flagFor(db, actor, params.flagId))!);
  });
  api.route(backtestOp, requireActor(deps.auth), requireRole(mayOversee, 'backtest the early-intervention rules (PSD managers and the head of PSD)'), async ({ query }) => {
    return reply(200, await backtestFor(db, backtestPeriod(query)));
  });
}
