// The public pages' browser sessions: server-side (a WebSession row; the cookie holds only a
// signed random key), so a complainant's answers, the CSRF token and the case they opened with
// their token never travel in a URL or a log line. The cookie has its own name (cookies for
// 127.0.0.1 are shared by every port, and the staff portal has one too), is httpOnly,
// SameSite=Lax, and Secure unless the pages are served over plain http on this machine.
import type { RequestHandler, Response } from 'express';
import { isLoopbackUrl } from '@probity/shared/config';
import type { Db } from '@probity/shared/db/client';
import { sessionOf, webSessions, type Session, type SessionData, type Sessions } from '@probity/shared/web/session';
import type { ComplaintAnswers } from './complaint/complaint-answers';

export const PUBLIC_SESSION_COOKIE = 'probity_public_session';
export const PUBLIC_SESSION_SERVICE = 'intake';
/** Long enough to write a complaint at one's own pace; answers are gone after it. */
export const PUBLIC_SESSION_TTL_MS = 2 * 60 * 60 * 1000;

export interface PublicSessionData extends SessionData {
  /** The complaint form's answers so far. */
  answers?: ComplaintAnswers;
  /** The Idempotency-Key of the next "Send complaint": a double click sends one complaint. */
  sendKey?: string;
  /** The complaint just sent, for the confirmation page; its token sealed (TokenSealer). */
  sent?: { ref: string; sealedToken: string };
  /** The complaint this session opened with its reference and token (progress pages). */
  opened?: { caseId: string; at: number };
  /** A one-time message for the next page (e.g. "review requested"). */
  flash?: string;
}

export function publicSessions(db: Db, opts: { url: string; secret: string }): Sessions {
  const url = new URL(opts.url);
  return webSessions({
    db,
    service: PUBLIC_SESSION_SERVICE,
    cookieName: PUBLIC_SESSION_COOKIE,
    secret: opts.secret,
    secure: url.protocol === 'https:' || !isLoopbackUrl(opts.url),
    ttlMs: PUBLIC_SESSION_TTL_MS,
  });
}

export const publicData = (res: Response): PublicSessionData => (sessionOf(res)?.data ?? {}) as PublicSessionData;

/** The request's session; res.locals.session is set by `ensureSession`. */
export function publicSession(res: Response): Session & { data: PublicSessionData } {
  const session = sessionOf(res);
  if (!session) throw new Error('publicSession() used on a page without ensureSession');
  return session as Session & { data: PublicSessionData };
}

/**
 * Every page with a form has a session (its CSRF token goes into the form). A new one is started
 * when there is none; expired public sessions are swept then, so answers left behind go too.
 */
export function ensureSession(db: Db, sessions: Sessions): RequestHandler {
  return async (_req, res, next) => {
    let session = sessionOf(res);
    if (!session) {
      await db.webSession.deleteMany({ where: { service: PUBLIC_SESSION_SERVICE, expiresAt: { lt: new Date() } } });
      session = await sessions.start(res, null);
    }
    res.locals.csrfToken = session.data.csrf;
    next();
  };
}
