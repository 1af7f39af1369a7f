// Bearer-token authentication for people acting in the system. The verified Actor is kept in
// res.locals.actor; `actorOf(res)` reads it back with its type.
import type { RequestHandler, Response } from 'express';
import { AuthError, isPsd, verifyToken, type Actor } from '@probity/shared/auth';
import { HttpError } from './http-errors';

export function requireActor(secret: string): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      res.set('WWW-Authenticate', 'Bearer realm="probity"');
      return next(new HttpError(401, 'unauthorized', 'sign in: send Authorization: Bearer <token>'));
    }
    try {
      res.locals.actor = await verifyToken(match[1]!, secret);
      next();
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      res.set('WWW-Authenticate', 'Bearer realm="probity", error="invalid_token"');
      next(new HttpError(401, 'unauthorized', 'the bearer token is invalid or has expired'));
    }
  };
}

export function actorOf(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new Error('actorOf() used on a route without requireActor()');
  return actor;
}

/** 403 unless the actor passes `allowed`; `what` completes "only … may …". */
export function requireRole(allowed: (actor: Actor) => boolean, what: string): RequestHandler {
  return (_req, res, next) => {
    const actor = actorOf(res);
    if (allowed(actor)) return next();
    next(new HttpError(403, 'forbidden', `your role (${actor.role}) may not do this: ${what}`));
  };
}

/** Who may record a complaint taken at first contact (§3.2.2). */
export const mayRecordFirstContact = (actor: Actor) => actor.role === 'front-line' || actor.role === 'supervisor' || isPsd(actor);

export const psdOnly = (actor: Actor) => isPsd(actor);
