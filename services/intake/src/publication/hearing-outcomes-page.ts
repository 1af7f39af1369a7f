// The public list of misconduct hearing outcomes (DOMAIN.md "Publication"; PEEL: the force
// "publishes full details of misconduct cases"): what is published today, no sign-in, no session.
// Each entry leaves the page when its publication workflow withdraws it.
import { Router } from 'express';
import type { Db } from '@probity/shared/db/client';
import { addCalendarDays } from '@probity/shared/domain/index';
import { currentPublications } from '@probity/shared/publication/publication-list';
import { humanise } from '@probity/shared/web/format';
import type { Render } from '@probity/shared/web/pages';

export const HEARING_OUTCOMES_PATH = '/misconduct-hearings';

export function hearingOutcomesPage(deps: { db: Db; render: Render }): Router {
  const router = Router();
  router.get(HEARING_OUTCOMES_PATH, async (_req, res) => {
    const outcomes = (await currentPublications(deps.db)).map((o) => ({
      ...o,
      standardsText: o.standards.map(humanise).join('; '),
      lastShownOn: addCalendarDays(o.withdrawOn, -1),
    }));
    deps.render(res, 'hearing-outcomes.njk', { title: 'Outcomes of misconduct hearings', backLink: '/', outcomes });
  });
  return router;
}
