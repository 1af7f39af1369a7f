// GET /lessons (the workforce's list by theme, every signed-in person) and POST /cases/:ref/lessons
// (a lesson for the organisation at finalisation): the same rules as the pages (lesson-pages.ts) —
// the case access rule, then lessonRefusal (finalised; its handler or PSD), then the check for
// obvious personal data, refused as a 400 naming the field.
import { z } from 'zod';
import { actorOf, requireActor, type ActorAuth } from '@probity/shared/auth/bearer';
import type { Db } from '@probity/shared/db/client';
import { LESSON_THEMES, lessonFormSchema, lessonThemeSchema } from '@probity/shared/domain/index';
import { operation, reply, HttpError, type Api } from '@probity/shared/http/api';
import { validationFailed } from '@probity/shared/http/errors';
import { COMMON_ERRORS, errors, isoDateTime } from '@probity/shared/http/openapi';
import { apiCaseAccess } from '../access/case-access';
import { SIGNED_IN, refParams } from '../api-shapes';
import { lessonRefusal, lessonsByTheme, recordLesson } from './lesson-store';

export const LESSONS_TAG = { name: 'lessons', description: 'Lessons for the organisation recorded at finalisation, listed to the whole workforce by theme' };
const tags = ['lessons'];

const lessonSchema = z.object({ lesson: z.string(), recordedAt: isoDateTime });
export const lessonBodySchema = lessonFormSchema.meta({ id: 'LessonBody' });

export const listLessons = operation({
  method: 'get',
  path: '/lessons',
  operationId: 'lessonsByTheme',
  summary: 'Every lesson learnt, by theme in the themes’ order, the latest first (without the case it came from)',
  tags,
  query: z.object({ theme: lessonThemeSchema.optional().describe('Only this theme') }),
  responses: {
    200: {
      description: 'The themes with lessons',
      schema: z.object({ themes: z.array(z.object({ theme: z.enum(LESSON_THEMES), lessons: z.array(lessonSchema) })) }).meta({ id: 'LessonsByTheme' }),
    },
    ...SIGNED_IN,
    400: COMMON_ERRORS[400],
  },
});

export const recordLessonOp = operation({
  method: 'post',
  path: '/cases/:ref/lessons',
  operationId: 'recordLesson',
  summary: 'Record a lesson for the organisation from a finalised case (its handler or PSD); a lesson naming anyone is refused',
  description: 'A lesson holding an email address, a phone number, a title with a name, or the name of one of the case’s people or of the workforce is a 400 naming the field `lesson` and what to remove.',
  tags,
  params: refParams,
  body: lessonBodySchema,
  responses: {
    201: { description: 'The lesson as recorded', schema: z.object({ id: z.string(), ref: z.string(), theme: z.enum(LESSON_THEMES), lesson: z.string() }) },
    ...SIGNED_IN,
    400: COMMON_ERRORS[400],
    403: errors('Not allowed on this case (conflict of interest or no need to know, `basis` says which), not finalised yet, or not its handler or PSD; `message` says which', ['forbidden'], {
      basis: z.enum(['conflict-of-interest', 'need-to-know']).optional(),
    }),
    404: errors('No such case (or one the person may not know of)', ['not_found']),
  },
});

export function lessonApiRoutes(api: Api, deps: { db: Db; auth: ActorAuth }): void {
  const { db } = deps;
  const authenticated = requireActor(deps.auth);
  api.route(listLessons, authenticated, async ({ query }) => {
    const themes = (await lessonsByTheme(db)).filter((t) => !query.theme || t.theme === query.theme);
    return reply(200, { themes: themes.map((t) => ({ theme: t.theme, lessons: t.lessons.map((l) => ({ lesson: l.lesson, recordedAt: l.recordedAt.toISOString() })) })) });
  });
  api.route(recordLessonOp, authenticated, async ({ params: { ref }, body }, _req, res) => {
    const actor = actorOf(res);
    const caseId = await apiCaseAccess(db, ref, actor, { need: 'work', what: 'lessons', notFound: { message: `no case ${ref}` } });
    const refused = await lessonRefusal(db, caseId, actor);
    if (refused) throw new HttpError(403, 'forbidden', refused);
    const result = await recordLesson(db, { caseId, ref }, actor, body);
    if (!result.ok) throw validationFailed([{ field: result.field, message: result.message }], result.message);
    return reply(201, { id: result.id, ref, theme: body.theme, lesson: body.lesson });
  });
}
