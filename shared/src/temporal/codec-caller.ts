// Who is calling the codec endpoint: a person with a provider-issued bearer token. (The staff
// session cookie joins this once sessions exist.)
import type { Request } from 'express';
import type { Actor } from '../auth';
import { AuthError } from '../auth/access-token';
import { actorFromBearer, type ActorAuth } from '../auth/bearer';
import { UnknownPersonError } from '../auth/people';

export function codecCaller(auth: ActorAuth): (req: Request) => Promise<Actor | undefined> {
  return async (req) => {
    if (!req.get('authorization')) return undefined;
    try {
      return await actorFromBearer(auth, req.get('authorization'));
    } catch (err) {
      if (err instanceof AuthError || err instanceof UnknownPersonError) return undefined;
      throw err;
    }
  };
}
