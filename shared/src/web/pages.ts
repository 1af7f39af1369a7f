// Rendering pages and the pages every service shows when things go wrong: "not allowed" for a
// role that may not see a page, a 404, and an error page that never shows internals (the error
// goes to the redacted log).
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type nunjucks from 'nunjucks';
import { safeErrorFields } from '../http/errors';
import type { Logger } from '../log';
import { CsrfError } from './csrf';

export type Render = (res: Response, view: string, locals?: Record<string, unknown>, status?: number) => void;

/** Renders with res.locals (cspNonce, user, unread, csrfToken, nav) under the page's own locals. */
export function pageRenderer(env: nunjucks.Environment): Render {
  return (res, view, locals = {}, status = 200) => {
    res.status(status).type('html').send(env.render(view, { ...res.locals, ...locals }));
  };
}

/** The "not allowed" page (403): signed in, but not for this role. */
export function notAllowed(render: Render, res: Response, reason: string): void {
  render(res, 'not-allowed.njk', { title: 'You are not allowed to see this page', reason }, 403);
}

export class PageNotFound extends Error {}
export class NotAllowed extends Error {}

export const pageNotFound = (render: Render): RequestHandler => (_req, res) => {
  render(res, 'error.njk', { title: 'Page not found', lines: ['If you typed the web address, check it is correct.', 'If you followed a link, the page may have moved or the case may not exist.'] }, 404);
};

export function pageErrorHandler(render: Render, log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof PageNotFound) return pageNotFound(render)(req, res, next);
    if (err instanceof NotAllowed) return notAllowed(render, res, err.message);
    if (err instanceof CsrfError) {
      return render(res, 'error.njk', { title: 'Your form could not be sent', lines: ['The page had been open too long, or you had signed out. Go back, refresh the page and try again.'] }, 400);
    }
    const status = (err as { status?: number; type?: string }).type === 'entity.too.large' ? 413 : 500;
    if (status === 500) log.error({ ...safeErrorFields(err), method: req.method, route: req.route?.path ?? '(unmatched)' }, 'page failed');
    render(
      res,
      'error.njk',
      status === 413
        ? { title: 'What you sent is too long', lines: ['Shorten your answers and try again.'] }
        : { title: 'Sorry, there is a problem with the service', lines: ['Try again later. What you were doing has not been lost if you were told it was saved.', 'The problem has been recorded.'] },
      status,
    );
  };
}
