// Bearer-token authentication for Probity's JSON APIs. The token must be an access token from the
// force's OpenID provider (access-token.ts); the person it names is then loaded from the Person
// register on every request, so a deactivated person is refused at once, whatever their token says.
// The Actor is kept in res.locals.actor; `actorOf(res)` reads it back with its type.
import type { RequestHandler, Response } from 'express';
import { isPsd, type Actor } from '../auth';
import type { Db } from '../db/client';
import { HttpError } from '../http/errors';
import { AuthError, AuthUnavailable, type AccessTokenVerifier } from './access-token';
import { actorForPerson, UnknownPersonError } from './people';

/** What checks a caller: the provider's tokens and the Person register. */
export interface ActorAuth {
  verifier: AccessTokenVerifier;
  db: Db;
}

/** The Actor behind an `Authorization: Bearer …` header; throws AuthError / AuthUnavailable / UnknownPersonError. */
export async function actorFromBearer(auth: ActorAuth, header: string | undefined): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw new AuthError('no bearer token');
  const { sub } = await auth.verifier.verify(match[1]!);
  return actorForPerson(auth.db, sub);
}

export function requireActor(auth: ActorAuth): RequestHandler {
  return async (req, res, next) => {
    if (!req.get('authorization')) {
      res.set('WWW-Authenticate', 'Bearer realm="probity"');
      return next(new HttpError(401, 'unauthorized', 'sign in: send Authorization: Bearer <access token from the OpenID provider>'));
    }
    try {
      res.locals.actor = await actorFromBearer(auth, req.get('authorization'));
      next();
    } catch (err) {
      if (err instanceof AuthUnavailable) return next(new HttpError(503, 'unavailable', 'sign-in cannot be checked just now; try again shortly'));
      if (err instanceof UnknownPersonError) {
        res.set('WWW-Authenticate', 'Bearer realm="probity", error="invalid_token"');
        return next(new HttpError(401, 'unauthorized', 'the person this token names is not an active member of staff'));
      }
      if (!(err instanceof AuthError)) return next(err);
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
