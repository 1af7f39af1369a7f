// The complainant's view, with the case token instead of an account: see progress, ask for a
// review (C&M reg 29). A wrong or missing token answers 404, exactly like an unknown reference,
// so references cannot be probed. The token is taken from its header only: in a query string it
// would be written to every proxy's and browser's history.
import { z } from 'zod';
import type { Request, RequestHandler } from 'express';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { caseTokenMatches } from '@probity/shared/complaint/case-token';
import { HttpError } from '@probity/shared/http/errors';
import { operation, reply, type Api } from '@probity/shared/http/api';
import { COMMON_ERRORS, caseRefSchema, errors, isoDate, isoDateTime } from '@probity/shared/http/openapi';
import { WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { type ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';

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
  responses: { 200: { description: 'Progress of the complaint', schema: progressSchema }, 404: notYours, 429: COMMON_ERRORS[429] },
});

export const requestReview = operation({
  method: 'post',
  path: '/complaints/:ref/review',
  operationId: 'requestReview',
  summary: 'Ask for a review of the outcome (within 28 days of being told, C&M reg 29)',
  tags: ['public'],
  security: CASE_TOKEN,
  params: refParams,
  responses: {
    200: { description: 'The review request was accepted', schema: reviewAcceptedSchema },
    404: notYours,
    409: errors('The workflow refused the review (e.g. the review window is closed); `message` says why', ['review_refused']),
    429: COMMON_ERRORS[429],
    503: COMMON_ERRORS[503],
  },
});

export interface ProgressRoutesDeps {
  db: Db;
  log: Logger;
  workflows: ComplaintWorkflows;
  /** Rate limit for the token-protected public endpoints. */
  limiter: RequestHandler;
  /** How long the progress page waits for the workflow (review window) before answering without it. */
  stateTimeoutMs?: number;
}

export function progressRoutes(api: Api, deps: ProgressRoutesDeps): void {
  /** The case the token opens, or a 404 that says nothing about whether the reference exists. */
  const openCase = async (ref: string, req: Request) => {
    const row = await deps.db.case.findUnique({
      where: { ref },
      select: { id: true, ref: true, stage: true, receivedAt: true, updatedAt: true, closedAt: true, publicTokenHash: true },
    });
    if (!caseTokenMatches(req.get(CASE_TOKEN_HEADER)?.trim(), row?.publicTokenHash ?? null) || !row) {
      throw new HttpError(404, 'not_found', 'no complaint with that reference and token');
    }
    return row;
  };

  api.route(complaintProgress, deps.limiter, async ({ params }, req) => {
    const row = await openCase(params.ref, req);
    // The review window lives in the workflow; the page still answers if it cannot be asked.
    let reviewWindowClosesOn: string | undefined;
    try {
      const state = await deps.workflows.state(row.ref, deps.stateTimeoutMs ?? 2_000);
      reviewWindowClosesOn = state.reviewWindowClosesOn;
    } catch (err) {
      if (!(err instanceof WorkflowNotFound)) deps.log.debug({ ref: row.ref, err: (err as Error).message }, 'progress without workflow state');
    }
    return reply(200, {
      ref: row.ref,
      stage: row.stage,
      receivedAt: row.receivedAt.toISOString(),
      lastUpdatedAt: row.updatedAt.toISOString(),
      ...(row.closedAt && { closedAt: row.closedAt.toISOString() }),
      ...(reviewWindowClosesOn && { reviewWindowClosesOn }),
    });
  });

  api.route(requestReview, deps.limiter, async ({ params }, req) => {
    const row = await openCase(params.ref, req);
    try {
      const state = await deps.workflows.requestReview(row.ref, { by: { complainant: true } });
      deps.log.info({ caseId: row.id, ref: row.ref }, 'review requested by complainant');
      return reply(200, { ref: row.ref, stage: state.stage, reviews: state.reviews, ...(state.reviewWindowClosesOn && { reviewWindowClosesOn: state.reviewWindowClosesOn }) });
    } catch (err) {
      if (err instanceof WorkflowRefused) return reply(409, { error: 'review_refused', message: err.message } as const);
      if (err instanceof WorkflowNotFound) return reply(409, { error: 'review_refused', message: 'this complaint is not open for review' } as const);
      if (err instanceof WorkflowUnavailable) return reply(503, { error: 'unavailable', message: 'the case service is busy; try again shortly' } as const);
      throw err;
    }
  });
}
