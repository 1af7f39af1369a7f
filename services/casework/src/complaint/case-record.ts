// What a case page shows, from the case record in Postgres: the summary, allegations, the
// timeline of stages (entered, due, left, breached), open and completed tasks and the audit trail,
// with people's names, and where the case stands (caseProgress). Shared by the complaint and
// conduct matter pages. Never the workflow's state: its query waits behind the worker's backlog
// (BENCHMARKS.md, "The case page at 20,000 open cases"), and the record holds what a page shows.
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
    progress: caseProgress(row, tasks, row.auditEntries),
    openTasks: tasks.filter((t) => !t.completedAt).map((t) => ({ ...t, assignee: nameOf(t.assigneeId), overdue: t.dueAt.getTime() < now, breached: t.escalations > 0 })),
    completedTasks: tasks.filter((t) => t.completedAt).map((t) => ({ ...t, assignee: nameOf(t.assigneeId), by: t.completedBy?.startsWith('system:') ? `Withdrawn: ${humanise(t.completedBy.slice(7)).toLowerCase()}` : nameOf(t.completedBy) })),
    stages: row.stageTimings.map((s) => ({ ...s, late: Boolean(s.breachedAt) || (s.dueAt && (s.leftAt ?? new Date()).getTime() > s.dueAt.getTime()) })),
    audit: row.auditEntries.map((a) => ({ ...a, who: a.actorId === 'system' ? 'Probity' : a.actorId === 'public' ? 'The complainant (online)' : nameOf(a.actorId) })),
  };
}

export const temporalLink = (uiUrl: string, namespace: string, workflowId: string) =>
  `${uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;

/** Allocation's decisions (services/allocation) and the workflow's record of a handler allocated. */
const ROUTED = 'assessor-chosen';
const HANDLER_ALLOCATED = new Set(['handler-chosen', 'allocated']);

/**
 * Where a case stands, from its record: what the workflow's state query used to answer for the
 * page. Breached: a task was escalated (the workflow records each escalation on the task).
 * Handling and IOPC referral: the assessment's (Case.handling, Case.referToIopc) once assessed;
 * before that, allocation's first routing, kept in its decision's audit entry. The handler:
 * Case.assigneeId once a handler was allocated (reallocation keeps it current); before that it
 * names the assessor, who is not yet the handler.
 */
export function caseProgress(
  row: { stage: string; suspended: boolean; handling: string | null; referToIopc: boolean; assigneeId: string | null },
  tasks: { escalations: number }[],
  audit: { action: string; detail: unknown }[],
) {
  const routed = audit.find((a) => a.action === ROUTED)?.detail as { handling?: string; referToIopc?: boolean } | undefined;
  const assessed = row.handling !== null;
  return {
    stage: row.stage,
    suspended: row.suspended,
    slaBreached: tasks.some((t) => t.escalations > 0),
    handling: row.handling ?? routed?.handling ?? null,
    handlingAssessed: assessed,
    referToIopc: assessed ? row.referToIopc : (routed?.referToIopc ?? row.referToIopc),
    handlerId: audit.some((a) => HANDLER_ALLOCATED.has(a.action)) ? row.assigneeId : null,
    /** Who the workflow treats as the case's lead: the handler, or the assessor before allocation. */
    leadId: row.assigneeId,
  };
}
export type CaseProgress = ReturnType<typeof caseProgress>;

/** caseProgress for a case row, with only the task and audit facts it reads. */
export async function caseProgressOf(db: Db, row: Parameters<typeof caseProgress>[0] & { id: string; ref: string }): Promise<CaseProgress> {
  const [tasks, audit] = await Promise.all([
    db.task.findMany({ where: { caseRef: row.ref, escalations: { gt: 0 } }, select: { escalations: true }, take: 1 }),
    db.auditEntry.findMany({ where: { caseId: row.id, action: { in: [ROUTED, ...HANDLER_ALLOCATED] } }, select: { action: true, detail: true } }),
  ]);
  return caseProgress(row, tasks, audit);
}
