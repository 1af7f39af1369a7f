// Recording a complainant's signed withdrawal (C&M reg 38): the notification (who signed it, when
// and how it came), and the appropriate authority's public-interest decision where it is the
// force's. Without a signature (C&M reg 39): the wish as indicated (the letter then goes out) and
// the complainant's reply. The workflow's validators are the judge of who (the handler, a PSD
// manager or the head of PSD), when, and whether the decision is needed; a refusal is a 409 with the reason.
import { z } from 'zod';
import { actorOf, requireActor } from '@probity/shared/auth/bearer';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { withdrawalIndicationSchema, withdrawalNotificationSchema, withdrawalReplySchema } from '@probity/shared/domain/index';
import { operation, reply, type Api } from '@probity/shared/http/api';
import { errors } from '@probity/shared/http/openapi';
import { apiCaseAccess } from '../access/case-access';
import { SIGNED_IN, caseAccessRefused, refParams, unavailable, workflowStateSchema } from '../api-shapes';
import { CASE_WORKFLOW_UNAVAILABLE, type CaseApiDeps } from './case-api';
import { workflowFailure } from '../workflow-failure';

export const withdrawBodySchema = withdrawalNotificationSchema.meta({ id: 'WithdrawBody' });

/** The responses of every withdrawal route: the state, or the workflow's refusal with its reason. */
const withdrawalResponses = (what: string, refused: string) => ({
  200: { description: `The case's workflow state, ${what}`, schema: z.object({ state: workflowStateSchema }) },
  ...SIGNED_IN,
  403: caseAccessRefused,
  404: errors('No running workflow for this reference (or a case the person may not know of)', ['not_found']),
  409: errors(`The workflow refused: ${refused}; \`message\` says which`, ['withdrawal_refused']),
  503: unavailable,
});

export const withdrawCase = operation({
  method: 'post',
  path: '/cases/:ref/withdraw',
  operationId: 'withdrawCase',
  summary: "Record the complainant's signed withdrawal (C&M reg 38); the complaint's handling ends, the IOPC and the review body are told where the regulation says",
  tags: ['casework'],
  params: refParams,
  body: withdrawBodySchema,
  responses: withdrawalResponses('withdrawn', 'not the handler or the appropriate authority, nothing left to withdraw, or the public-interest decision missing or not the force’s'),
});

export const indicateWithdrawalBodySchema = withdrawalIndicationSchema.meta({ id: 'WithdrawalIndicationBody' });
export const withdrawalReplyBodySchema = withdrawalReplySchema.meta({ id: 'WithdrawalReplyBody' });

export const indicateWithdrawal = operation({
  method: 'post',
  path: '/cases/:ref/withdrawal-indication',
  operationId: 'indicateWithdrawal',
  summary: 'Record that the complainant indicated a withdrawal without a signed notification (C&M reg 39(1)); the letter asking how they wish to proceed goes out, and with no reply in 28 days the complaint is withdrawn (reg 39(4))',
  tags: ['casework'],
  params: refParams,
  body: indicateWithdrawalBodySchema,
  responses: withdrawalResponses('with the letter and its reply period', 'not the handler or the appropriate authority, nothing left to withdraw, a letter already awaiting a reply, or the public-interest decision missing or not the force’s'),
});

export const recordWithdrawalReply = operation({
  method: 'post',
  path: '/cases/:ref/withdrawal-reply',
  operationId: 'recordWithdrawalReply',
  summary: "Record the complainant's reply to the C&M reg 39(2) letter: confirming withdraws the complaint as if signed (reg 39(4)(a)); wishing to continue leaves it running",
  tags: ['casework'],
  params: refParams,
  body: withdrawalReplyBodySchema,
  responses: withdrawalResponses('withdrawn or going on', 'not the handler or the appropriate authority, or no letter awaiting a reply'),
});

export function withdrawalApiRoutes(api: Api, deps: CaseApiDeps & { workflows: ComplaintWorkflows }): void {
  const authenticated = requireActor(deps.auth);
  // One shape for the three: the case may be worked by this person, then the workflow decides.
  const call = async (ref: string, res: Parameters<typeof actorOf>[0], logged: string, run: (actor: ReturnType<typeof actorOf>) => ReturnType<ComplaintWorkflows['withdraw']>) => {
    const actor = actorOf(res);
    await apiCaseAccess(deps.db, ref, actor, { need: 'work', what: 'withdrawal', notFound: { message: `no open case workflow for ${ref}` } });
    try {
      const state = await run(actor);
      deps.log.info({ ref, actorId: actor.id }, logged);
      return reply(200, { state: { ...state } });
    } catch (err) {
      return workflowFailure(err, { refusedCode: 'withdrawal_refused', notFound: `no open case workflow for ${ref}`, unavailable: CASE_WORKFLOW_UNAVAILABLE });
    }
  };
  api.route(withdrawCase, authenticated, ({ params: { ref }, body }, _req, res) => call(ref, res, 'complaint withdrawn', (actor) => deps.workflows.withdraw(ref, { actor, notification: body })));
  api.route(indicateWithdrawal, authenticated, ({ params: { ref }, body }, _req, res) =>
    call(ref, res, 'withdrawal indicated without a signature: letter sent', (actor) => deps.workflows.indicateWithdrawal(ref, { actor, indication: body })),
  );
  api.route(recordWithdrawalReply, authenticated, ({ params: { ref }, body }, _req, res) =>
    call(ref, res, 'reply to the withdrawal letter recorded', (actor) => deps.workflows.recordWithdrawalReply(ref, { actor, reply: body })),
  );
}
