// The task inbox: open tasks assigned to me and to the people I manage, earliest due first, with
// overdue and breached badges, filtered by task type, a page at a time.
import { Router } from 'express';
import type { Db } from '@probity/shared/db/client';
import { humanise } from '@probity/shared/web/format';
import type { Render } from '@probity/shared/web/pages';
import { CONDUCT_TASK_TYPES } from '@probity/workflows/conduct/contract';
import { TASK_TYPES } from '@probity/workflows/complaint/contract';
import { actorOfPage } from '../auth/staff';
import { peopleNames } from '../people-names';
import { caseHref, taskHref } from '../tasks/task-links';
import { openTasksPage } from './open-tasks';
import { decodeTaskCursor } from './task-cursor';

const ALL_TYPES = [...new Set([...TASK_TYPES, ...CONDUCT_TASK_TYPES])].sort();

export function inboxPages(deps: { db: Db; render: Render }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const actor = actorOfPage(res);
    const type = typeof req.query.type === 'string' && (ALL_TYPES as string[]).includes(req.query.type) ? req.query.type : undefined;
    // A cursor that is not ours (edited by hand, or from an older page) starts from the first page.
    const after = typeof req.query.after === 'string' ? decodeTaskCursor(req.query.after) : null;
    const { tasks, next } = await openTasksPage(deps.db, actor, { ...(type && { type }), ...(after && { after }) });
    const pageHref = (cursor?: string) => `/?${new URLSearchParams({ ...(type && { type }), ...(cursor && { after: cursor }) }).toString()}`;
    const names = await peopleNames(deps.db, tasks.map((t) => t.assigneeId));
    const hasReports = (await deps.db.person.count({ where: { managerId: actor.id } })) > 0;
    const now = Date.now();
    deps.render(res, 'inbox.njk', {
      title: 'Your tasks',
      hasReports,
      filtered: Boolean(type),
      firstPageHref: after ? pageHref() : undefined,
      nextPageHref: next ? pageHref(next) : undefined,
      done: typeof req.query.done === 'string' ? `Task completed: ${humanise(req.query.done)}` : undefined,
      typeOptions: [{ value: '', text: 'All types' }, ...ALL_TYPES.map((t) => ({ value: t, text: humanise(t), selected: t === type }))],
      tasks: tasks.map((t) => {
        const breached = t.escalations > 0;
        const overdue = t.dueAt.getTime() < now;
        return {
          ...t,
          href: taskHref(t.caseRef, t.id),
          caseHref: caseHref(t.caseRef),
          mine: t.assigneeId === actor.id,
          assigneeName: names.get(t.assigneeId) ?? t.assigneeId,
          breached,
          overdue,
          dueSort: t.dueAt.getTime(),
          statusSort: breached ? 0 : overdue ? 1 : 2,
        };
      }),
    });
  });
  return router;
}
