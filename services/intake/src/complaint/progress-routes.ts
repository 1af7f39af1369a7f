// The complainant's JSON API, with the case token in the X-Case-Token header (never in the query
// string, which proxies and access logs keep): see progress, ask for a review (C&M reg 29). A
// wrong or missing token answers 404, exactly like an unknown reference, so references cannot be
// probed. The case lookup and the review itself are complainant-access.ts, shared with the pages.
import { z } from 'zod';
import type { RequestHandler, Response } from 'express';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { HttpError, parseOr400 } from '@probity/shared/http/errors';
import { operation, reply, type Api } from '@probity/shared/http/api';
import { COMMON_ERRORS, caseRefSchema, errors, isoDate, isoDateTime } from '@probity/shared/http/openapi';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { caseForToken, progressOf, requestReview as askForReview, reviewRequestSchema, type OpenedCase } from './complainant-access';
import { limitedHeaders, unavailableAnswer } from '../rate-limit';

export const CASE_TOKEN_HEADER = 'X-Case-Token';
const CASE_TOKEN: [Record<string, string[]>] = [{ caseToken: [] }];

const progressSchema = z
  .object({
    ref: z.string(),
    stage: z.string().meta({ examples: ['received', 'resolved-at-first-contact', 'assessment', 'handling', 'closed'] }),
    receivedAt: isoDateTime,
    lastUpdatedAt: isoDateTime,
    closedAt: isoDateTime.optional(),
    reviewWindowClosesOn: isoDate.optional().describe('Last day to ask for a review, once the outcome is sent'),
  })
  .meta({ id: 'Progress' });

const reviewAcceptedSchema = z
  .object({ ref: z.string(), stage: z.string(), reviews: z.number().int(), reviewWindowClosesOn: isoDate.optional() })
  .meta({ id: 'ReviewAccepted' });

const notYours = errors('Unknown reference, or a missing or wrong token (the two are indistinguishable)', ['not_found']);
const refParams = z.object({ ref: caseRefSchema });

export const complaintProgress = operation({
  method: 'get',
  path: '/complaints/:ref/progress',
  operationId: 'complaintProgress',
  summary: 'Where my complaint is',
  tags: ['public'],
  security: CASE_TOKEN,
  params: refParams,
  responses: { 200: { description: 'Progress of the complaint', schema: progressSchema }, 404: notYours, 429: { ...COMMON_ERRORS[429], headers: limitedHeaders }, 503: unavailableAnswer },
});

export const requestReview = operation({
  method: 'post',
  path: '/complaints/:ref/review',
  operationId: 'requestReview',
  summary: 'Ask for a review of the outcome (within 28 days of being told, C&M reg 29)',
  tags: ['public'],
  security: CASE_TOKEN,
  params: refParams,
  body: reviewRequestSchema.meta({ id: 'ReviewRequest' }),
  responses: {
    200: { description: 'The review request was accepted', schema: reviewAcceptedSchema },
    400: COMMON_ERRORS[400],
    404: notYours,
    409: errors('The workflow refused the review (e.g. the review window is closed); `message` says why', ['review_refused']),
    429: { ...COMMON_ERRORS[429], headers: limitedHeaders },
    503: COMMON_ERRORS[503],
  },
});

export interface ProgressRoutesDeps {
  db: Db;
  log: Logger;
  workflows: ComplaintWorkflows;
  /** Rate limit for the token-protected public endpoints. */
  limiter: RequestHandler;
  /** How long the progress answer waits for the workflow (review window) before answering without it. */
  stateTimeoutMs?: number;
}

export function progressRoutes(api: Api, deps: ProgressRoutesDeps): void {
  /**
   * The case the header's token opens, or a 404 that says nothing about whether the reference
   * exists (a malformed reference is a 400 naming it). A middleware, so it runs before the body is parsed: without the token, a bad body is
   * as "not found" as a good one.
   */
  const openCase: RequestHandler = async (req, res, next) => {
    try {
      const { ref } = parseOr400(refParams, req.params);
      const opened = await caseForToken(deps.db, ref, req.get(CASE_TOKEN_HEADER)?.trim());
      if (!opened) throw new HttpError(404, 'not_found', `no complaint with that reference and token (the token goes in the ${CASE_TOKEN_HEADER} header)`);
      res.locals.openedCase = opened;
      next();
    } catch (err) {
      next(err);
    }
  };
  const openedCase = (res: Response) => res.locals.openedCase as OpenedCase;

  api.route(complaintProgress, deps.limiter, openCase, async (_input, _req, res) => reply(200, await progressOf(deps, openedCase(res))));

  api.route(requestReview, deps.limiter, openCase, async ({ body }, _req, res) => {
    const opened = openedCase(res);
    const answer = await askForReview(deps, opened, body);
    if (answer.kind === 'refused') return reply(409, { error: 'review_refused', message: answer.reason } as const);
    if (answer.kind === 'unavailable') return reply(503, { error: 'unavailable', message: 'the case service is busy; try again shortly' } as const);
    const { state } = answer;
    return reply(200, { ref: opened.ref, stage: state.stage, reviews: state.reviews, ...(state.reviewWindowClosesOn && { reviewWindowClosesOn: state.reviewWindowClosesOn }) });
  });
}
