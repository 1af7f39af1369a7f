// The Person register is the source of truth for who someone is and what they may do: a token
// or session names a person; their current record (role, rank, team, division, active) decides.
import type { Actor } from '../auth';
import type { Db } from '../db/client';

export class UnknownPersonError extends Error {}

/** The actor a Person acts as, or UnknownPersonError if there is no such person or they are deactivated. */
export async function actorForPerson(db: Db, personId: string): Promise<Actor> {
  const p = await db.person.findUnique({ where: { id: personId }, select: { id: true, role: true, rank: true, team: true, division: true, active: true } });
  if (!p) throw new UnknownPersonError(`no person with id '${personId}'`);
  if (!p.active) throw new UnknownPersonError(`person '${personId}' is not active`);
  return { id: p.id, role: p.role, rank: p.rank, team: p.team, division: p.division };
}
