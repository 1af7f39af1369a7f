// The manager's pages: oversight (breaches, workload, timeliness) and reallocation.
import { Router } from 'express';
import type { Db } from '@probity/shared/db/client';
import { notAllowed, type Render } from '@probity/shared/web/pages';
import { actorOfPage } from '../auth/staff';
import { mayOversee } from '../auth/roles';
import { caseHref, taskHref } from '../tasks/task-links';
import { oversight } from './oversight';

export function oversightPages(deps: { db: Db; render: Render }): Router {
  const router = Router();
  router.get('/oversight', async (req, res) => {
    const actor = actorOfPage(res);
    if (!mayOversee(actor)) return notAllowed(deps.render, res, 'Oversight is for PSD managers and the head of PSD.');
    const view = await oversight(deps.db, actor);
    deps.render(res, 'oversight.njk', {
      title: 'Oversight',
      ...view,
      done: req.query.done === 'reallocated',
      breaches: view.breaches.map((b) => ({ ...b, caseHref: caseHref(b.caseRef), taskHref: taskHref(b.caseRef, b.id) })),
    });
  });
  return router;
}
