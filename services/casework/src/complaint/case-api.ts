// The complaint case API: a case's full record (PSD only), and completing a task. The workflow's update validator is the judge of whether a
// task may be completed (right actor, right stage, valid payload); its refusal is a 409.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { actorOf, psdOnly, requireActor, requireRole, type ActorAuth } from '@probity/shared/auth/bearer';
import { HttpError, jsonBody, parseOr400, sendError } from '@probity/shared/http/errors';
import { WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';

export const completeTaskBodySchema = z.object({
  /** Shape depends on the task type; the workflow validates it. */
  payload: z.unknown().optional(),
});

export interface CaseApiDeps {
  db: Db;
  log: Logger;
  auth: ActorAuth;
  workflows: ComplaintWorkflows;
}

export function caseApiRoutes(deps: CaseApiDeps): Router {
  const router = Router();
  const authenticated = requireActor(deps.auth);

  router.get('/cases/:ref', authenticated, requireRole(psdOnly, 'view a case record (PSD only)'), async (req, res) => {
    const ref = String(req.params.ref);
    const row = await deps.db.case.findUnique({
      where: { ref },
      include: { allegations: { orderBy: { seq: 'asc' } } },
      omit: { publicTokenHash: true },
    });
    if (!row) throw new HttpError(404, 'not_found', `no case ${ref}`);
    let state: unknown = null;
    let workflow: 'running' | 'not-started' | 'unavailable' = 'running';
    try {
      state = await deps.workflows.state(ref);
    } catch (err) {
      if (err instanceof WorkflowNotFound) workflow = 'not-started';
      else if (err instanceof WorkflowUnavailable) workflow = 'unavailable';
      else throw err;
    }
    deps.log.info({ ref, actorId: actorOf(res).id }, 'case record viewed');
    res.json({ case: row, state, workflow });
  });

  router.post('/cases/:ref/tasks/:taskId/complete', authenticated, ...jsonBody({ optional: true }), async (req, res) => {
    const ref = String(req.params.ref);
    const taskId = String(req.params.taskId);
    const { payload } = parseOr400(completeTaskBodySchema, req.body ?? {});
    const actor = actorOf(res);
    try {
      const task = await deps.workflows.completeTask(ref, { taskId, actor, payload });
      deps.log.info({ ref, taskId, taskType: task.type, actorId: actor.id }, 'task completed');
      res.json({ task });
    } catch (err) {
      if (err instanceof WorkflowRefused) return sendError(res, 409, 'task_refused', err.message);
      if (err instanceof WorkflowNotFound) return sendError(res, 404, 'not_found', `no open case workflow for ${ref}`);
      if (err instanceof WorkflowUnavailable) return sendError(res, 503, 'unavailable', 'the case workflow did not answer; try again shortly');
      throw err;
    }
  });

  return router;
}
