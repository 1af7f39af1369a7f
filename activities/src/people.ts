import type { Db } from '@probity/shared/db/client';

// Who stands above whom: the escalation chain is resolved when it is needed, so a change of
// manager is honoured from then on.
export function peopleActivities(db: Db) {
  return {
    async managerOf(personId: string): Promise<string | null> {
      const p = await db.person.findUnique({ where: { id: personId }, select: { managerId: true } });
      return p?.managerId ?? null;
    },
    async headOfPsd(): Promise<string> {
      const head = await db.person.findFirst({ where: { role: 'head-of-psd', active: true }, orderBy: { id: 'asc' } });
      if (!head) throw new Error('no active head of PSD in the Person table');
      return head.id;
    },
  };
}
