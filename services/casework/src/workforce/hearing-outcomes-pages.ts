// The workforce's page of misconduct hearing outcomes (DOMAIN.md "Publication": published on the
// force's public site and on the intranet): what the public sees now, with the reason wherever an
// exception withholds a name, and the outcomes scheduled or already withdrawn. Every signed-in
// member of staff may read it — it holds nothing the public page does not, beyond the reasons.
import { Router } from 'express';
import type { Db } from '@probity/shared/db/client';
import { addCalendarDays } from '@probity/shared/domain/index';
import { workforcePublications } from '@probity/shared/publication/publication-list';
import { humanise } from '@probity/shared/web/format';
import type { Render } from '@probity/shared/web/pages';

export const WORKFORCE_HEARING_OUTCOMES_PATH = '/workforce/hearing-outcomes';

export function workforceHearingOutcomesPages(deps: { db: Db; render: Render }): Router {
  const router = Router();
  router.get(WORKFORCE_HEARING_OUTCOMES_PATH, async (_req, res) => {
    const all = (await workforcePublications(deps.db)).map((p) => ({
      ...p,
      standardsText: p.standards.map(humanise).join('; '),
      lastShownOn: addCalendarDays(p.withdrawOn, -1),
    }));
    deps.render(res, 'workforce-hearing-outcomes.njk', {
      title: 'Misconduct hearing outcomes',
      current: all.filter((p) => p.status === 'published'),
      scheduled: all.filter((p) => p.status === 'scheduled'),
      withdrawn: all.filter((p) => p.status === 'withdrawn'),
    });
  });
  return router;
}
