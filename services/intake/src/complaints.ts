// POST /complaints (the public form, no login) and POST /complaints/first-contact (a complaint
// taken by a front-line officer or supervisor, §3.2.2). Both answer 202 with the reference and the
// complainant's case token; a retry with the same Idempotency-Key answers the same.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Logger } from '@probity/shared/log';
import { complaintFormSchema, firstContactFormSchema } from './complaint-form';
import { jsonBody, parseOr400, sendError, validationFailed } from '@probity/shared/http/errors';
import { actorOf, mayRecordFirstContact, requireActor, requireRole } from '@probity/shared/auth/bearer';
import type { ActorAuth } from '@probity/shared/auth/bearer';
import type { IntakeResult, IntakeStore } from './intake-store';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export const idempotencyKeySchema = z
  .string()
  .min(8, 'Idempotency-Key must be at least 8 characters')
  .max(200, 'Idempotency-Key must be at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key must be printable ASCII without spaces');

export const progressUrlFor = (ref: string) => `/complaints/${encodeURIComponent(ref)}/progress`;

function idempotencyKeyOf(req: Request): string | undefined {
  const raw = req.get(IDEMPOTENCY_HEADER);
  if (raw === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(raw);
  if (!parsed.success) {
    throw validationFailed([{ field: IDEMPOTENCY_HEADER, message: parsed.error.issues[0]?.message ?? 'invalid' }], 'the Idempotency-Key header is not valid');
  }
  return parsed.data;
}

export interface ComplaintRoutesDeps {
  store: IntakeStore;
  log: Logger;
  auth: ActorAuth;
  /** Rate limit for the public POST. */
  publicLimiter: RequestHandler;
  /** Called after a case is committed: wakes the outbox relay. */
  onAccepted?: () => void;
  onResult?: (path: 'public' | 'first-contact', outcome: IntakeResult['outcome']) => void;
}

export function complaintRoutes(deps: ComplaintRoutesDeps): Router {
  const router = Router();

  const answer = (res: Response, path: 'public' | 'first-contact', result: IntakeResult) => {
    deps.onResult?.(path, result.outcome);
    if (result.outcome === 'key-reused') {
      return sendError(res, 409, 'idempotency_key_reused', 'this Idempotency-Key was already used for a different request');
    }
    const { ref, caseId, token } = result.receipt;
    if (result.outcome === 'created') {
      deps.log.info({ caseId, ref, path }, 'complaint received');
      deps.onAccepted?.();
    } else {
      res.set('Idempotent-Replayed', 'true');
    }
    const progressUrl = progressUrlFor(ref);
    res.set('Cache-Control', 'no-store').location(progressUrl).status(202).json({ ref, caseId, token, progressUrl });
  };

  router.post('/complaints', deps.publicLimiter, ...jsonBody(), async (req, res) => {
    const idempotencyKey = idempotencyKeyOf(req);
    const form = parseOr400(complaintFormSchema, req.body);
    answer(res, 'public', await deps.store.recordComplaint({ form, idempotencyKey }));
  });

  router.post(
    '/complaints/first-contact',
    requireActor(deps.auth),
    requireRole(mayRecordFirstContact, 'record a complaint at first contact (front-line, supervisor or PSD)'),
    ...jsonBody(),
    async (req, res) => {
      const idempotencyKey = idempotencyKeyOf(req);
      const { firstContact, ...form } = parseOr400(firstContactFormSchema, req.body);
      const by = actorOf(res);
      answer(res, 'first-contact', await deps.store.recordComplaint({ form, idempotencyKey, firstContact: { by, ...firstContact } }));
    },
  );

  return router;
}
