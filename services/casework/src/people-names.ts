import type { Db } from '@probity/shared/db/client';

/** People's names by id, for pages (ids that are not people — 'system', 'public' — are left out). */
export async function peopleNames(db: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => Boolean(i)))];
  if (!wanted.length) return new Map();
  const rows = await db.person.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((p) => [p.id, p.name]));
}
