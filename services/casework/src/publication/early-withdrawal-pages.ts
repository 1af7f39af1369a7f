// The conduct matter's "Withdraw the published outcome early" page: for a PSD manager or the head
// of PSD while its hearing outcome is scheduled or published. The workflow's refusal, or a reason
// naming anyone, is shown beside the field.
import { Router } from 'express';
import type { Db } from '@probity/shared/db/client';
import { fieldIssues } from '@probity/shared/http/errors';
import { WorkflowRefused } from '@probity/shared/temporal/workflow-calls';
import { formErrors, type FormErrors } from '@probity/shared/web/form-errors';
import { NotAllowed, PageNotFound, type Render } from '@probity/shared/web/pages';
import { pageCaseAccess } from '../access/case-access';
import { actorOfPage } from '../auth/staff';
import type { ConductWorkflows } from '../conduct/conduct-workflows';
import { caseHref } from '../tasks/task-links';
import { earlyWithdrawalSchema, mayWithdrawPublications, publicationOfCase, withdrawPublicationEarly } from './early-withdrawal';

const iso = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

export function earlyWithdrawalPages(deps: { db: Db; render: Render; workflows: ConductWorkflows }): Router {
  const { db, render } = deps;
  const router = Router();

  const allowed = async (res: Parameters<Render>[0], ref: string) => {
    const actor = actorOfPage(res);
    const { caseId } = await pageCaseAccess(db, ref, actor, { need: 'work', what: 'publication' });
    if (!mayWithdrawPublications(actor)) throw new NotAllowed('Only a PSD manager or the head of PSD may withdraw a published hearing outcome early.');
    const publication = await publicationOfCase(db, caseId);
    if (!publication) throw new PageNotFound(`${ref} has no published hearing outcome`);
    return { actor, caseId, publication };
  };

  const show = (res: Parameters<Render>[0], ref: string, publication: NonNullable<Awaited<ReturnType<typeof publicationOfCase>>>, extra: { errors?: FormErrors; values?: Record<string, string> } = {}, status = 200) =>
    render(res, 'publication-withdraw.njk', {
      title: 'Withdraw the published hearing outcome early',
      ref,
      backLink: caseHref(ref),
      publication: { ...publication, publishFrom: iso(publication.publishFrom), withdrawOn: iso(publication.withdrawOn), withdrawnAt: iso(publication.withdrawnAt) },
      values: {},
      ...extra,
    }, status);

  router.get('/cases/:ref/publication/withdraw', async (req, res) => {
    const ref = String(req.params.ref);
    const { publication } = await allowed(res, ref);
    show(res, ref, publication);
  });

  router.post('/cases/:ref/publication/withdraw', async (req, res) => {
    const ref = String(req.params.ref);
    const { actor, caseId, publication } = await allowed(res, ref);
    const body = req.body as Record<string, unknown>;
    const values = { reason: typeof body.reason === 'string' ? body.reason : '' };
    const parsed = earlyWithdrawalSchema.safeParse(body);
    if (!parsed.success) return show(res, ref, publication, { values, errors: formErrors(fieldIssues(parsed.error)) }, 400);
    try {
      const result = await withdrawPublicationEarly({ db, workflows: deps.workflows }, { caseId, ref }, actor, parsed.data);
      if (!result.ok) return show(res, ref, publication, { values, errors: formErrors([{ field: result.field, message: result.message }]) }, 400);
    } catch (err) {
      if (!(err instanceof WorkflowRefused)) throw err;
      return show(res, ref, publication, { values, errors: formErrors([{ field: 'reason', message: err.message }]) }, 409);
    }
    res.redirect(303, `/cases/${encodeURIComponent(ref)}/publication/withdraw`);
  });
  return router;
}
