// Whose open tasks a person sees: their own and those of the people they manage — never a task of
// a case barred from them (restricted from them, or about themselves or their team) — a page at a
// time, earliest due first.
import type { Actor } from '@probity/shared/auth';
import { casesHiddenFrom } from '@probity/shared/cases/case-access';
import type { Db, Task } from '@probity/shared/db/client';
import { encodeTaskCursor, type TaskPlace } from './task-cursor';

export const INBOX_PAGE_SIZE = 50;
export const INBOX_PAGE_SIZE_MAX = 200;

export interface InboxPage {
  tasks: Task[];
  /** The cursor of the next page, when there is one. */
  next?: string;
}

export async function openTasksPage(db: Db, actor: Actor, opts: { type?: string; limit?: number; after?: TaskPlace } = {}): Promise<InboxPage> {
  const limit = opts.limit ?? INBOX_PAGE_SIZE;
  const reports = await db.person.findMany({ where: { managerId: actor.id }, select: { id: true } });
  const base = { completedAt: null, assigneeId: { in: [actor.id, ...reports.map((r) => r.id)] }, ...(opts.type ? { type: opts.type } : {}) };
  const shown: Task[] = [];
  let after = opts.after;
  // A barred case's tasks are left out after the read, so a short page reads on until it is full.
  for (;;) {
    const want = limit + 1 - shown.length;
    const rows = await db.task.findMany({
      where: after ? { ...base, OR: afterPlace(after) } : base,
      orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      take: want,
    });
    shown.push(...(await withoutHiddenCases(db, actor, rows)));
    // One more than a page was asked for, so a full page knows whether another follows.
    if (shown.length > limit) return { tasks: shown.slice(0, limit), next: encodeTaskCursor(shown[limit - 1]!) };
    if (rows.length < want) return { tasks: shown };
    after = rows.at(-1)!;
  }
}

/** Rows after this place in the inbox's order (due, created, id). */
function afterPlace(p: TaskPlace) {
  return [
    { dueAt: { gt: p.dueAt } },
    { dueAt: p.dueAt, createdAt: { gt: p.createdAt } },
    { dueAt: p.dueAt, createdAt: p.createdAt, id: { gt: p.id } },
  ];
}

/** The rows, less those of cases barred from the actor. */
export async function withoutHiddenCases<T extends { caseRef: string | null }>(db: Db, actor: Actor, rows: T[]): Promise<T[]> {
  const hidden = await casesHiddenFrom(db, actor, rows.flatMap((r) => (r.caseRef ? [r.caseRef] : [])));
  return hidden.size ? rows.filter((r) => !r.caseRef || !hidden.has(r.caseRef)) : rows;
}
