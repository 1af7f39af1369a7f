// The early-intervention pages: the flags a person may see with each rule's false-positive rate
// and (PSD managers) the flags by protected characteristic; one flag with the form that marks it;
// and the backtest of the rules over a past period. Plain forms, so they work with JavaScript off.
import { Router } from 'express';
import type { Db } from '@probity/shared/db/client';
import { FlagTransitionRefused, markFlag } from '@probity/shared/early-intervention/flag-store';
import { activeRuleSet } from '@probity/shared/early-intervention/rules';
import { fieldIssues, HttpError } from '@probity/shared/http/errors';
import { formErrors } from '@probity/shared/web/form-errors';
import { notAllowed, PageNotFound, type Render } from '@probity/shared/web/pages';
import { actorOfPage } from '../auth/staff';
import { mayOversee } from '../auth/roles';
import { caseHref } from '../tasks/task-links';
import { backtestPeriod } from './early-intervention-api';
import { backtestFor, disproportionality, flagFor, flagsFor, maySeeFlags, ratesFor } from './flag-queries';
import { flagMarkSchema, transitionOf } from './flag-form';

const NOT_ALLOWED = 'Early-intervention flags are for PSD managers, the head of PSD and the line managers of the officers flagged.';
const FLAG_ID = /^EI-[0-9a-f]{12}$/;

export function earlyInterventionPages(deps: { db: Db; render: Render }): Router {
  const { db, render } = deps;
  const router = Router();

  router.get('/early-intervention', async (_req, res) => {
    const actor = actorOfPage(res);
    if (!(await maySeeFlags(db, actor))) return notAllowed(render, res, NOT_ALLOWED);
    const manager = mayOversee(actor);
    render(res, 'early-intervention.njk', {
      title: 'Early intervention',
      flags: (await flagsFor(db, actor)).map((f) => ({ ...f, href: `/early-intervention/flags/${f.id}` })),
      rates: await ratesFor(db, actor),
      rules: activeRuleSet(),
      equality: manager ? await disproportionality(db) : null,
      backtestHref: manager ? '/early-intervention/backtest' : null,
    });
  });

  const showFlag = async (res: Parameters<Parameters<typeof router.get>[1]>[1], id: string, extra: Record<string, unknown> = {}, status = 200) => {
    const actor = actorOfPage(res);
    if (!(await maySeeFlags(db, actor))) return notAllowed(render, res, NOT_ALLOWED);
    const flag = FLAG_ID.test(id) ? await flagFor(db, actor, id) : null;
    if (!flag) throw new PageNotFound();
    render(res, 'early-intervention-flag.njk', { title: `Flag: ${flag.subject}`, flag, cases: flag.caseRefs.map((ref) => ({ ref, href: caseHref(ref) })), values: {}, ...extra }, status);
  };

  router.get('/early-intervention/flags/:flagId', async (req, res) => showFlag(res, req.params.flagId));

  router.post('/early-intervention/flags/:flagId', async (req, res) => {
    const actor = actorOfPage(res);
    const id = req.params.flagId;
    if (!(await maySeeFlags(db, actor))) return notAllowed(render, res, NOT_ALLOWED);
    if (!FLAG_ID.test(id) || !(await flagFor(db, actor, id))) throw new PageNotFound();
    const parsed = flagMarkSchema.safeParse(req.body);
    if (!parsed.success) return showFlag(res, id, { values: req.body, errors: formErrors(fieldIssues(parsed.error)) }, 400);
    try {
      await markFlag(db, id, actor.id, transitionOf(parsed.data));
    } catch (err) {
      if (err instanceof FlagTransitionRefused) return showFlag(res, id, { values: req.body, errors: formErrors([{ field: 'to', message: err.message }]) }, 409);
      throw err;
    }
    res.redirect(303, `/early-intervention/flags/${id}?done=${parsed.data.to}`);
  });

  router.get('/early-intervention/backtest', async (req, res) => {
    if (!mayOversee(actorOfPage(res))) return notAllowed(render, res, 'The backtest is for PSD managers and the head of PSD.');
    const q = { from: typeof req.query.from === 'string' && req.query.from ? req.query.from : undefined, to: typeof req.query.to === 'string' && req.query.to ? req.query.to : undefined };
    const bad = [q.from, q.to].some((d) => d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(d));
    let period;
    try {
      period = bad ? backtestPeriod({}) : backtestPeriod(q);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      period = backtestPeriod({});
    }
    const result = await backtestFor(db, period);
    render(res, 'early-intervention-backtest.njk', { title: 'Backtest of the early-intervention rules', ...result, values: period, backLink: '/early-intervention' }, bad ? 400 : 200);
  });
  return router;
}
