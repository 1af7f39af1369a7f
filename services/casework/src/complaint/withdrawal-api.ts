// Recording a complainant's signed withdrawal (C&M reg 38): the notification (who signed it, when
// and how it came), and the appropriate authority's public-interest decision where it is the
// force's. The workflow's withdraw validator is the judge of who (the handler, a PSD manager or
// the head of PSD), when, and whether the decision is needed; its refusal is a 409 with the reason.
import { z } from 'zod';
import { actorOf, requireActor } from '@probity/shared/auth/bearer';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { withdrawalNotificationSchema } from '@probity/shared/domain/index';
import { operation, reply, type Api } from '@probity/shared/http/api';
import { errors } from '@probity/shared/http/openapi';
import { apiCaseAccess } from '../access/case-access';
import { SIGNED_IN, caseAccessRefused, refParams, unavailable, workflowStateSchema } from '../api-shapes';
import { CASE_WORKFLOW_UNAVAILABLE, type CaseApiDeps } from './case-api';
import { workflowFailure } from '../workflow-failure';

export const withdrawBodySchema = withdrawalNotificationSchema.meta({ id: 'WithdrawBody' });

export const withdrawCase = operation({
  method: 'post',
  path: '/cases/:ref/withdraw',
  operationId: 'withdrawCase',
  summary: "Record the complainant's signed withdrawal (C&M reg 38); the complaint's handling ends, the IOPC and the review body are told where the regulation says",
  tags: ['casework'],
  params: refParams,
  body: withdrawBodySchema,
  responses: {
    200: { description: "The case's workflow state, withdrawn", schema: z.object({ state: workflowStateSchema }) },
    ...SIGNED_IN,
    403: caseAccessRefused,
    404: errors('No running workflow for this reference (or a case the person may not know of)', ['not_found']),
    409: errors('The workflow refused: not the handler or the appropriate authority, nothing left to withdraw, or the public-interest decision missing or not the force’s; `message` says which', ['withdrawal_refused']),
    503: unavailable,
  },
});

export function withdrawalApiRoutes(api: Api, deps: CaseApiDeps & { workflows: ComplaintWorkflows }): void {
  const authenticated = requireActor(deps.auth);
  api.route(withdrawCase, authenticated, async ({ params: { ref }, body }, _req, res) => {
    const actor = actorOf(res);
    await apiCaseAccess(deps.db, ref, actor, { need: 'work', what: 'withdrawal', notFound: { message: `no open case workflow for ${ref}` } });
    try {
      const state = await deps.workflows.withdraw(ref, { actor, notification: body });
      deps.log.info({ ref, actorId: actor.id }, 'complaint withdrawn');
      return reply(200, { state: { ...state } });
    } catch (err) {
      return workflowFailure(err, { refusedCode: 'withdrawal_refused', notFound: `no open case workflow for ${ref}`, unavailable: CASE_WORKFLOW_UNAVAILABLE });
    }
  });
}
