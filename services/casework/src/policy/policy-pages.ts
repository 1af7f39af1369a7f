// The policy register's pages: the register with each policy's status, a policy with its reviews,
// recording a review (the owner, their manager or the head of PSD) and changing the owner. The
// review workflow's validator judges who may; its refusal is shown on the page with its reason.
import { Router } from 'express';
import type { Db } from '@probity/shared/db/client';
import { ENGLAND_AND_WALES, londonDateOf } from '@probity/shared/domain/index';
import { humanise } from '@probity/shared/web/format';
import { pageError, parseForm, type FormErrors } from '@probity/shared/web/form-errors';
import { PageNotFound, type Render } from '@probity/shared/web/pages';
import { WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { REVIEW_OUTCOMES } from '@probity/workflows/policy/contract';
import { actorOfPage } from '../auth/staff';
import { peopleNames } from '../people-names';
import { echo } from '../tasks/task-form';
import { civilDateOf, type PolicyWorkflows } from './policy-workflows';
import { policyOwnerBodySchema, policyReviewBodySchema, policyView } from './policy-api';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export function policyPages(deps: { db: Db; render: Render; workflows: PolicyWorkflows }): Router {
  const router = Router();
  const today = () => londonDateOf(Date.now());
  const view = async (ref: string) => {
    const row = await deps.db.policy.findUnique({ where: { ref } });
    if (!row) throw new PageNotFound();
    return { row, policy: policyView(row, await peopleNames(deps.db, [row.ownerId]), today(), ENGLAND_AND_WALES, deps.workflows.sla) };
  };

  router.get('/policies', async (_req, res) => {
    const rows = await deps.db.policy.findMany({ orderBy: [{ nextReviewDue: 'asc' }, { ref: 'asc' }] });
    const names = await peopleNames(deps.db, rows.map((r) => r.ownerId));
    deps.render(res, 'policies.njk', { title: 'Policy register', policies: rows.map((r) => policyView(r, names, today(), ENGLAND_AND_WALES, deps.workflows.sla)) });
  });

  const showPolicy = async (ref: string, res: Parameters<Render>[0], extra: { errors?: FormErrors; values?: Record<string, unknown>; done?: string } = {}, status = 200) => {
    const { policy } = await view(ref);
    const reviews = await deps.db.policyReview.findMany({ where: { policyId: policy.id }, orderBy: [{ reviewedOn: 'desc' }, { createdAt: 'desc' }] });
    const people = await deps.db.person.findMany({ where: { active: true }, select: { id: true, name: true, role: true }, orderBy: { name: 'asc' } });
    const names = await peopleNames(deps.db, reviews.map((r) => r.reviewerId));
    deps.render(
      res,
      'policy.njk',
      {
        title: `${policy.ref} ${policy.title}`,
        policy,
        reviews: reviews.map((r) => ({ ...r, reviewedOn: civilDateOf(r.reviewedOn), reviewer: names.get(r.reviewerId) ?? r.reviewerId })),
        outcomes: REVIEW_OUTCOMES.map((o) => ({ value: o, text: humanise(o) })),
        owners: people.map((p) => ({ value: p.id, text: `${p.name} (${humanise(p.role)})`, selected: p.id === policy.owner.id })),
        values: {},
        backLink: '/policies',
        ...extra,
      },
      status,
    );
  };

  router.get('/policies/:ref', async (req, res) => {
    await showPolicy(String(req.params.ref), res, { done: typeof req.query.done === 'string' ? humanise(req.query.done) : undefined });
  });

  const refused = (err: unknown): string | undefined => {
    if (err instanceof WorkflowRefused) return err.message;
    if (err instanceof WorkflowUnavailable) return 'The policy review service did not answer. Try again in a minute.';
    return undefined;
  };

  router.post('/policies/:ref/reviews', async (req, res) => {
    const ref = String(req.params.ref);
    const body = req.body as Record<string, unknown>;
    const parsed = parseForm(policyReviewBodySchema, { outcome: blank(body.outcome), newVersion: body.outcome === 'amended' ? blank(body.newVersion) : undefined, notes: blank(body.notes) });
    if (!parsed.ok) return showPolicy(ref, res, { errors: parsed.errors, values: echo(body) }, 400);
    const { row } = await view(ref);
    try {
      await deps.workflows.recordReview(row, { actor: actorOfPage(res), ...parsed.data });
    } catch (err) {
      const reason = refused(err);
      if (!reason) throw err;
      return showPolicy(ref, res, { errors: pageError(reason), values: echo(body) }, 409);
    }
    res.redirect(303, `/policies/${encodeURIComponent(ref)}?done=review-recorded`);
  });

  router.post('/policies/:ref/owner', async (req, res) => {
    const ref = String(req.params.ref);
    const body = req.body as Record<string, unknown>;
    const parsed = parseForm(policyOwnerBodySchema, { ownerId: blank(body.ownerId) });
    if (!parsed.ok) return showPolicy(ref, res, { errors: parsed.errors, values: echo(body) }, 400);
    const owner = await deps.db.person.findUnique({ where: { id: parsed.data.ownerId }, select: { active: true } });
    if (!owner?.active) return showPolicy(ref, res, { errors: pageError('Choose an active person as the owner', '#ownerId') }, 400);
    const { row } = await view(ref);
    try {
      await deps.workflows.changeOwner(row, { actor: actorOfPage(res), ownerId: parsed.data.ownerId });
    } catch (err) {
      const reason = refused(err);
      if (!reason) throw err;
      return showPolicy(ref, res, { errors: pageError(reason, '#ownerId') }, 409);
    }
    res.redirect(303, `/policies/${encodeURIComponent(ref)}?done=owner-changed`);
  });
  return router;
}
