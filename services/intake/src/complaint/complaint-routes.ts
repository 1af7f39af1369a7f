// POST /complaints: the public complaint form's JSON API (no sign-in). Answers 202 with the
// reference and the complainant's case token; a retry with the same Idempotency-Key answers the
// same. (Complaints taken by staff at first contact are recorded through the casework service.)
import { Router, type RequestHandler } from 'express';
import type { Logger } from '@probity/shared/log';
import { idempotencyKeyOf } from '@probity/shared/cases/idempotency';
import { complaintFormSchema } from '@probity/shared/complaint/complaint-form';
import { sendComplaintReceipt, type ReceiptHooks } from '@probity/shared/complaint/complaint-receipt';
import type { IntakeStore } from '@probity/shared/complaint/complaint-store';
import { jsonBody, parseOr400 } from '@probity/shared/http/errors';

export interface ComplaintRoutesDeps extends Omit<ReceiptHooks, 'log'> {
  store: IntakeStore;
  log: Logger;
  /** Rate limit for the public POST. */
  publicLimiter: RequestHandler;
}

export function complaintRoutes(deps: ComplaintRoutesDeps): Router {
  const router = Router();
  router.post('/complaints', deps.publicLimiter, ...jsonBody(), async (req, res) => {
    const idempotencyKey = idempotencyKeyOf(req);
    const form = parseOr400(complaintFormSchema, req.body);
    sendComplaintReceipt(res, 'public', await deps.store.recordComplaint({ form, idempotencyKey }), deps);
  });
  return router;
}
