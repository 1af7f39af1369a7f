// POST /complaints: the public complaint form's JSON API (no sign-in). Answers 202 with the
// reference and the complainant's case token; a retry with the same Idempotency-Key answers the
// same. (Complaints taken by staff at first contact are recorded through the casework service.)
import type { RequestHandler } from 'express';
import type { Logger } from '@probity/shared/log';
import { complaintFormSchema } from '@probity/shared/complaint/complaint-form';
import { complaintReceipt, idempotencyHeader, receiptResponses, type ReceiptHooks } from '@probity/shared/complaint/complaint-receipt';
import type { IntakeStore } from '@probity/shared/complaint/complaint-store';
import { operation, type Api } from '@probity/shared/http/api';
import { ANYONE, COMMON_ERRORS } from '@probity/shared/http/openapi';
import { limitedHeaders, rateLimitHeaders, unavailableAnswer } from '../rate-limit';

export interface ComplaintRoutesDeps extends Omit<ReceiptHooks, 'log'> {
  store: IntakeStore;
  log: Logger;
  /** Rate limit for the public POST. */
  publicLimiter: RequestHandler;
}

export const makeComplaint = operation({
  method: 'post',
  path: '/complaints',
  operationId: 'makeComplaint',
  summary: 'Make a complaint (public form)',
  tags: ['public'],
  security: ANYONE,
  headers: idempotencyHeader,
  body: complaintFormSchema,
  responses: {
    ...receiptResponses,
    202: { ...receiptResponses[202], headers: { ...receiptResponses[202].headers, ...rateLimitHeaders } },
    429: { ...COMMON_ERRORS[429], headers: limitedHeaders },
    503: unavailableAnswer,
  },
});

export function complaintRoutes(api: Api, deps: ComplaintRoutesDeps): void {
  api.route(makeComplaint, deps.publicLimiter, async ({ headers, body }) =>
    complaintReceipt('public', await deps.store.recordComplaint({ form: body, idempotencyKey: headers['Idempotency-Key'] }), deps),
  );
}
