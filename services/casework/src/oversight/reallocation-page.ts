// Reallocating a task or a whole case to another person (PSD managers, the head of PSD, or the
// assignee's manager for one task). The case workflow's reallocate update judges it: its refusal
// (a conflict of interest, someone who may not do PSD-only work…) is shown with its reason.
import { Router } from 'express';
import { actorForPerson, UnknownPersonError } from '@probity/shared/auth/people';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import type { Db } from '@probity/shared/db/client';
import { humanise } from '@probity/shared/web/format';
import { formErrors, pageError, type FormErrors } from '@probity/shared/web/form-errors';
import { PageNotFound, type Render } from '@probity/shared/web/pages';
import { WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { pageCaseAccess } from '../access/case-access';
import { actorOfPage } from '../auth/staff';
import { mayOversee } from '../auth/roles';
import type { ConductWorkflows } from '../conduct/conduct-workflows';
import { caseHref, isConductRef } from '../tasks/task-links';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export function reallocationPages(deps: { db: Db; render: Render; complaints: ComplaintWorkflows; conduct: ConductWorkflows }): Router {
  const router = Router();

  const show = async (res: Parameters<Render>[0], ref: string, taskId: string | undefined, extra: { errors?: FormErrors; values?: Record<string, unknown> } = {}, status = 200) => {
    const actor = actorOfPage(res);
    // Nobody reallocates a case barred from them (restricted from them, or about their own team).
    await pageCaseAccess(deps.db, ref, actor, { need: 'work', what: 'reallocation' });
    const task = taskId ? await deps.db.task.findUnique({ where: { id: taskId } }) : null;
    if (taskId && (!task || task.caseRef !== ref || task.completedAt)) throw new PageNotFound();
    if (!mayOversee(actor) && !(task && (await deps.db.person.findUnique({ where: { id: task.assigneeId }, select: { managerId: true } }))?.managerId === actor.id)) {
      return deps.render(res, 'not-allowed.njk', { title: 'You are not allowed to see this page', reason: 'Reallocation is for PSD managers, the head of PSD and the assignee’s manager.' }, 403);
    }
    const people = await deps.db.person.findMany({ where: { active: true }, select: { id: true, name: true, role: true }, orderBy: [{ role: 'asc' }, { name: 'asc' }] });
    const current = task ? (people.find((p) => p.id === task.assigneeId)?.name ?? task.assigneeId) : undefined;
    deps.render(
      res,
      'reallocate.njk',
      {
        title: task ? `Reallocate ${humanise(task.type)} on ${ref}` : `Reallocate ${ref}`,
        ref,
        task,
        current,
        backLink: caseHref(ref),
        people: [{ value: '', text: 'Choose a person' }, ...people.map((p) => ({ value: p.id, text: `${p.name} (${humanise(p.role)})`, selected: extra.values?.to === p.id }))],
        values: {},
        ...extra,
      },
      status,
    );
  };

  router.get('/oversight/reallocate', async (req, res) => {
    const ref = blank(req.query.ref);
    if (!ref) throw new PageNotFound();
    await show(res, ref, blank(req.query.taskId));
  });

  router.post('/oversight/reallocate', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const ref = blank(body.ref);
    if (!ref) throw new PageNotFound();
    const taskId = body.scope === 'case' ? undefined : blank(body.taskId);
    const values = { to: blank(body.to), reason: blank(body.reason), scope: body.scope };
    const missing = [
      ...(values.to ? [] : [{ field: 'to', message: 'Choose who the work goes to' }]),
      ...(values.reason ? [] : [{ field: 'reason', message: 'Say why the work is reallocated' }]),
    ];
    if (missing.length) return show(res, ref, blank(body.taskId), { errors: formErrors(missing), values }, 400);
    let to;
    try {
      to = await actorForPerson(deps.db, values.to!);
    } catch (err) {
      if (!(err instanceof UnknownPersonError)) throw err;
      return show(res, ref, blank(body.taskId), { errors: formErrors([{ field: 'to', message: 'Choose an active person' }]), values }, 400);
    }
    await pageCaseAccess(deps.db, ref, actorOfPage(res), { need: 'work', what: 'reallocation' });
    const request = { actor: actorOfPage(res), to, reason: values.reason!, ...(taskId ? { taskId } : {}) };
    try {
      await (isConductRef(ref) ? deps.conduct.reallocate(ref, request) : deps.complaints.reallocate(ref, request));
    } catch (err) {
      const reason =
        err instanceof WorkflowRefused ? err.message : err instanceof WorkflowUnavailable ? 'The case service did not answer. Try again in a minute.' : undefined;
      if (err instanceof WorkflowNotFound) throw new PageNotFound();
      if (!reason) throw err;
      return show(res, ref, blank(body.taskId), { errors: pageError(reason), values }, err instanceof WorkflowUnavailable ? 503 : 409);
    }
    res.redirect(303, mayOversee(actorOfPage(res)) ? '/oversight?done=reallocated' : '/?done=reallocated');
  });
  return router;
}
