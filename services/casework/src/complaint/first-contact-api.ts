// POST /complaints/first-contact: a complaint taken by a front-line officer, member of staff,
// supervisor or PSD at first contact (§3.2.2). If resolved there and then, the case is closed as
// resolved at first contact; otherwise it goes straight to PSD assessment. Answers like the public
// form: 202 with the reference and the complainant's case token.
import { z } from 'zod';
import type { Logger } from '@probity/shared/log';
import { actorOf, mayRecordFirstContact, requireActor, requireRole, type ActorAuth } from '@probity/shared/auth/bearer';
import { firstContactFormSchema } from '@probity/shared/complaint/complaint-form';
import { complaintReceipt, idempotencyHeader, receiptResponses, type ReceiptHooks } from '@probity/shared/complaint/complaint-receipt';
import type { IntakeStore } from '@probity/shared/complaint/complaint-store';
import { operation, type Api } from '@probity/shared/http/api';
import { errors } from '@probity/shared/http/openapi';
import { SIGNED_IN } from '../api-shapes';

export const recordFirstContact = operation({
  method: 'post',
  path: '/complaints/first-contact',
  operationId: 'recordFirstContactComplaint',
  summary: 'Record a complaint taken at first contact (§3.2.2)',
  description:
    'For front-line officers and staff, supervisors and PSD. If resolved there and then, the case is closed as resolved at first contact and the complaints team is told; otherwise it goes straight to PSD assessment. Nobody records a complaint about themselves or their own team (403 conflict_of_interest), and a complaint that must be recorded under Schedule 3 (the complainant wants it; possible crime or misconduct; death or serious injury; ECHR art 2/3; a mandatory IOPC referral category) cannot be resolved at first contact (422 first_contact_not_allowed, naming firstContact.resolved). A serious-corruption complaint is stored restricted.',
  tags: ['front-line'],
  headers: idempotencyHeader,
  body: firstContactFormSchema,
  responses: {
    ...receiptResponses,
    ...SIGNED_IN,
    403: errors("The role may not record complaints, or the recorder is a subject or in a subject's team", ['forbidden', 'conflict_of_interest'], { basis: z.string().optional() }),
    422: errors('The law requires it to be recorded under Schedule 3: it cannot be resolved at first contact (`field` is firstContact.resolved)', ['first_contact_not_allowed'], {
      field: z.string().optional(),
      basis: z.string().optional(),
    }),
  },
});

export interface FirstContactRoutesDeps extends Omit<ReceiptHooks, 'log'> {
  store: IntakeStore;
  log: Logger;
  auth: ActorAuth;
}

export function firstContactRoutes(api: Api, deps: FirstContactRoutesDeps): void {
  api.route(
    recordFirstContact,
    requireActor(deps.auth),
    requireRole(mayRecordFirstContact, 'record a complaint at first contact (front-line, supervisor or PSD)'),
    async ({ headers, body }, _req, res) => {
      const { firstContact, ...form } = body;
      const result = await deps.store.recordComplaint({ form, idempotencyKey: headers['Idempotency-Key'], firstContact: { by: actorOf(res), ...firstContact } });
      return complaintReceipt('first-contact', result, deps);
    },
  );
}
