// Whose open tasks a person sees: their own and those of the people they manage — never a task of
// a case barred from them (restricted from them, or about themselves or their team).
import type { Actor } from '@probity/shared/auth';
import { casesHiddenFrom } from '@probity/shared/cases/case-access';
import type { Db, Task } from '@probity/shared/db/client';

export async function openTasksFor(db: Db, actor: Actor, opts: { type?: string } = {}): Promise<Task[]> {
  const reports = await db.person.findMany({ where: { managerId: actor.id }, select: { id: true } });
  const tasks = await db.task.findMany({
    where: { completedAt: null, assigneeId: { in: [actor.id, ...reports.map((r) => r.id)] }, ...(opts.type ? { type: opts.type } : {}) },
    orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }],
  });
  return withoutHiddenCases(db, actor, tasks);
}

/** The rows, less those of cases barred from the actor. */
export async function withoutHiddenCases<T extends { caseRef: string | null }>(db: Db, actor: Actor, rows: T[]): Promise<T[]> {
  const hidden = await casesHiddenFrom(db, actor, rows.flatMap((r) => (r.caseRef ? [r.caseRef] : [])));
  return hidden.size ? rows.filter((r) => !r.caseRef || !hidden.has(r.caseRef)) : rows;
}
