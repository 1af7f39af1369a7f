// Server-side browser sessions for Probity's web services. The cookie carries only a random key,
// signed with SESSION_SECRET; the session itself is a WebSession row whose id is the key's
// sha256. Cookies are httpOnly, SameSite=Lax, Secure outside localhost, and named per service
// (cookies for 127.0.0.1 are shared by every port, so two services must never share a name).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Db } from '../db/client';

export interface SessionData {
  /** The CSRF token every form of this session carries. */
  csrf?: string;
  /** An authorization request under way (OpenID Connect, PKCE). */
  signIn?: { state: string; verifier: string; nonce: string; returnTo: string };
  /** The provider's ID token, for ending the session there too at sign-out. */
  idToken?: string;
  [key: string]: unknown;
}

export interface Session {
  id: string;
  personId: string | null;
  data: SessionData;
  expiresAt: Date;
}

export interface SessionOptions {
  db: Db;
  /** 'casework', 'intake': whose sessions these are. */
  service: string;
  cookieName: string;
  secret: string;
  /** Secure cookies: true unless the service is served from localhost over http. */
  secure: boolean;
  ttlMs?: number;
}

export interface Sessions {
  /** Loads the request's session, if any, into res.locals.session. */
  load: RequestHandler;
  /** A new session (and its cookie): at sign-in, always a fresh one, so a planted key is worthless. */
  start(res: Response, personId: string | null, data?: SessionData): Promise<Session>;
  save(session: Session): Promise<void>;
  /** Ends the session: the row goes, the cookie is cleared. */
  end(res: Response, session: Session | undefined): Promise<void>;
  /** The live session a Cookie header names, if any (for other services, e.g. the codec endpoint). */
  fromCookieHeader(header: string | undefined): Promise<Session | undefined>;
}

const DEFAULT_TTL_MS = 8 * 60 * 60 * 1000;
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** The named cookie's value in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export const sessionOf = (res: Response): Session | undefined => res.locals.session as Session | undefined;

export function webSessions(opts: SessionOptions): Sessions {
  const ttlMs = opts.ttlMs ?? DEFAULT_TTL_MS;
  const sign = (key: string) => createHmac('sha256', opts.secret).update(`${opts.service}.${key}`).digest('base64url');

  /** The session key in a cookie value, if its signature holds. */
  const keyOf = (value: string | undefined): string | undefined => {
    const [key, mac] = (value ?? '').split('.');
    if (!key || !mac) return undefined;
    const expected = Buffer.from(sign(key));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given) ? key : undefined;
  };

  const find = async (key: string | undefined): Promise<Session | undefined> => {
    if (!key) return undefined;
    const row = await opts.db.webSession.findUnique({ where: { id: hashKey(key) } });
    if (!row || row.service !== opts.service) return undefined;
    if (row.expiresAt.getTime() <= Date.now()) {
      await opts.db.webSession.deleteMany({ where: { id: row.id } });
      return undefined;
    }
    return { id: row.id, personId: row.personId, data: row.data as SessionData, expiresAt: row.expiresAt };
  };

  const cookie = { httpOnly: true, sameSite: 'lax' as const, secure: opts.secure, path: '/' };

  return {
    load: async (req: Request, res, next) => {
      res.locals.session = await find(keyOf(cookieValue(req.headers.cookie, opts.cookieName)));
      next();
    },
    async start(res, personId, data = {}) {
      await this.end(res, sessionOf(res));
      const key = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + ttlMs);
      const session: Session = { id: hashKey(key), personId, data: { ...data, csrf: randomBytes(32).toString('base64url') }, expiresAt };
      await opts.db.webSession.create({ data: { id: session.id, service: opts.service, personId, data: session.data as object, expiresAt } });
      res.cookie(opts.cookieName, `${key}.${sign(key)}`, { ...cookie, expires: expiresAt });
      res.locals.session = session;
      return session;
    },
    async save(session) {
      await opts.db.webSession.update({ where: { id: session.id }, data: { data: session.data as object } });
    },
    async end(res, session) {
      if (session) await opts.db.webSession.deleteMany({ where: { id: session.id } });
      res.clearCookie(opts.cookieName, cookie);
      res.locals.session = undefined;
    },
    fromCookieHeader: (header) => find(keyOf(cookieValue(header, opts.cookieName))),
  };
}
