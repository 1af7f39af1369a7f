import type { Db } from '@probity/shared/db/client';
import { recordProceedingsRoleOfTask } from './conduct';

// Human tasks live in the workflow; this mirrors them into Postgres for the task inbox. A conduct
// task of the disciplinary process also records its assignee and its completer as working on the
// proceedings, which is what the §3.3.9 seal is keyed on.
export interface TaskRecord {
  id: string;
  caseId: string;
  caseRef: string;
  workflowId: string;
  type: string;
  assigneeId: string;
  dueAt: string;
  createdAt: string;
}

export function taskActivities(db: Db) {
  return {
    async openTask(t: TaskRecord): Promise<void> {
      const row = { ...t, dueAt: new Date(t.dueAt), createdAt: new Date(t.createdAt) };
      await db.task.upsert({ where: { id: t.id }, create: row, update: {} });
      await recordProceedingsRoleOfTask(db, t, t.assigneeId, row.createdAt);
    },
    async closeTask(id: string, completedAt: string, completedBy: string): Promise<void> {
      await db.task.updateMany({ where: { id, completedAt: null }, data: { completedAt: new Date(completedAt), completedBy } });
      const task = await db.task.findUnique({ where: { id }, select: { caseId: true, workflowId: true, type: true } });
      if (task) await recordProceedingsRoleOfTask(db, task, completedBy, new Date(completedAt));
      // The first contact of a complaint filed online, by phone or letter is the handler's
      // first-contact task; one recorded at first contact had it at intake. Either way the
      // "working days to first contact" figure counts it (the first one only: repeatable).
      if (task?.type === 'first-contact') {
        await db.case.updateMany({ where: { id: task.caseId, kind: 'complaint', firstContactAt: null }, data: { firstContactAt: new Date(completedAt) } });
      }
    },
    /** A task reallocated to another person (the case workflow's reallocate update). */
    async reassignTask(id: string, assigneeId: string): Promise<void> {
      const task = await db.task.update({ where: { id }, data: { assigneeId }, select: { caseId: true, workflowId: true, type: true } });
      // The case's handler on the record (allocation's workload count, the case page) follows the
      // work: once the handler it names holds none of the case's open tasks, the case is the new
      // person's. Read afresh each time, so a retried activity finishes what a failed one began.
      const holder = await db.case.findUnique({ where: { id: task.caseId }, select: { assigneeId: true } });
      if (holder?.assigneeId && holder.assigneeId !== assigneeId) {
        const stillHeld = await db.task.count({ where: { caseId: task.caseId, assigneeId: holder.assigneeId, completedAt: null } });
        if (stillHeld === 0) await db.case.updateMany({ where: { id: task.caseId, assigneeId: holder.assigneeId }, data: { assigneeId } });
      }
      // The new assignee of a proceedings task is on the proceedings from now (§3.3.9: assigned or acting).
      await recordProceedingsRoleOfTask(db, task, assigneeId, new Date());
    },
    /** A paused task's new due date after a suspension (C&M reg 40). */
    async rescheduleTask(id: string, dueAt: string): Promise<void> {
      await db.task.update({ where: { id }, data: { dueAt: new Date(dueAt) } });
    },
    async recordEscalation(id: string, escalations: number): Promise<void> {
      await db.task.update({ where: { id }, data: { escalations } });
    },
  };
}
