// CSRF protection for every form: a random token per session, in a hidden `_csrf` field of each
// form, checked on every POST. (SameSite=Lax cookies already stop most cross-site posts; this
// stops the rest.)
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { sessionOf } from './session';

export class CsrfError extends Error {}

/** Refuses a POST whose `_csrf` field does not match its session's token. Needs a parsed form body. */
export const requireCsrf: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') return next();
  const expected = sessionOf(res)?.data.csrf;
  const given = (req.body as Record<string, unknown> | undefined)?._csrf;
  const ok =
    typeof expected === 'string' && typeof given === 'string' && expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given));
  if (!ok) return next(new CsrfError('the form was not sent from this session'));
  next();
};
