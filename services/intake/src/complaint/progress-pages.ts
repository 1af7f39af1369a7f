// The complainant's progress pages. The reference and case token are typed into a form and
// POSTed (never put in a URL, which browsers, proxies and access logs keep); a match opens the
// complaint in this browser session for a while, and the pages then show where it stands in
// plain words and take a review request while the window is open.
//   /progress                 the reference and token form
//   /your-complaint           where it stands
//   /your-complaint/review    ask for a review (the workflow decides; a refusal shows its reason)
import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Db } from '@probity/shared/db/client';
import { parseReference } from '@probity/shared/cases/reference';
import { londonDateOf } from '@probity/shared/domain/index';
import { fieldIssues } from '@probity/shared/http/errors';
import { formErrors, pageError } from '@probity/shared/web/form-errors';
import type { Render } from '@probity/shared/web/pages';
import type { Sessions } from '@probity/shared/web/session';
import { publicSession, type PublicSessionData } from '../public-session';
import { caseById, caseForToken, progressOf, requestReview, reviewRequestSchema, type OpenedCase, type ProgressDeps } from './complainant-access';
import { reviewRefusalInWords, reviewWindowOpen, stageWords } from './progress-words';

/** How long a complaint stays open in a browser after its token was typed (a shared computer). */
export const OPENED_FOR_MS = 30 * 60 * 1000;

export const progressLookupSchema = z.object({
  ref: z
    .string({ error: 'Enter your complaint reference number' })
    .trim()
    .toUpperCase()
    .min(1, 'Enter your complaint reference number')
    .refine((ref) => parseReference(ref) !== null, 'Enter your complaint reference number as it was given to you, like CO-2026-000123'),
  token: z.string({ error: 'Enter your case token' }).trim().min(1, 'Enter your case token'),
});

export interface ProgressPagesDeps extends ProgressDeps {
  db: Db;
  render: Render;
  sessions: Sessions;
  /** Rate limit for typing a reference and token (guessing is slowed down). */
  lookupLimiter: RequestHandler;
}

const NO_MATCH = 'No complaint matches that reference number and case token. Check them both and try again.';

export function progressLookupPages(deps: ProgressPagesDeps): Router {
  const router = Router();
  const form = (res: Response, locals: Record<string, unknown> = {}, status = 200) =>
    deps.render(res, 'progress-lookup.njk', { title: 'Check the progress of your complaint', backLink: '/', values: {}, ...locals }, status);

  router.get('/', (_req, res) => form(res));
  router.post('/', deps.lookupLimiter, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const values = { ref: typeof body.ref === 'string' ? body.ref : '' };
    const parsed = progressLookupSchema.safeParse(body);
    if (!parsed.success) return form(res, { values, errors: formErrors(fieldIssues(parsed.error)) }, 400);
    const opened = await caseForToken(deps.db, parsed.data.ref, parsed.data.token);
    if (!opened) return form(res, { values, errors: { summary: [{ text: NO_MATCH, href: '#ref' }], fields: { ref: { text: NO_MATCH } } } }, 404);
    // A new session for the opened complaint: whatever was in the old one stays behind.
    await deps.sessions.start(res, null, { opened: { caseId: opened.id, at: Date.now() } } satisfies PublicSessionData);
    res.redirect(303, '/your-complaint');
  });
  return router;
}

export function yourComplaintPages(deps: ProgressPagesDeps): Router {
  const router = Router();

  /** The complaint this session opened, or undefined (then the page sends them to /progress). */
  const openedCase = async (res: Response): Promise<OpenedCase | undefined> => {
    const opened = publicSession(res).data.opened;
    if (!opened || Date.now() - opened.at > OPENED_FOR_MS) return undefined;
    return (await caseById(deps.db, opened.caseId)) ?? undefined;
  };

  const withCase =
    (page: (c: OpenedCase, ...args: Parameters<RequestHandler>) => Promise<void> | void): RequestHandler =>
    async (req, res, next) => {
      const c = await openedCase(res);
      if (!c) return res.redirect(303, '/progress');
      await page(c, req, res, next);
    };

  const today = () => londonDateOf(Date.now());

  router.get(
    '/',
    withCase(async (c, _req, res) => {
      const session = publicSession(res);
      const flash = session.data.flash;
      if (flash) {
        delete session.data.flash;
        await deps.sessions.save(session);
      }
      const progress = await progressOf(deps, c);
      deps.render(res, 'your-complaint.njk', {
        title: `Your complaint ${c.ref}`,
        progress,
        words: stageWords(progress.stage),
        reviewOpen: reviewWindowOpen(progress.stage, progress.reviewWindowClosesOn, today()),
        flash,
      });
    }),
  );

  const reviewForm = async (c: OpenedCase, res: Response, locals: Record<string, unknown> = {}, status = 200) => {
    const progress = await progressOf(deps, c);
    deps.render(
      res,
      'review.njk',
      {
        title: 'Ask for a review of the outcome',
        backLink: '/your-complaint',
        ref: c.ref,
        progress,
        reviewOpen: reviewWindowOpen(progress.stage, progress.reviewWindowClosesOn, today()),
        values: {},
        ...locals,
      },
      status,
    );
  };

  router.get(
    '/review',
    withCase((c, _req, res) => reviewForm(c, res)),
  );

  router.post(
    '/review',
    withCase(async (c, req, res) => {
      const body = req.body as Record<string, unknown>;
      const values = { reason: typeof body.reason === 'string' ? body.reason : '' };
      const parsed = reviewRequestSchema.safeParse(body);
      if (!parsed.success) return reviewForm(c, res, { values, errors: formErrors(fieldIssues(parsed.error)) }, 400);
      const answer = await requestReview(deps, c, parsed.data);
      if (answer.kind === 'refused') return reviewForm(c, res, { values, refusal: reviewRefusalInWords(answer.reason) }, 409);
      if (answer.kind === 'unavailable') {
        return reviewForm(c, res, { values, errors: pageError('Your request could not be sent just now. Try again in a few minutes.', '#reason') }, 503);
      }
      const session = publicSession(res);
      session.data.flash = 'Your request for a review has been sent. We will tell you what happens next.';
      await deps.sessions.save(session);
      res.redirect(303, '/your-complaint');
    }),
  );

  return router;
}
