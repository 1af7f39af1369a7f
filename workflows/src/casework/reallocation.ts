// Reallocating work on a case (DOMAIN.md "PSD manager … allocation, oversight"): one open task, or
// the whole case — its lead's open tasks and every task the lead would be given from now on — to
// another person. Its contract (the update both kinds of case answer) and its pure rules: who may,
// and to whom. Deterministic code; services import the contract from here or the case contracts.
import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from '@probity/shared/auth';
import { TaskRefusal } from './task-rules';
import type { CaseTask } from './types';

export interface ReallocationRequest {
  /** Who reallocates: a PSD manager, the head of PSD, or (for one task) the assignee's manager. */
  actor: Actor;
  /** The person the work goes to, as the register has them now (the service loads them). */
  to: Actor;
  /** One task; without it, the whole case. */
  taskId?: string;
  reason: string;
}

export interface ReallocationResult {
  /** The tasks that moved. */
  taskIds: string[];
  /** Who now leads the case. */
  lead?: string;
}

export const reallocateUpdate = defineUpdate<ReallocationResult, [ReallocationRequest]>('reallocate');

/** Roles that oversee PSD's allocation. */
export const REALLOCATING_ROLES = ['psd-manager', 'head-of-psd'];

/** Throws TaskRefusal unless the actor may reallocate (a task: also its assignee's manager). */
export function checkReallocator(actor: Actor, task: CaseTask | undefined): void {
  if (REALLOCATING_ROLES.includes(actor.role)) return;
  if (task && task.managerId === actor.id) return;
  throw new TaskRefusal(
    task
      ? `${actor.id} may not reallocate task ${task.id}: only a PSD manager, the head of PSD or the assignee's manager (${task.managerId ?? 'none'}) may`
      : `${actor.id} may not reallocate a whole case: only a PSD manager or the head of PSD may`,
  );
}

export function checkReason(reason: unknown): void {
  if (typeof reason !== 'string' || reason.trim().length === 0) throw new TaskRefusal('reason: say why the work is reallocated');
  if (reason.length > 2000) throw new TaskRefusal('reason: at most 2000 characters');
}
