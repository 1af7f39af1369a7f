import { SignJWT, jwtVerify } from 'jose';
import { z } from 'zod';

// Every human action is taken by an authenticated person. The bearer token carries who they are
// (id, role, rank, team, division); services check permissions against it and pass the actor
// on to workflows, whose update validators check it again.
export const actorSchema = z.object({
  id: z.string().min(1),
  role: z.string().min(1),
  rank: z.string().nullable(),
  team: z.string().min(1),
  division: z.string().min(1),
});
export type Actor = z.infer<typeof actorSchema>;

/** Roles in the Professional Standards Department itself. */
export const PSD_ROLES = ['psd-handler', 'psd-investigator', 'psd-manager', 'head-of-psd'] as const;
export const isPsd = (actor: Pick<Actor, 'role'>) => (PSD_ROLES as readonly string[]).includes(actor.role);

const ISSUER = 'probity';
const key = (secret: string) => new TextEncoder().encode(secret);

export async function issueToken(actor: Actor, secret: string, ttl = '12h'): Promise<string> {
  const { id, ...claims } = actorSchema.parse(actor);
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(id).setIssuer(ISSUER)
    .setIssuedAt().setExpirationTime(ttl).sign(key(secret));
}

export class AuthError extends Error {}

export async function verifyToken(token: string, secret: string): Promise<Actor> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, algorithms: ['HS256'] });
    return actorSchema.parse({ ...payload, id: payload.sub });
  } catch (err) {
    throw new AuthError(`invalid bearer token: ${(err as Error).message}`);
  }
}
