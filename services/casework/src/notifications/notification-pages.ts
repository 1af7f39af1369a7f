// Everyone's in-app notifications: the list (newest first, unread marked) and marking them read.
import { Router } from 'express';
import type { Db } from '@probity/shared/db/client';
import { markAllRead, markRead, notificationsFor } from '@probity/shared/notifications/in-app';
import { PageNotFound, type Render } from '@probity/shared/web/pages';
import { actorOfPage } from '../auth/staff';
import { caseHref } from '../tasks/task-links';

export function notificationPages(deps: { db: Db; render: Render }): Router {
  const router = Router();
  router.get('/notifications', async (_req, res) => {
    const rows = await notificationsFor(deps.db, actorOfPage(res).id, { limit: 100 });
    deps.render(res, 'notifications.njk', { title: 'Notifications', notifications: rows.map((n) => ({ ...n, caseHref: n.caseRef ? caseHref(n.caseRef) : undefined })) });
  });
  router.post('/notifications/:id/read', async (req, res) => {
    const marked = await markRead(deps.db, actorOfPage(res).id, String(req.params.id));
    if (marked.outcome !== 'read') throw new PageNotFound();
    res.redirect(303, '/notifications');
  });
  router.post('/notifications/read-all', async (_req, res) => {
    await markAllRead(deps.db, actorOfPage(res).id);
    res.redirect(303, '/notifications');
  });
  return router;
}
