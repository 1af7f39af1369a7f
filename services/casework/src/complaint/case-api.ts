// The complaint case API: a case's full record, and completing a task. Who may read the record is
// the access rule (access/case-access.ts: PSD, the people working on it, the divisional lead of its
// division; never its subjects or their team; a restricted case only for the counter-corruption
// unit and the head of PSD, as "not found" to everyone else). The workflow's update validator is
// the judge of whether a task may be completed (right actor, right stage, valid payload); its
// refusal is a 409.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { actorOf, requireActor, type ActorAuth } from '@probity/shared/auth/bearer';
import { jsonBody, parseOr400, sendError } from '@probity/shared/http/errors';
import { WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { apiCaseAccess } from '../access/case-access';

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

  router.get('/cases/:ref', authenticated, async (req, res) => {
    const ref = String(req.params.ref);
    await apiCaseAccess(deps.db, ref, actorOf(res), { need: 'record', what: 'case-record', notFound: { message: `no case ${ref}` } });
    const row = await deps.db.case.findUniqueOrThrow({
      where: { ref },
      include: { allegations: { orderBy: { seq: 'asc' } } },
      omit: { publicTokenHash: true },
    });
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
    await apiCaseAccess(deps.db, ref, actor, { need: 'work', what: 'task-completion', notFound: { message: `no open case workflow for ${ref}` } });
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
