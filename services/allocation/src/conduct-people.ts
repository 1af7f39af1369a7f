// Who a conduct matter involves, from the Person table's reporting lines. Pure rules here, with
// the Postgres loading beside them.
import { isAtLeast, policeRankSchema, type Person } from '@probity/shared/domain/index';
import type { Db } from '@probity/shared/db/client';

export interface ChainPerson {
  id: string;
  rank: string | null;
  grade?: string | null;
  role: string;
  managerId: string | null;
  active: boolean;
}

/** A Person row as the rank rules see it: an officer with a rank, or police staff with a grade. */
export function asPerson(p: Pick<ChainPerson, 'rank' | 'grade' | 'role'>): Person {
  const rank = policeRankSchema.safeParse(p.rank);
  return rank.success ? { kind: 'officer', rank: rank.data } : { kind: 'staff', grade: p.grade ?? p.role };
}

/**
 * §3.3.4: the supervisor's chief inspector — the first active officer of chief inspector rank or
 * above going up the raiser's line management (managerId), never a subject of the matter (a
 * conflict of interest) and never the raiser themself. Null when the chain has none.
 */
export function chiefInspectorInChain(
  people: ReadonlyMap<string, ChainPerson>,
  raiserId: string,
  subjectIds: readonly string[] = [],
): string | null {
  const seen = new Set<string>([raiserId]);
  let next = people.get(raiserId)?.managerId ?? null;
  while (next && !seen.has(next)) {
    seen.add(next);
    const p = people.get(next);
    if (!p) return null;
    const rank = policeRankSchema.safeParse(p.rank);
    if (p.active && !subjectIds.includes(p.id) && rank.success && isAtLeast(rank.data, 'chief-inspector')) return p.id;
    next = p.managerId;
  }
  return null;
}

/** §3.3.3: reflective practice is between the officer and their line manager; failing one, the raiser. */
export function reflectiveReviewer(subject: Pick<ChainPerson, 'id' | 'managerId'>, raiserId: string, people: ReadonlyMap<string, ChainPerson>): string {
  const manager = subject.managerId ? people.get(subject.managerId) : undefined;
  return manager && manager.active && manager.id !== subject.id ? manager.id : raiserId;
}

/** The raiser's chain upwards and the subject's manager, loaded from Postgres (a handful of rows). */
export async function loadChain(db: Db, startIds: string[]): Promise<Map<string, ChainPerson>> {
  const people = new Map<string, ChainPerson>();
  let frontier = [...new Set(startIds)];
  for (let depth = 0; frontier.length > 0 && depth < 20; depth++) {
    const rows = await db.person.findMany({
      where: { id: { in: frontier } },
      select: { id: true, rank: true, grade: true, role: true, managerId: true, active: true },
    });
    for (const r of rows) people.set(r.id, r);
    frontier = rows.map((r) => r.managerId).filter((id): id is string => id !== null && !people.has(id));
  }
  return people;
}
