// Suspending a complaint's procedure and resuming it (C&M regs 40–41), for the appropriate
// authority: PSD managers and the head of PSD, never anyone barred from the case. The workflow's
// suspend/resume validators are the judge of when (the stage, already suspended or not); their
// refusal is a 409 with the reason.
import { z } from 'zod';
import type { Actor } from '@probity/shared/auth';
import { actorOf, requireActor } from '@probity/shared/auth/bearer';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { maySuspendComplaint, suspensionReasonSchema, type SuspensionReason } from '@probity/shared/domain/index';
import { HttpError } from '@probity/shared/http/errors';
import { operation, reply, type Api } from '@probity/shared/http/api';
import { errors } from '@probity/shared/http/openapi';
import { apiCaseAccess } from '../access/case-access';
import { SIGNED_IN, caseAccessRefused, refParams, unavailable, workflowStateSchema } from '../api-shapes';
import { CASE_WORKFLOW_UNAVAILABLE, type CaseApiDeps } from './case-api';
import { workflowFailure } from '../workflow-failure';

export const suspendBodySchema = z.object({ reason: suspensionReasonSchema.describe('Why the procedure is suspended (C&M reg 40)') }).meta({ id: 'SuspendBody' });

const outcomes = (what: string) => ({
  200: { description: `The case's workflow state, ${what}`, schema: z.object({ state: workflowStateSchema }) },
  ...SIGNED_IN,
  403: caseAccessRefused,
  404: errors('No running workflow for this reference (or a case the person may not know of)', ['not_found']),
  409: errors('The workflow refused: not at a stage with a procedure to suspend, already suspended, or not suspended; `message` says which', ['suspension_refused']),
  503: unavailable,
});

export const suspendCase = operation({
  method: 'post',
  path: '/cases/:ref/suspend',
  operationId: 'suspendCase',
  summary: 'Suspend the complaint (C&M reg 40: sub judice, or prejudice to a criminal investigation); PSD managers and the head of PSD',
  tags: ['casework'],
  params: refParams,
  body: suspendBodySchema,
  responses: outcomes('now suspended'),
});

export const resumeCase = operation({
  method: 'post',
  path: '/cases/:ref/resume',
  operationId: 'resumeCase',
  summary: 'Resume a suspended complaint (C&M regs 40–41); PSD managers and the head of PSD',
  tags: ['casework'],
  params: refParams,
  responses: outcomes('resumed'),
});

/** The person may suspend and resume this case: not barred from it, and the appropriate authority's role. */
export async function authoriseSuspension(deps: Pick<CaseApiDeps, 'db'>, ref: string, actor: Actor): Promise<void> {
  await apiCaseAccess(deps.db, ref, actor, { need: 'work', what: 'suspension', notFound: { message: `no open case workflow for ${ref}` } });
  if (!maySuspendComplaint(actor)) throw new HttpError(403, 'forbidden', 'only a PSD manager or the head of PSD, for the appropriate authority, may suspend or resume a complaint (C&M regs 40–41)');
}

export type SuspensionCall = { action: 'suspend'; reason: SuspensionReason } | { action: 'resume' };

export function suspensionApiRoutes(api: Api, deps: CaseApiDeps & { workflows: ComplaintWorkflows }): void {
  const authenticated = requireActor(deps.auth);
  const run = async (ref: string, actor: Actor, call: SuspensionCall) => {
    await authoriseSuspension(deps, ref, actor);
    try {
      const state = call.action === 'suspend' ? await deps.workflows.suspend(ref, { actor, reason: call.reason }) : await deps.workflows.resume(ref, { actor });
      deps.log.info({ ref, actorId: actor.id, action: call.action }, 'suspension changed');
      return reply(200, { state: { ...state } });
    } catch (err) {
      return workflowFailure(err, { refusedCode: 'suspension_refused', notFound: `no open case workflow for ${ref}`, unavailable: CASE_WORKFLOW_UNAVAILABLE });
    }
  };
  api.route(suspendCase, authenticated, async ({ params: { ref }, body }, _req, res) => run(ref, actorOf(res), { action: 'suspend', reason: body.reason }));
  api.route(resumeCase, authenticated, async ({ params: { ref } }, _req, res) => run(ref, actorOf(res), { action: 'resume' }));
}
