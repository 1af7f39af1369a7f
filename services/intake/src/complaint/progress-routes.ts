// The complainant's view, with the case token instead of an account: see progress, ask for a
// review (C&M reg 29). A wrong or missing token answers 404, exactly like an unknown reference,
// so references cannot be probed.
import { Router, type Request, type RequestHandler } from 'express';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { caseTokenMatches } from '@probity/shared/complaint/case-token';
import { HttpError, sendError } from '@probity/shared/http/errors';
import { WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { type ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';

export const CASE_TOKEN_HEADER = 'X-Case-Token';

function presentedToken(req: Request): string | undefined {
  const header = req.get(CASE_TOKEN_HEADER);
  if (header) return header.trim();
  const q = req.query.token;
  return typeof q === 'string' && q.length > 0 ? q : undefined;
}

export interface ProgressRoutesDeps {
  db: Db;
  log: Logger;
  workflows: ComplaintWorkflows;
  /** Rate limit for the token-protected public endpoints. */
  limiter: RequestHandler;
  /** How long the progress page waits for the workflow (review window) before answering without it. */
  stateTimeoutMs?: number;
}

export function progressRoutes(deps: ProgressRoutesDeps): Router {
  const router = Router();

  /** The case the token opens, or a 404 that says nothing about whether the reference exists. */
  const openCase = async (req: Request) => {
    const ref = String(req.params.ref);
    const row = await deps.db.case.findUnique({
      where: { ref },
      select: { id: true, ref: true, stage: true, receivedAt: true, updatedAt: true, closedAt: true, publicTokenHash: true },
    });
    if (!caseTokenMatches(presentedToken(req), row?.publicTokenHash ?? null) || !row) {
      throw new HttpError(404, 'not_found', 'no complaint with that reference and token');
    }
    return row;
  };

  router.get('/complaints/:ref/progress', deps.limiter, async (req, res) => {
    const row = await openCase(req);
    // The review window lives in the workflow; the page still answers if it cannot be asked.
    let reviewWindowClosesOn: string | undefined;
    try {
      const state = await deps.workflows.state(row.ref, deps.stateTimeoutMs ?? 2_000);
      reviewWindowClosesOn = state.reviewWindowClosesOn;
    } catch (err) {
      if (!(err instanceof WorkflowNotFound)) deps.log.debug({ ref: row.ref, err: (err as Error).message }, 'progress without workflow state');
    }
    res.set('Cache-Control', 'no-store').json({
      ref: row.ref,
      stage: row.stage,
      receivedAt: row.receivedAt.toISOString(),
      lastUpdatedAt: row.updatedAt.toISOString(),
      ...(row.closedAt && { closedAt: row.closedAt.toISOString() }),
      ...(reviewWindowClosesOn && { reviewWindowClosesOn }),
    });
  });

  router.post('/complaints/:ref/review', deps.limiter, async (req, res) => {
    const row = await openCase(req);
    try {
      const state = await deps.workflows.requestReview(row.ref, { by: { complainant: true } });
      deps.log.info({ caseId: row.id, ref: row.ref }, 'review requested by complainant');
      res.set('Cache-Control', 'no-store').json({
        ref: row.ref,
        stage: state.stage,
        reviews: state.reviews,
        ...(state.reviewWindowClosesOn && { reviewWindowClosesOn: state.reviewWindowClosesOn }),
      });
    } catch (err) {
      if (err instanceof WorkflowRefused) return sendError(res, 409, 'review_refused', err.message);
      if (err instanceof WorkflowNotFound) return sendError(res, 409, 'review_refused', 'this complaint is not open for review');
      if (err instanceof WorkflowUnavailable) return sendError(res, 503, 'unavailable', 'the case service is busy; try again shortly');
      throw err;
    }
  });

  return router;
}

