// A workflow call that failed, as the API's answer: the workflow's refusal (409 with the rule's
// reason), no such workflow (404), or Temporal not answering (503). Anything else is a fault.
import { reply } from '@probity/shared/http/api';
import { WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { TaskRefusal } from '@probity/workflows/conduct/task-rules';

export function workflowFailure<C extends string>(err: unknown, words: { refusedCode: C; notFound: string; unavailable: string }) {
  if (err instanceof WorkflowRefused || err instanceof TaskRefusal) return reply(409, { error: words.refusedCode, message: err.message });
  if (err instanceof WorkflowNotFound) return reply(404, { error: 'not_found' as const, message: words.notFound });
  if (err instanceof WorkflowUnavailable) return reply(503, { error: 'unavailable' as const, message: words.unavailable });
  throw err;
}
