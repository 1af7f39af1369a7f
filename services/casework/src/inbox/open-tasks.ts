// Whose open tasks a person sees: their own and those of the people they manage.
import type { Db, Task } from '@probity/shared/db/client';

export async function openTasksFor(db: Db, personId: string, opts: { type?: string } = {}): Promise<Task[]> {
  const reports = await db.person.findMany({ where: { managerId: personId }, select: { id: true } });
  return db.task.findMany({
    where: { completedAt: null, assigneeId: { in: [personId, ...reports.map((r) => r.id)] }, ...(opts.type ? { type: opts.type } : {}) },
    orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }],
  });
}
