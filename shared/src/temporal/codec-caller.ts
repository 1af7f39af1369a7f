// Who is calling the codec endpoint: a person with a provider-issued bearer token (curl, a
// script), or a person signed in to the casework portal, whose session cookie the Temporal UI
// sends along when "Include cross-origin credentials" is on. Either way the person must be
// active in the register now.
import type { Request } from 'express';
import type { Actor } from '../auth';
import { AuthError } from '../auth/access-token';
import { actorFromBearer, type ActorAuth } from '../auth/bearer';
import { actorForPerson, UnknownPersonError } from '../auth/people';
import type { Sessions } from '../web/session';

export function codecCaller(auth: ActorAuth, sessions?: Pick<Sessions, 'fromCookieHeader'>): (req: Request) => Promise<Actor | undefined> {
  return async (req) => {
    try {
      if (req.get('authorization')) return await actorFromBearer(auth, req.get('authorization'));
      const session = await sessions?.fromCookieHeader(req.headers.cookie);
      return session?.personId ? await actorForPerson(auth.db, session.personId) : undefined;
    } catch (err) {
      if (err instanceof AuthError || err instanceof UnknownPersonError) return undefined;
      throw err;
    }
  };
}
