// The shapes every case workflow shares (complaint, conduct): human tasks and stage timings.
// Types only; the task type is each workflow's own union of task names.

export interface CaseTask<TType extends string = string> {
  id: string;
  type: TType;
  assigneeId: string;
  /** The assignee's manager (may also complete the task) — known when the task is opened. */
  managerId: string | null;
  createdAt: string;
  dueAt: string;
  /** How many times the breach has been escalated so far (0 = not breached). */
  escalations: number;
  completedAt?: string;
  completedBy?: string;
}

export interface StageEntry {
  stage: string;
  enteredAt: string;
  dueAt?: string;
}
