// The case page's "Suspend or resume" page (C&M regs 40–41), for PSD managers and the head of PSD:
// suspend with a reason (sub judice, or prejudice to a criminal investigation), or resume. The
// workflow's validators judge when; their refusal is shown with its reason, like every task's.
import { Router } from 'express';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import type { Db } from '@probity/shared/db/client';
import { maySuspendComplaint, SUSPENSION_REASONS, type SuspensionReason } from '@probity/shared/domain/index';
import { WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { formErrors, pageError, type FormErrors } from '@probity/shared/web/form-errors';
import { NotAllowed, PageNotFound, type Render } from '@probity/shared/web/pages';
import { pageCaseAccess } from '../access/case-access';
import { actorOfPage } from '../auth/staff';
import { caseHref } from '../tasks/task-links';

/** Each reason in words, with the regulation's test as the hint. */
export const SUSPENSION_REASON_TEXT: Record<SuspensionReason, { text: string; hint: string }> = {
  'sub-judice': { text: 'Sub judice', hint: 'Going on would prejudice criminal proceedings' },
  'prejudice-to-criminal-investigation': { text: 'Prejudice to a criminal investigation', hint: 'Going on would prejudice a criminal investigation' },
};

const isReason = (v: unknown): v is SuspensionReason => typeof v === 'string' && (SUSPENSION_REASONS as readonly string[]).includes(v);

export function suspensionPages(deps: { db: Db; render: Render; workflows: ComplaintWorkflows }): Router {
  const router = Router();

  const allowed = async (res: Parameters<Render>[0], ref: string) => {
    const actor = actorOfPage(res);
    await pageCaseAccess(deps.db, ref, actor, { need: 'work', what: 'suspension' });
    if (!maySuspendComplaint(actor)) throw new NotAllowed('Only a PSD manager or the head of PSD, for the appropriate authority, may suspend or resume a complaint.');
    return actor;
  };

  const show = async (res: Parameters<Render>[0], ref: string, extra: { errors?: FormErrors; reason?: string } = {}, status = 200) => {
    let suspended: { since: string; reason: SuspensionReason } | undefined;
    try {
      suspended = (await deps.workflows.state(ref)).suspended;
    } catch (err) {
      if (err instanceof WorkflowNotFound) throw new PageNotFound();
      if (!(err instanceof WorkflowUnavailable)) throw err;
    }
    deps.render(
      res,
      'suspension.njk',
      {
        title: suspended ? `Resume complaint ${ref}` : `Suspend complaint ${ref}`,
        ref,
        backLink: caseHref(ref),
        suspended: suspended ? { since: suspended.since, reason: SUSPENSION_REASON_TEXT[suspended.reason]?.text ?? suspended.reason } : undefined,
        reasons: SUSPENSION_REASONS.map((r) => ({ value: r, text: SUSPENSION_REASON_TEXT[r].text, hint: { text: SUSPENSION_REASON_TEXT[r].hint }, checked: extra.reason === r })),
        ...extra,
      },
      status,
    );
  };

  router.get('/cases/:ref/suspension', async (req, res) => {
    const ref = String(req.params.ref);
    await allowed(res, ref);
    await show(res, ref);
  });

  router.post('/cases/:ref/suspension', async (req, res) => {
    const ref = String(req.params.ref);
    const actor = await allowed(res, ref);
    const body = req.body as Record<string, unknown>;
    const resume = body.action === 'resume';
    if (!resume && !isReason(body.reason)) {
      return show(res, ref, { errors: formErrors([{ field: 'reason', message: 'Select why the complaint is suspended' }]) }, 400);
    }
    try {
      if (resume) await deps.workflows.resume(ref, { actor });
      else await deps.workflows.suspend(ref, { actor, reason: body.reason as SuspensionReason });
    } catch (err) {
      if (err instanceof WorkflowNotFound) throw new PageNotFound();
      const reason = err instanceof WorkflowRefused ? err.message : err instanceof WorkflowUnavailable ? 'The case service did not answer. Try again in a minute.' : undefined;
      if (!reason) throw err;
      return show(res, ref, { errors: pageError(`The complaint could not be ${resume ? 'resumed' : 'suspended'}: ${reason}`) }, err instanceof WorkflowUnavailable ? 503 : 409);
    }
    res.redirect(303, `${caseHref(ref)}?done=${resume ? 'resumed' : 'suspended'}`);
  });
  return router;
}
