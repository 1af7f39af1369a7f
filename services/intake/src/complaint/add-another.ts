// GOV.UK's "add another thing" pattern, without JavaScript: a list page (what has been added,
// with Change and Remove, and "Do you need to add another?"), a page to add or change one item,
// and a page to confirm removing one. Used for the allegations and the people involved.
import { Router, type Request, type Response } from 'express';
import type { Render } from '@probity/shared/web/pages';
import { PageNotFound } from '@probity/shared/web/pages';
import type { ComplaintAnswers, PageResult, Values } from './complaint-answers';
import { readYesNo } from './complaint-answers';

export interface AddAnotherSpec<V extends Values> {
  /** Where in the answers (and under /complaint/) the list lives. */
  key: 'allegations' | 'people';
  /** Fewest items the complaint needs: with none yet and a minimum, the list page goes straight to "add". */
  min: number;
  max: number;
  /** The add/change page's view and its heading. */
  itemView: string;
  itemTitle: (n: number) => string;
  /** What else the add/change page shows (e.g. the choices of its radios). */
  itemLocals?: Record<string, unknown>;
  read: (body: Record<string, unknown>) => PageResult<V>;
  /** The summary list row of an item. */
  row: (item: V) => { key: string; value: string };
  /** The list page's heading, by how many there are (0 only when `min` is 0). */
  listTitle: (count: number) => string;
  /** With none added yet (min 0): the question asked instead of "add another". */
  firstQuestion?: { legend: string; hint?: string; error: string };
  anotherQuestion: { legend: string; error: string };
  /** What "remove" asks about an item. */
  removeQuestion: (item: V) => string;
  /** Called when the complainant says there is no one/nothing more to add. */
  onDone?: (answers: ComplaintAnswers) => void;
}

export interface JourneyContext {
  render: Render;
  answersOf(res: Response): ComplaintAnswers;
  save(res: Response): Promise<void>;
  /** Where to go after this part: the next question, or back to check your answers. */
  nextAfter(req: Request, next: string): string;
  backFor(req: Request, previous: string): string;
}

export function addAnotherPages<V extends Values>(spec: AddAnotherSpec<V>, next: string, previous: string, ctx: JourneyContext): Router {
  const router = Router();
  const base = `/complaint/${spec.key}`;
  const list = (res: Response) => ctx.answersOf(res)[spec.key] as unknown as V[];
  /** The item a 1-based URL number names, or a 404 page. */
  const indexOf = (req: Request, res: Response) => {
    const n = Number(req.params.n);
    if (!Number.isInteger(n) || n < 1 || n > list(res).length) throw new PageNotFound();
    return n - 1;
  };
  const fromCheck = (req: Request) => (req.query.from === 'check' ? '?from=check' : '');

  const listPage = (req: Request, res: Response, locals: Record<string, unknown> = {}, status = 200) => {
    const items = list(res);
    const question = items.length === 0 && spec.firstQuestion ? spec.firstQuestion : spec.anotherQuestion;
    ctx.render(
      res,
      'add-another.njk',
      {
        title: spec.listTitle(items.length),
        backLink: ctx.backFor(req, previous),
        rows: items.map((item, i) => ({ ...spec.row(item), change: `${base}/${i + 1}`, remove: `${base}/${i + 1}/remove`, n: i + 1 })),
        question,
        full: items.length >= spec.max,
        values: {},
        ...locals,
      },
      status,
    );
  };

  router.get(`/${spec.key}`, (req, res) => {
    if (list(res).length === 0 && spec.min > 0) return res.redirect(303, `${base}/new${fromCheck(req)}`);
    listPage(req, res);
  });

  router.post(`/${spec.key}`, async (req, res) => {
    const items = list(res);
    const question = items.length === 0 && spec.firstQuestion ? spec.firstQuestion : spec.anotherQuestion;
    const answer = readYesNo(req.body as Record<string, unknown>, 'another', question.error);
    if (!answer.ok) return listPage(req, res, { errors: answer.errors, values: answer.values }, 400);
    if (answer.values.another === 'yes' && items.length < spec.max) return res.redirect(303, `${base}/new${fromCheck(req)}`);
    if (items.length < spec.min) return res.redirect(303, `${base}/new${fromCheck(req)}`);
    spec.onDone?.(ctx.answersOf(res));
    await ctx.save(res);
    res.redirect(303, ctx.nextAfter(req, next));
  });

  const itemPage = (req: Request, res: Response, n: number, locals: Record<string, unknown>, status = 200) =>
    ctx.render(res, spec.itemView, { title: spec.itemTitle(n), backLink: list(res).length ? `${base}${fromCheck(req)}` : ctx.backFor(req, previous), n, ...spec.itemLocals, ...locals }, status);

  router.get(`/${spec.key}/new`, (req, res) => {
    if (list(res).length >= spec.max) return res.redirect(303, base);
    itemPage(req, res, list(res).length + 1, { values: {} });
  });
  router.post(`/${spec.key}/new`, async (req, res) => {
    const read = spec.read(req.body as Record<string, unknown>);
    if (!read.ok) return itemPage(req, res, list(res).length + 1, { values: read.values, errors: read.errors }, 400);
    if (list(res).length < spec.max) list(res).push(read.values);
    await ctx.save(res);
    res.redirect(303, `${base}${fromCheck(req)}`);
  });

  router.get(`/${spec.key}/:n`, (req, res) => {
    const i = indexOf(req, res);
    itemPage(req, res, i + 1, { values: list(res)[i] });
  });
  router.post(`/${spec.key}/:n`, async (req, res) => {
    const i = indexOf(req, res);
    const read = spec.read(req.body as Record<string, unknown>);
    if (!read.ok) return itemPage(req, res, i + 1, { values: read.values, errors: read.errors }, 400);
    list(res)[i] = read.values;
    await ctx.save(res);
    res.redirect(303, `${base}${fromCheck(req)}`);
  });

  const removePage = (req: Request, res: Response, i: number, locals: Record<string, unknown> = {}, status = 200) =>
    ctx.render(res, 'remove.njk', { title: spec.removeQuestion(list(res)[i]!), backLink: `${base}${fromCheck(req)}`, values: {}, ...locals }, status);

  router.get(`/${spec.key}/:n/remove`, (req, res) => removePage(req, res, indexOf(req, res)));
  router.post(`/${spec.key}/:n/remove`, async (req, res) => {
    const i = indexOf(req, res);
    const answer = readYesNo(req.body as Record<string, unknown>, 'remove', 'Select yes if you want to remove it');
    if (!answer.ok) return removePage(req, res, i, { errors: answer.errors }, 400);
    if (answer.values.remove === 'yes') list(res).splice(i, 1);
    await ctx.save(res);
    res.redirect(303, `${base}${fromCheck(req)}`);
  });

  return router;
}
