// Lessons learnt: the case's "Record lessons for the organisation" page, open once the case is
// finalised to its handler and to PSD, and the workforce's page of every lesson by theme (all
// staff). A lesson holding obvious personal data is refused with what to remove, beside the field.
import { Router } from 'express';
import type { Db } from '@probity/shared/db/client';
import { LESSON_THEMES, lessonFormSchema } from '@probity/shared/domain/index';
import { fieldIssues } from '@probity/shared/http/errors';
import { formErrors, type FormErrors } from '@probity/shared/web/form-errors';
import { humanise } from '@probity/shared/web/format';
import { NotAllowed, type Render } from '@probity/shared/web/pages';
import { pageCaseAccess } from '../access/case-access';
import { actorOfPage } from '../auth/staff';
import { caseHref } from '../tasks/task-links';
import { lessonRefusal, lessonsByTheme, lessonsOfCase, recordLesson } from './lesson-store';

export const WORKFORCE_LESSONS_PATH = '/workforce/lessons';

export function lessonPages(deps: { db: Db; render: Render }): Router {
  const { db, render } = deps;
  const router = Router();

  const allowed = async (res: Parameters<Render>[0], ref: string) => {
    const actor = actorOfPage(res);
    const { caseId } = await pageCaseAccess(db, ref, actor, { need: 'work', what: 'lessons' });
    const refused = await lessonRefusal(db, caseId, actor);
    if (refused) throw new NotAllowed(refused);
    return { actor, caseId };
  };

  const show = async (res: Parameters<Render>[0], ref: string, caseId: string, extra: { errors?: FormErrors; values?: Record<string, string>; recorded?: boolean } = {}, status = 200) =>
    render(res, 'lessons-record.njk', {
      title: 'Record lessons for the organisation',
      ref,
      backLink: caseHref(ref),
      themes: LESSON_THEMES.map((t) => ({ value: t, text: humanise(t), checked: extra.values?.theme === t })),
      lessons: await lessonsOfCase(db, caseId),
      values: {},
      ...extra,
    }, status);

  router.get('/cases/:ref/lessons', async (req, res) => {
    const ref = String(req.params.ref);
    const { caseId } = await allowed(res, ref);
    await show(res, ref, caseId, { recorded: req.query.recorded === '1' });
  });

  router.post('/cases/:ref/lessons', async (req, res) => {
    const ref = String(req.params.ref);
    const { actor, caseId } = await allowed(res, ref);
    const body = req.body as Record<string, unknown>;
    const values = { theme: typeof body.theme === 'string' ? body.theme : '', lesson: typeof body.lesson === 'string' ? body.lesson : '' };
    const parsed = lessonFormSchema.safeParse(body);
    if (!parsed.success) return show(res, ref, caseId, { values, errors: formErrors(fieldIssues(parsed.error)) }, 400);
    const result = await recordLesson(db, { caseId, ref }, actor, parsed.data);
    if (!result.ok) return show(res, ref, caseId, { values, errors: formErrors([{ field: result.field, message: result.message }]) }, 400);
    res.redirect(303, `/cases/${encodeURIComponent(ref)}/lessons?recorded=1`);
  });

  router.get(WORKFORCE_LESSONS_PATH, async (_req, res) => {
    render(res, 'workforce-lessons.njk', { title: 'Lessons learnt', themes: (await lessonsByTheme(db)).map((t) => ({ ...t, text: humanise(t.theme) })) });
  });
  return router;
}
