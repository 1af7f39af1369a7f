// The complaint case API: a case's full record (from Postgres; the workflow's live state only when
// asked, ?live=true), and completing a task. Who may read the record is the access rule
// (access/case-access.ts: PSD, the people working on it, the divisional lead of its division; never
// its subjects or their team; a restricted case only for the counter-corruption unit and the head
// of PSD, as "not found" to everyone else). The workflow's update validator is
// the judge of whether a task may be completed (right actor, right stage, valid payload); its
// refusal is a 409.
import { z } from 'zod';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { actorOf, requireActor, type ActorAuth } from '@probity/shared/auth/bearer';
import { operation, reply, type Api } from '@probity/shared/http/api';
import { errors } from '@probity/shared/http/openapi';
import { WorkflowNotFound, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { workflowFailure } from '../workflow-failure';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { REVIEW_BODIES, REVIEW_OUTCOMES, reviewRecommendationSchema } from '@probity/shared/domain/index';
import { apiCaseAccess } from '../access/case-access';
import { caseProgressOf } from './case-record';
import { SIGNED_IN, caseAccessRefused, refParams, refTaskParams, unavailable, workflowStateSchema, workflowStatusSchema, workflowTaskSchema } from '../api-shapes';

export const completeTaskBodySchema = z
  .object({
    payload: z.unknown().optional().describe('Its shape depends on the task type; the workflow validates it'),
  })
  .meta({ id: 'CompleteTaskBody' });

/** How long ?live=true waits for the workflow: a worker with a backlog answers late or not at all. */
export const LIVE_STATE_TIMEOUT_MS = 2_000;

const caseProgressSchema = z
  .object({
    stage: z.string(),
    suspended: z.boolean(),
    slaBreached: z.boolean().describe('A task of the case was escalated past its deadline'),
    handling: z.enum(['outside-schedule-3', 'schedule-3']).nullable().describe("The assessment's decision; allocation's first routing until assessed (null: neither yet)"),
    handlingAssessed: z.boolean().describe('Whether `handling` is the assessment\'s decision (false: the first routing)'),
    referToIopc: z.boolean(),
    handlerId: z.string().nullable().describe('The handler, once allocated'),
    leadId: z.string().nullable().describe('Who works the case now: the handler, or the assessor before allocation'),
  })
  .describe('Where the case stands, from the case record (what the workflow has recorded; answered without the worker)')
  .meta({ id: 'CaseProgress' });

const caseWorkflowStatusSchema = z
  .enum([...workflowStatusSchema.options, 'not-queried'])
  .describe("Whether `state` was read from the workflow: 'not-queried' without ?live=true");

const caseRecordSchema = z
  .object({
    case: z
      .looseObject({
        id: z.string(),
        ref: z.string(),
        stage: z.string(),
        allegations: z.array(z.looseObject({ seq: z.number().int() })),
        reviews: z
          .array(z.looseObject({ n: z.number().int(), body: z.enum(REVIEW_BODIES), outcome: z.enum(REVIEW_OUTCOMES).nullable(), recommendations: z.array(reviewRecommendationSchema) }))
          .describe('Each review: its body, outcome and the review body\'s recommendations'),
      })
      .describe('The Case row with its allegations and reviews (personal data included; never the token hash)'),
    progress: caseProgressSchema,
    state: workflowStateSchema.nullable().describe("The workflow's live state: only with ?live=true, and null when it did not answer within the live deadline"),
    workflow: caseWorkflowStatusSchema,
  })
  .meta({ id: 'CaseRecord' });

/** ?live=true asks the workflow too; without it the record answers alone, never waiting on the worker. */
const caseRecordQuerySchema = z.object({
  live: z.enum(['true', 'false']).optional().describe(`Also query the workflow for its live state, waiting at most ${LIVE_STATE_TIMEOUT_MS / 1000} s (default false)`),
});

export const caseRecord = operation({
  method: 'get',
  path: '/cases/:ref',
  operationId: 'caseRecord',
  summary: 'The case record and where it stands (PSD, the people working on it, the divisional lead of its division)',
  description: "Answered from the case record. With ?live=true the workflow's state query is added, with a short deadline: the record's `progress` is what pages show.",
  tags: ['casework'],
  params: refParams,
  query: caseRecordQuerySchema,
  responses: { 200: { description: 'The case', schema: caseRecordSchema }, ...SIGNED_IN, 403: caseAccessRefused, 404: errors('No such case, or a restricted case the person may not know of', ['not_found']) },
});

export const completeTask = operation({
  method: 'post',
  path: '/cases/:ref/tasks/:taskId/complete',
  operationId: 'completeTask',
  summary: 'Complete a workflow task',
  description: 'Runs the workflow update completeTask; its validator checks the actor, the stage and the payload.',
  tags: ['casework'],
  params: refTaskParams,
  body: completeTaskBodySchema,
  bodyRequired: false,
  responses: {
    200: { description: 'The completed task', schema: z.object({ task: workflowTaskSchema }) },
    ...SIGNED_IN,
    403: caseAccessRefused,
    404: errors('No running workflow for this reference (or a case the person may not know of)', ['not_found']),
    409: errors('The workflow refused: wrong actor, wrong stage or a bad payload; `message` says which', ['task_refused']),
    503: unavailable,
  },
});

export const CASE_WORKFLOW_UNAVAILABLE = 'the case workflow did not answer; try again shortly';

export interface CaseApiDeps {
  db: Db;
  log: Logger;
  auth: ActorAuth;
  workflows: ComplaintWorkflows;
}

export function caseApiRoutes(api: Api, deps: CaseApiDeps): void {
  const authenticated = requireActor(deps.auth);

  api.route(caseRecord, authenticated, async ({ params: { ref }, query }, _req, res) => {
    await apiCaseAccess(deps.db, ref, actorOf(res), { need: 'record', what: 'case-record', notFound: { message: `no case ${ref}` } });
    const row = await deps.db.case.findUniqueOrThrow({
      where: { ref },
      include: { allegations: { orderBy: { seq: 'asc' } }, reviews: { orderBy: { n: 'asc' } } },
      omit: { publicTokenHash: true },
    });
    const progress = await caseProgressOf(deps.db, row);
    let state: Record<string, unknown> | null = null;
    let workflow: z.input<typeof caseWorkflowStatusSchema> = 'not-queried';
    if (query.live === 'true') {
      try {
        state = { ...(await deps.workflows.state(ref, LIVE_STATE_TIMEOUT_MS)) };
        workflow = 'running';
      } catch (err) {
        if (err instanceof WorkflowNotFound) workflow = 'not-started';
        else if (err instanceof WorkflowUnavailable) workflow = 'unavailable';
        else throw err;
      }
    }
    deps.log.info({ ref, actorId: actorOf(res).id }, 'case record viewed');
    return reply(200, { case: row as unknown as z.input<typeof caseRecordSchema>['case'], progress: progress as z.input<typeof caseProgressSchema>, state, workflow });
  });

  api.route(completeTask, authenticated, async ({ params: { ref, taskId }, body }, _req, res) => {
    const actor = actorOf(res);
    await apiCaseAccess(deps.db, ref, actor, { need: 'work', what: 'task-completion', notFound: { message: `no open case workflow for ${ref}` } });
    try {
      const task = await deps.workflows.completeTask(ref, { taskId, actor, payload: body?.payload });
      deps.log.info({ ref, taskId, taskType: task.type, actorId: actor.id }, 'task completed');
      return reply(200, { task });
    } catch (err) {
      return workflowFailure(err, { refusedCode: 'task_refused', notFound: `no open case workflow for ${ref}`, unavailable: CASE_WORKFLOW_UNAVAILABLE });
    }
  });
}
