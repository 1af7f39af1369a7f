// POST /complaints/first-contact: a complaint taken by a front-line officer, member of staff,
// supervisor or PSD at first contact (§3.2.2). If resolved there and then, the case is closed as
// resolved at first contact; otherwise it goes straight to PSD assessment. Answers like the public
// form: 202 with the reference and the complainant's case token.
import { Router } from 'express';
import type { Logger } from '@probity/shared/log';
import { actorOf, mayRecordFirstContact, requireActor, requireRole, type ActorAuth } from '@probity/shared/auth/bearer';
import { idempotencyKeyOf } from '@probity/shared/cases/idempotency';
import { firstContactFormSchema } from '@probity/shared/complaint/complaint-form';
import { sendComplaintReceipt, type ReceiptHooks } from '@probity/shared/complaint/complaint-receipt';
import type { IntakeStore } from '@probity/shared/complaint/complaint-store';
import { jsonBody, parseOr400 } from '@probity/shared/http/errors';

export interface FirstContactRoutesDeps extends Omit<ReceiptHooks, 'log'> {
  store: IntakeStore;
  log: Logger;
  auth: ActorAuth;
}

export function firstContactRoutes(deps: FirstContactRoutesDeps): Router {
  const router = Router();
  router.post(
    '/complaints/first-contact',
    requireActor(deps.auth),
    requireRole(mayRecordFirstContact, 'record a complaint at first contact (front-line, supervisor or PSD)'),
    ...jsonBody(),
    async (req, res) => {
      const idempotencyKey = idempotencyKeyOf(req);
      const { firstContact, ...form } = parseOr400(firstContactFormSchema, req.body);
      const by = actorOf(res);
      const result = await deps.store.recordComplaint({ form, idempotencyKey, firstContact: { by, ...firstContact } });
      sendComplaintReceipt(res, 'first-contact', result, deps);
    },
  );
  return router;
}
