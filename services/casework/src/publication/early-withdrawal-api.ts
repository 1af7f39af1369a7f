// POST /cases/:ref/publication/withdrawal: a PSD manager or the head of PSD withdraws a conduct
// matter's published hearing outcome before its period ends, with the reason. A reason naming
// anyone is a 400 on `reason`; the publication workflow's refusal (not a manager, already
// withdrawn) a 409 with the rule's reason.
import { z } from 'zod';
import { actorOf, requireActor, type ActorAuth } from '@probity/shared/auth/bearer';
import type { Db } from '@probity/shared/db/client';
import { operation, reply, HttpError, type Api } from '@probity/shared/http/api';
import { validationFailed } from '@probity/shared/http/errors';
import { COMMON_ERRORS, errors } from '@probity/shared/http/openapi';
import { apiCaseAccess } from '../access/case-access';
import { SIGNED_IN, caseAccessRefused, refParams, unavailable } from '../api-shapes';
import { loadConfig } from '@probity/shared/config';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { conductWorkflows, type ConductWorkflows } from '../conduct/conduct-workflows';
import { workflowFailure } from '../workflow-failure';
import { earlyWithdrawalSchema, publicationOfCase, withdrawPublicationEarly } from './early-withdrawal';

export const withdrawPublicationOp = operation({
  method: 'post',
  path: '/cases/:ref/publication/withdrawal',
  operationId: 'withdrawPublicationEarly',
  summary: 'Withdraw a published misconduct hearing outcome before its period ends (a PSD manager or the head of PSD), with the reason; the public page stops listing it at once',
  tags: ['conduct'],
  params: refParams,
  body: earlyWithdrawalSchema.meta({ id: 'EarlyWithdrawalBody' }),
  responses: {
    200: {
      description: 'The publication, withdrawn',
      schema: z.object({ ref: z.string(), status: z.literal('withdrawn'), withdrawnAt: z.string(), withdrawnEarly: z.boolean() }).meta({ id: 'EarlyWithdrawal' }),
    },
    ...SIGNED_IN,
    400: COMMON_ERRORS[400],
    403: caseAccessRefused,
    404: errors('No such case, or it has no published hearing outcome', ['not_found']),
    409: errors('The publication workflow refused: not a PSD manager or the head of PSD, or already withdrawn; `message` says which', ['withdrawal_refused']),
    503: unavailable,
  },
});

export function earlyWithdrawalApiRoutes(api: Api, deps: { db: Db; auth: ActorAuth; conductWorkflows?: ConductWorkflows }): void {
  const authenticated = requireActor(deps.auth);
  const workflows = deps.conductWorkflows ?? conductWorkflows(lazyTemporal(() => connectTemporalClient(loadConfig())));
  api.route(withdrawPublicationOp, authenticated, async ({ params: { ref }, body }, _req, res) => {
    const actor = actorOf(res);
    const caseId = await apiCaseAccess(deps.db, ref, actor, { need: 'work', what: 'publication', notFound: { message: `no case ${ref}` } });
    if (!(await publicationOfCase(deps.db, caseId))) throw new HttpError(404, 'not_found', `${ref} has no published hearing outcome`);
    try {
      const result = await withdrawPublicationEarly({ db: deps.db, workflows }, { caseId, ref }, actor, body);
      if (!result.ok) throw validationFailed([{ field: result.field, message: result.message }], result.message);
      return reply(200, { ref, status: 'withdrawn' as const, withdrawnAt: result.state.withdrawnAt!, withdrawnEarly: result.state.withdrawnEarly === true });
    } catch (err) {
      if (err instanceof HttpError) throw err;
      return workflowFailure(err, { refusedCode: 'withdrawal_refused', notFound: `${ref} has no running publication`, unavailable: 'Temporal is not answering; try again shortly' });
    }
  });
}
