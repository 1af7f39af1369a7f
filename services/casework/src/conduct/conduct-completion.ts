// Completing a conduct matter task, for the API and the portal alike. The sealed parts of
// reflective practice completions (§3.3.9) go to the RPRP record, never to the workflow: the
// officer's account (reflective discussion), the actions' descriptions (development report) and
// the review note. The actor and payload are checked against the open task with the workflow's
// own rules first, so nothing is stored for a completion that would be refused; the workflow
// then checks again.
import type { Actor } from '@probity/shared/auth';
import type { Db } from '@probity/shared/db/client';
import { parseOr400 } from '@probity/shared/http/errors';
import { recordRprpAccount, recordRprpActions, recordRprpReviewNote, type RprpAction } from '@probity/activities/rprp';
import type { ConductTask } from '@probity/workflows/conduct/contract';
import { checkActor, parsePayload } from '@probity/workflows/conduct/task-rules';
import { developmentReportBodySchema, reflectiveDiscussionBodySchema, rprpReviewBodySchema } from './conduct-form';
import type { ConductWorkflows } from './conduct-workflows';

/** Completes the task: refusals come back as TaskRefusal (checked here) or WorkflowRefused (the workflow's). */
export async function completeConductTask(
  deps: { db: Db; workflows: ConductWorkflows },
  ref: string,
  taskId: string,
  actor: Actor,
  body: unknown,
): Promise<ConductTask> {
  const open = (await deps.workflows.state(ref)).openTasks.find((t) => t.id === taskId);
  const forWorkflow = open ? await splitSealed(deps.db, ref, open, actor, body) : body;
  return deps.workflows.completeTask(ref, { taskId, actor, payload: forWorkflow });
}

async function splitSealed(db: Db, ref: string, task: ConductTask, actor: Actor, body: unknown): Promise<unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  switch (task.type) {
    case 'reflective-discussion': {
      const { account, heldOn } = parseOr400(reflectiveDiscussionBodySchema, b);
      const payload = { heldOn, accountRecorded: true };
      checkActor(task, actor);
      parsePayload(task.type, payload);
      await recordRprpAccount(db, ref, account, actor);
      return payload;
    }
    case 'development-report': {
      const { actions } = parseOr400(developmentReportBodySchema, b);
      const withIds = actions.map((a, i) => ({ id: `A${i + 1}`, dueOn: a.dueOn, owner: a.owner ?? 'participant' }));
      const payload = { actions: withIds };
      checkActor(task, actor);
      const parsed = parsePayload(task.type, payload);
      const stored: RprpAction[] = parsed.actions.map((a, i) => ({ ...a, description: actions[i]!.description }));
      await recordRprpActions(db, ref, stored);
      return payload;
    }
    case 'rprp-review': {
      const { note, heldOn } = parseOr400(rprpReviewBodySchema, b);
      const payload = { heldOn };
      checkActor(task, actor);
      parsePayload(task.type, payload);
      if (note !== undefined) await recordRprpReviewNote(db, ref, note);
      return payload;
    }
    default:
      return body;
  }
}
