// What a case page shows, from the case record in Postgres: the summary, allegations, the
// timeline of stages (entered, due, left, breached), open and completed tasks and the audit trail,
// with people's names. Shared by the complaint and conduct matter pages.
import type { Db } from '@probity/shared/db/client';
import { humanise } from '@probity/shared/web/format';
import { peopleNames } from '../people-names';

export async function caseRecord(db: Db, ref: string) {
  const row = await db.case.findUnique({
    where: { ref },
    include: { allegations: { orderBy: { seq: 'asc' } }, reviews: { orderBy: { n: 'asc' } }, stageTimings: { orderBy: { enteredAt: 'asc' } }, auditEntries: { orderBy: { at: 'asc' } } },
    omit: { publicTokenHash: true },
  });
  if (!row) return undefined;
  const tasks = await db.task.findMany({ where: { caseRef: ref }, orderBy: [{ createdAt: 'asc' }] });
  const names = await peopleNames(db, [...tasks.flatMap((t) => [t.assigneeId, t.completedBy]), ...row.auditEntries.map((a) => a.actorId), row.assigneeId, row.recordedById, ...row.reviews.map((r) => r.reviewerId)]);
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? id) : '');
  const now = Date.now();
  return {
    row,
    nameOf,
    openTasks: tasks.filter((t) => !t.completedAt).map((t) => ({ ...t, assignee: nameOf(t.assigneeId), overdue: t.dueAt.getTime() < now, breached: t.escalations > 0 })),
    completedTasks: tasks.filter((t) => t.completedAt).map((t) => ({ ...t, assignee: nameOf(t.assigneeId), by: t.completedBy?.startsWith('system:') ? `Withdrawn: ${humanise(t.completedBy.slice(7)).toLowerCase()}` : nameOf(t.completedBy) })),
    stages: row.stageTimings.map((s) => ({ ...s, late: Boolean(s.breachedAt) || (s.dueAt && (s.leftAt ?? new Date()).getTime() > s.dueAt.getTime()) })),
    audit: row.auditEntries.map((a) => ({ ...a, who: a.actorId === 'system' ? 'Probity' : a.actorId === 'public' ? 'The complainant (online)' : nameOf(a.actorId) })),
  };
}

export const temporalLink = (uiUrl: string, namespace: string, workflowId: string) =>
  `${uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
