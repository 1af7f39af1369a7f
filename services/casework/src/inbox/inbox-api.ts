// GET /me/tasks: the task inbox as JSON — open tasks assigned to me, and to the people I manage,
// earliest due first.
import { z } from 'zod';
import type { Db } from '@probity/shared/db/client';
import { actorOf, requireActor, type ActorAuth } from '@probity/shared/auth/bearer';
import { operation, reply, type Api } from '@probity/shared/http/api';
import { isoDateTime } from '@probity/shared/http/openapi';
import { SIGNED_IN } from '../api-shapes';
import { openTasksFor } from './open-tasks';

const inboxTaskSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    caseId: z.string(),
    caseRef: z.string(),
    workflowId: z.string(),
    assigneeId: z.string(),
    createdAt: isoDateTime,
    dueAt: isoDateTime,
    escalations: z.number().int(),
    completedAt: isoDateTime.nullable(),
    completedBy: z.string().nullable(),
    mine: z.boolean().describe('Assigned to me (false: to someone I manage)'),
  })
  .meta({ id: 'InboxTask' });

export const myTasks = operation({
  method: 'get',
  path: '/me/tasks',
  operationId: 'myTasks',
  summary: 'My open tasks, and those of the people I manage',
  tags: ['casework'],
  responses: { 200: { description: 'Open tasks, earliest due first', schema: z.object({ tasks: z.array(inboxTaskSchema) }).meta({ id: 'TaskList' }) }, ...SIGNED_IN },
});

export function inboxApiRoutes(api: Api, deps: { db: Db; auth: ActorAuth }): void {
  api.route(myTasks, requireActor(deps.auth), async (_input, _req, res) => {
    const actor = actorOf(res);
    const tasks = await openTasksFor(deps.db, actor);
    return reply(200, { tasks: tasks.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), dueAt: t.dueAt.toISOString(), completedAt: t.completedAt?.toISOString() ?? null, mine: t.assigneeId === actor.id })) });
  });
}
