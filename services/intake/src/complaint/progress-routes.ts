// The complainant's JSON API, with the case token in the X-Case-Token header (never in the query
// string, which proxies and access logs keep): see progress, ask for a review (C&M reg 29). A
// wrong or missing token answers 404, exactly like an unknown reference.
import { Router, type Request, type RequestHandler } from 'express';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { HttpError, jsonBody, parseOr400, sendError } from '@probity/shared/http/errors';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { caseForToken, progressOf, requestReview, reviewRequestSchema } from './complainant-access';

export const CASE_TOKEN_HEADER = 'X-Case-Token';

export interface ProgressRoutesDeps {
  db: Db;
  log: Logger;
  workflows: ComplaintWorkflows;
  /** Rate limit for the token-protected public endpoints. */
  limiter: RequestHandler;
  /** How long the progress answer waits for the workflow (review window) before answering without it. */
  stateTimeoutMs?: number;
}

export function progressRoutes(deps: ProgressRoutesDeps): Router {
  const router = Router();

  /** The case the header's token opens, or a 404 that says nothing about whether the reference exists. */
  const openCase = async (req: Request) => {
    const opened = await caseForToken(deps.db, String(req.params.ref), req.get(CASE_TOKEN_HEADER)?.trim());
    if (!opened) throw new HttpError(404, 'not_found', `no complaint with that reference and token (the token goes in the ${CASE_TOKEN_HEADER} header)`);
    return opened;
  };

  router.get('/complaints/:ref/progress', deps.limiter, async (req, res) => {
    const opened = await openCase(req);
    res.set('Cache-Control', 'no-store').json(await progressOf(deps, opened));
  });

  router.post('/complaints/:ref/review', deps.limiter, ...jsonBody(), async (req, res) => {
    const opened = await openCase(req);
    const body = parseOr400(reviewRequestSchema, req.body);
    const answer = await requestReview(deps, opened, body);
    res.set('Cache-Control', 'no-store');
    if (answer.kind === 'refused') return sendError(res, 409, 'review_refused', answer.reason);
    if (answer.kind === 'unavailable') return sendError(res, 503, 'unavailable', 'the case service is busy; try again shortly');
    const { state } = answer;
    res.json({ ref: opened.ref, stage: state.stage, reviews: state.reviews, ...(state.reviewWindowClosesOn && { reviewWindowClosesOn: state.reviewWindowClosesOn }) });
  });

  return router;
}
