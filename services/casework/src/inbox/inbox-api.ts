// GET /me/tasks: the task inbox as JSON — open tasks assigned to me, and to the people I manage,
// earliest due first, a page at a time (a manager's team may have thousands).
import { z } from 'zod';
import type { Db } from '@probity/shared/db/client';
import { actorOf, requireActor, type ActorAuth } from '@probity/shared/auth/bearer';
import { operation, reply, type Api } from '@probity/shared/http/api';
import { isoDateTime } from '@probity/shared/http/openapi';
import { SIGNED_IN } from '../api-shapes';
import { COMMON_ERRORS } from '@probity/shared/http/openapi';
import { INBOX_PAGE_SIZE, INBOX_PAGE_SIZE_MAX, openTasksPage } from './open-tasks';
import { decodeTaskCursor } from './task-cursor';

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

export const inboxQuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'limit must be a whole number' })
    .int({ error: 'limit must be a whole number' })
    .min(1, { error: 'limit must be at least 1' })
    .max(INBOX_PAGE_SIZE_MAX, { error: `limit must be at most ${INBOX_PAGE_SIZE_MAX}` })
    .default(INBOX_PAGE_SIZE)
    .describe('Tasks per page'),
  after: z
    .string()
    .max(500, { error: 'after must be the next cursor of an earlier page' })
    .refine((c) => decodeTaskCursor(c) !== null, { error: 'after must be the next cursor of an earlier page' })
    .optional()
    .describe('The `next` cursor of the page before'),
});

export const myTasks = operation({
  method: 'get',
  path: '/me/tasks',
  operationId: 'myTasks',
  summary: 'My open tasks, and those of the people I manage',
  tags: ['casework'],
  query: inboxQuerySchema,
  responses: {
    200: {
      description: 'A page of open tasks, earliest due first; `next` is there when more follow',
      schema: z.object({ tasks: z.array(inboxTaskSchema), next: z.string().optional().describe('Pass as `after` for the next page') }).meta({ id: 'TaskList' }),
    },
    400: COMMON_ERRORS[400],
    ...SIGNED_IN,
  },
});

export function inboxApiRoutes(api: Api, deps: { db: Db; auth: ActorAuth }): void {
  api.route(myTasks, requireActor(deps.auth), async ({ query }, _req, res) => {
    const actor = actorOf(res);
    const after = query.after ? decodeTaskCursor(query.after) : null;
    const { tasks, next } = await openTasksPage(deps.db, actor, { limit: query.limit, ...(after && { after }) });
    return reply(200, { ...(next && { next }), tasks: tasks.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), dueAt: t.dueAt.toISOString(), completedAt: t.completedAt?.toISOString() ?? null, mine: t.assigneeId === actor.id })) });
  });
}
