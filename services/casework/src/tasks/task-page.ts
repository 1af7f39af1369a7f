// A task's page: its form (GET) and completing it (POST). The form is validated with the task
// type's schema first (error summary and inline messages); then the workflow's update validator
// judges it, and its refusal — wrong person, wrong stage, a rule of the policy — is shown on the
// page with its reason, never as an error page.
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import type { Actor } from '@probity/shared/auth';
import type { Db } from '@probity/shared/db/client';
import { HttpError } from '@probity/shared/http/errors';
import { formErrors, pageError } from '@probity/shared/web/form-errors';
import { PageNotFound, type Render } from '@probity/shared/web/pages';
import { WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { TaskRefusal } from '@probity/workflows/complaint/task-rules';
import { pageCaseAccess } from '../access/case-access';
import { actorOfPage } from '../auth/staff';
import { peopleNames } from '../people-names';
import { echo, payloadFrom, validateTaskForm, type TaskFormSpec } from './task-form';
import { caseHref, taskHref } from './task-links';

export interface TaskPageOptions<TType extends string> {
  db: Db;
  render: Render;
  /** The task's form; may depend on the case (e.g. a row for each of its allegations). */
  spec: (type: TType, caseId: string) => TaskFormSpec | Promise<TaskFormSpec>;
  schema: (type: TType) => z.ZodType;
  complete: (ref: string, taskId: string, actor: Actor, payload: unknown) => Promise<unknown>;
}

/**
 * The person may open a task's page: its assignee, their manager, or a PSD manager — and only of a
 * case not barred from them (access/case-access.ts: restricted, or about themselves or their team).
 * The workflow judges completion.
 */
async function mayWork(db: Db, actor: Actor, assigneeId: string): Promise<boolean> {
  if (actor.id === assigneeId || actor.role === 'head-of-psd' || actor.role === 'psd-manager') return true;
  const assignee = await db.person.findUnique({ where: { id: assigneeId }, select: { managerId: true } });
  return assignee?.managerId === actor.id;
}

export function taskPage<TType extends string>(opts: TaskPageOptions<TType>): { show: RequestHandler; complete: RequestHandler } {
  /** The task, on a case not barred from this person (else not found / not allowed), and where "back" goes: its case page if they may read it. */
  const load = async (res: Parameters<RequestHandler>[1], ref: string, taskId: string) => {
    const row = await opts.db.task.findUnique({ where: { id: taskId } });
    if (!row || row.caseRef !== ref) throw new PageNotFound();
    const { readsRecord } = await pageCaseAccess(opts.db, ref, actorOfPage(res), { need: 'work', what: 'task-page' });
    return { ...row, backTo: readsRecord ? caseHref(ref) : '/' };
  };

  const show = async (res: Parameters<RequestHandler>[1], task: Awaited<ReturnType<typeof load>>, locals: Record<string, unknown>, status = 200) => {
    const { backTo } = task;
    const names = await peopleNames(opts.db, [task.assigneeId]);
    const spec = await opts.spec(task.type as TType, task.caseId);
    opts.render(
      res,
      'task.njk',
      {
        title: spec.title,
        task,
        caseRef: task.caseRef,
        spec,
        assigneeName: names.get(task.assigneeId) ?? task.assigneeId,
        action: taskHref(task.caseRef, task.id),
        backTo,
        backLink: backTo,
        values: {},
        ...locals,
      },
      status,
    );
  };

  const closed = (res: Parameters<RequestHandler>[1], task: Awaited<ReturnType<typeof load>>) =>
    opts.render(res, 'error.njk', { title: 'This task is already closed', lines: [`It was closed on ${task.completedAt!.toISOString().slice(0, 10)}.`], reason: undefined }, 409);

  return {
    show: async (req, res) => {
      const task = await load(res, String(req.params.ref), String(req.params.taskId));
      if (task.completedAt) return closed(res, task);
      if (!(await mayWork(opts.db, actorOfPage(res), task.assigneeId))) {
        return opts.render(res, 'not-allowed.njk', { title: 'You are not allowed to see this page', reason: 'This task is assigned to someone else.' }, 403);
      }
      await show(res, task, {});
    },
    complete: async (req, res) => {
      const task = await load(res, String(req.params.ref), String(req.params.taskId));
      if (task.completedAt) return closed(res, task);
      const actor = actorOfPage(res);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const spec = await opts.spec(task.type as TType, task.caseId);
      const payload = payloadFrom(spec, body);
      const checked = validateTaskForm(spec, opts.schema(task.type as TType), payload);
      if (!checked.ok) return show(res, task, { values: echo(body), errors: checked.errors }, 400);
      try {
        await opts.complete(task.caseRef, task.id, actor, payload);
      } catch (err) {
        if (err instanceof WorkflowRefused || err instanceof TaskRefusal) {
          return show(res, task, { values: echo(body), errors: pageError(err.message), refused: true }, 409);
        }
        if (err instanceof HttpError && Array.isArray(err.extra.fields)) {
          return show(res, task, { values: echo(body), errors: formErrors(err.extra.fields as { field: string; message: string }[]) }, 400);
        }
        if (err instanceof WorkflowUnavailable) {
          return show(res, task, { values: echo(body), errors: pageError('The case service did not answer, so the task was not completed. Try again in a minute.') }, 503);
        }
        if (err instanceof WorkflowNotFound) throw new PageNotFound();
        throw err;
      }
      const done = `?done=${encodeURIComponent(task.type)}`;
      res.redirect(303, `${task.backTo}${done}`);
    },
  };
}
