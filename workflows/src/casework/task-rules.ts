// Rules every case's human tasks share: who may complete one, and how a payload is read. Pure
// functions (no workflow APIs), so services can run the same checks before they ask a workflow.
import type { z } from 'zod';
import { isPsd, type Actor } from '@probity/shared/auth';
import type { CaseTask } from './types';

/** A refused task completion or request; its message is what the person is told (HTTP 409). */
export class TaskRefusal extends Error {
  override readonly name = 'TaskRefusal';
}

/**
 * Throws TaskRefusal unless the actor may complete the task: its assignee or the assignee's
 * manager (known when the task was opened), and only PSD for the task types in `psdOnly`.
 */
export function checkTaskActor<TType extends string>(task: CaseTask<TType>, actor: Actor, psdOnly: readonly TType[]): void {
  if (actor.id !== task.assigneeId && actor.id !== task.managerId) {
    throw new TaskRefusal(
      `${actor.id} may not complete task ${task.id}: only the assignee (${task.assigneeId})` +
        (task.managerId ? ` or their manager (${task.managerId})` : '') + ' may',
    );
  }
  if (psdOnly.includes(task.type) && !isPsd(actor)) {
    throw new TaskRefusal(`only PSD may complete a ${task.type} task; ${actor.id} is ${actor.role}`);
  }
}

/** Parses a task payload with its type's schema; throws TaskRefusal naming each bad field. */
export function parseTaskPayload<TType extends string, S extends Record<TType, z.ZodType>, T extends TType>(
  schemas: S,
  type: T,
  payload: unknown,
): z.infer<S[T]> {
  const parsed = schemas[type].safeParse(payload ?? {});
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
    throw new TaskRefusal(`invalid ${type} payload — ${fields.join('; ')}`);
  }
  return parsed.data as z.infer<S[T]>;
}
