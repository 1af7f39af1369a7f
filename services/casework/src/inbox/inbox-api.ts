// GET /me/tasks: the task inbox as JSON — open tasks assigned to me, and to the people I manage,
// earliest due first.
import { Router } from 'express';
import type { Db } from '@probity/shared/db/client';
import { actorOf, requireActor, type ActorAuth } from '@probity/shared/auth/bearer';
import { openTasksFor } from './open-tasks';

export function inboxApiRoutes(deps: { db: Db; auth: ActorAuth }): Router {
  const router = Router();
  router.get('/me/tasks', requireActor(deps.auth), async (_req, res) => {
    const actor = actorOf(res);
    const tasks = await openTasksFor(deps.db, actor);
    res.json({ tasks: tasks.map((t) => ({ ...t, mine: t.assigneeId === actor.id })) });
  });
  return router;
}
