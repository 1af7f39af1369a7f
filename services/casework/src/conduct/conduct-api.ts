// The conduct matter API (DOMAIN.md "Conduct matter", policy §3.3), for people signed in with a
// provider-issued bearer token:
//   POST /conduct-matters                                  raise a matter (supervisor or above)
//   GET  /conduct-matters/:ref                             the matter and its workflow state
//   POST /conduct-matters/:ref/tasks/:taskId/complete      complete a task (sealed RPRP parts split off)
//   POST /conduct-matters/:ref/formal-assessment-request   §3.3.5: chief inspector or above only
//   POST /conduct-matters/:ref/officer-response            Conduct reg 18 / reg 31 response received
//   POST /conduct-matters/:ref/appeal                      Conduct reg 45 written notice of appeal
//   POST /conduct-matters/:ref/window-extension            Conduct reg 45(3)(a) / reg 31(1)(b) extension
//   POST /conduct-matters/:ref/iopc-decision               Sch 3 paras 14–15: the IOPC's decision on a referred matter (C&M reg 7)
//   GET  /conduct-matters/:ref/rprp                        the sealed reflective practice record (§3.3.9)
// Who may read a matter or act on it is the access rule (access/case-access.ts): never its subject
// (but for their own response and appeal) nor their team (but for the line management the policy
// gives it), a restricted matter "not found" to all but the counter-corruption unit and the head
// of PSD. The workflow's update validators judge every action on a running matter; their refusals
// are 409s.
import { z } from 'zod';
import { isPsd, type Actor } from '@probity/shared/auth';
import { loadConfig } from '@probity/shared/config';
import type { Db } from '@probity/shared/db/client';
import { CONDUCT_IOPC_DECISIONS, SUPERVISOR_VIEWS, isIsoDate } from '@probity/shared/domain/index';
import type { Logger } from '@probity/shared/log';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { readSealedRprpRecord } from '@probity/activities/rprp';
import { STANDARDS } from '@probity/workflows/conduct/contract';
import { formalRequestRefusal, psdOpensAssessmentRefusal } from '@probity/workflows/conduct/task-rules';
import { apiCaseAccess } from '../access/case-access';
import { completeConductTask } from './conduct-completion';
import { raiseConductMatter, refusedFormalRequest } from './raise-conduct-matter';
import { actorOf, requireActor, requireRole } from '@probity/shared/auth/bearer';
import type { ActorAuth } from '@probity/shared/auth/bearer';
import { completeTaskBodySchema } from '../complaint/case-api';
import { idempotencyKeySchema } from '@probity/shared/cases/idempotency';
import { lazyTemporal, WorkflowNotFound, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { assessmentSourceFields, checkSourceDetail, conductMatterFormSchema, mayRaiseConductMatter } from './conduct-form';
import { createConductStore } from './conduct-store';
import { conductWorkflows, type ConductWorkflows } from './conduct-workflows';
import { operation, reply, type Api } from '@probity/shared/http/api';
import { workflowFailure } from '../workflow-failure';
import { errors, idempotentHeaders, isoDateTime } from '@probity/shared/http/openapi';
import { SIGNED_IN, caseAccessRefused, refParams, refTaskParams, unavailable, workflowStateSchema, workflowStatusSchema, workflowTaskSchema } from '../api-shapes';

export interface ConductRoutesDeps {
  db: Db;
  log: Logger;
  auth: ActorAuth;
  /** Woken after every accepted matter. */
  outbox?: { nudge(): void };
  /** The conduct workflows; by default a lazy Temporal client from the environment's config. */
  conductWorkflows?: ConductWorkflows;
}

export const conductUrlFor = (ref: string) => `/conduct-matters/${encodeURIComponent(ref)}`;

export const formalRequestBodySchema = z
  .object({
    rationale: z.string({ error: 'rationale is required: why PSD should assess the conduct formally' }).trim().min(1, 'rationale must not be empty').max(4000, 'rationale must be at most 4000 characters'),
    /** PSD only, acting for the appropriate authority: where the allegation came from (§3.3.5 is policy, not law). */
    ...assessmentSourceFields,
  })
  .superRefine(checkSourceDetail);
export const officerResponseBodySchema = z.object({
  window: z.enum(['notice', 'referral'], { error: "window must be 'notice' (Conduct reg 18) or 'referral' (Conduct reg 31)" }),
});

/** Conduct reg 45(3)(a) / reg 31(1)(b): an extension for exceptional circumstances. */
export const windowExtensionBodySchema = z.object({
  window: z.enum(['appeal', 'referral'], { error: "window must be 'appeal' (Conduct reg 45) or 'referral' (Conduct reg 31)" }),
  closesOn: z.string({ error: 'closesOn is required as YYYY-MM-DD' }).refine(isIsoDate, 'closesOn must be a real date as YYYY-MM-DD'),
  reason: z.string({ error: 'reason is required: the exceptional circumstances' }).trim().min(1, 'reason must not be empty').max(4000, 'reason must be at most 4000 characters'),
});

/** Sch 3 paras 14–15: the IOPC's decision on a recordable conduct matter referred to it (C&M reg 7). */
export const iopcDecisionBodySchema = z.object({
  decision: z.enum(CONDUCT_IOPC_DECISIONS, { error: `decision must be one of: ${CONDUCT_IOPC_DECISIONS.join(', ')} (the IOPC's decision, Sch 3 paras 14–15)` }),
  iopcReference: z.string({ error: "iopcReference is required: the IOPC's reference for the referral" }).trim().min(1, 'iopcReference must not be empty').max(100, 'iopcReference must be at most 100 characters'),
});

const tags = ['conduct'];
const noWorkflow = errors('No open conduct matter workflow for this reference', ['not_found']);
const withState = { description: "The matter workflow's state after the update", schema: z.object({ state: workflowStateSchema }) };

const triageSchema = z
  .object({
    route: z.enum(['local-reflective-practice', 'discuss-with-chief-inspector', 'seek-psd-advice', 'request-formal-assessment']),
    basis: z.string().meta({ examples: ['§3.3.4', '§3.3.5', '§3.3.7'] }),
    explanation: z.string(),
  })
  .meta({ id: 'ConductTriage' });

const acceptedSchema = z
  .object({ ref: z.string().regex(/^CM-\d{4}-\d{6,}$/).meta({ example: 'CM-2026-000123' }), caseId: z.uuid(), url: z.string(), triage: triageSchema })
  .meta({ id: 'ConductMatterAccepted' });

const matterRecordSchema = z
  .object({
    matter: z.object({
      ref: z.string(),
      caseId: z.string(),
      stage: z.string(),
      receivedAt: isoDateTime,
      closedAt: isoDateTime.nullable(),
      view: z.enum(SUPERVISOR_VIEWS),
      standards: z.array(z.enum(STANDARDS)),
      subjectPersonId: z.string(),
      raisedById: z.string(),
      account: z.record(z.string(), z.unknown()).optional().describe('What happened, when and where: PSD and the supervisor who raised the matter only'),
    }),
    state: workflowStateSchema.nullable(),
    workflow: workflowStatusSchema,
  })
  .meta({ id: 'ConductMatterRecord' });

const rprpSchema = z
  .looseObject({ ref: z.string(), participantId: z.string(), reviewerId: z.string() })
  .describe('Sealed (§3.3.9): the reflective practice record, account, actions and review included')
  .meta({ id: 'RprpRecord' });

export const raiseMatter = operation({
  method: 'post',
  path: '/conduct-matters',
  operationId: 'raiseConductMatter',
  summary: 'Raise a conduct matter (a supervisor or above)',
  description:
    "Triage follows the supervisor's view (§3.3.4–§3.3.7). A view of possible misconduct is a request for formal PSD assessment, which only an officer of chief inspector rank or above may make (§3.3.5): anyone else gets a 403 formal_assessment_refused — except PSD, acting for the appropriate authority, who give the allegation's `source` (and `sourceDetail` when it is 'other'): for them §3.3.5's routing is advice, not a bar. A source from anyone else is a 403.",
  tags,
  headers: {
    'Idempotency-Key': idempotencyKeySchema
      .optional()
      .describe('Makes the POST safe to retry: the same key with the same body returns the first answer and never raises a second matter; the same key with a different body is a 409.'),
  },
  body: conductMatterFormSchema.meta({ id: 'ConductMatterForm' }),
  responses: {
    202: { description: 'Accepted: the matter is recorded and its workflow starts', schema: acceptedSchema, headers: idempotentHeaders },
    ...SIGNED_IN,
    403: errors('Not a supervisor or above (forbidden), or a request for formal assessment by someone below chief inspector (formal_assessment_refused, basis §3.3.5)', ['forbidden', 'formal_assessment_refused'], { basis: z.literal('§3.3.5').optional() }),
    409: errors('The Idempotency-Key was already used with a different request', ['idempotency_key_reused']),
    422: errors('The matter is about the person raising it', ['own_conduct']),
  },
});

export const conductMatter = operation({
  method: 'get',
  path: '/conduct-matters/:ref',
  operationId: 'conductMatter',
  summary: 'The matter and its workflow state (PSD, the supervisor who raised it, and people with a task on it)',
  description: "The supervisor's account of what happened is included only for PSD and the supervisor who raised the matter.",
  tags,
  params: refParams,
  responses: {
    200: { description: 'The matter', schema: matterRecordSchema },
    ...SIGNED_IN,
    403: caseAccessRefused,
    404: errors('No such conduct matter, or a restricted one the person may not know of', ['not_found']),
  },
});

export const completeMatterTask = operation({
  method: 'post',
  path: '/conduct-matters/:ref/tasks/:taskId/complete',
  operationId: 'completeConductTask',
  summary: 'Complete a task of the matter',
  description:
    'Runs the workflow update completeTask; its validator checks the actor, the stage and the payload. For the RPRP tasks the sealed parts (§3.3.9) are split off and stored in the reflective practice record, never in the workflow: reflective-discussion takes { account, heldOn }, development-report takes { actions: [{ description, dueOn, owner }] }, rprp-review takes { note, heldOn }. The actor and payload are checked against the open task first, so nothing sealed is stored for a completion that is refused.',
  tags,
  params: refTaskParams,
  body: completeTaskBodySchema,
  bodyRequired: false,
  responses: {
    200: { description: 'The completed task', schema: z.object({ task: workflowTaskSchema }) },
    ...SIGNED_IN,
    403: caseAccessRefused,
    404: noWorkflow,
    409: errors('The workflow refused: wrong actor, wrong stage or a bad payload; `message` says which', ['task_refused']),
    503: unavailable,
  },
});

export const requestFormal = operation({
  method: 'post',
  path: '/conduct-matters/:ref/formal-assessment-request',
  operationId: 'requestFormalAssessment',
  summary: 'Ask PSD to assess the matter formally (§3.3.5: chief inspector or above), or PSD opens the assessment itself with a source',
  description:
    "Runs the workflow update requestFormalAssessment. Without `source`, someone below chief inspector rank is refused with a 403 before the workflow is asked (§3.3.5, force policy for supervisors). With `source` (and `sourceDetail` when it is 'other'), PSD acting for the appropriate authority opens the severity assessment on an allegation that reached it by any route; anyone else is refused with a 403. The workflow's own refusal is a 409.",
  tags,
  params: refParams,
  body: formalRequestBodySchema.meta({ id: 'FormalAssessmentRequestBody' }),
  responses: {
    200: withState,
    ...SIGNED_IN,
    403: errors('Below chief inspector rank (formal_assessment_refused, basis §3.3.5), or not allowed on this matter by the access rule (forbidden)', ['formal_assessment_refused', 'forbidden'], {
      basis: z.enum(['§3.3.5', 'conflict-of-interest', 'need-to-know']).optional(),
    }),
    404: noWorkflow,
    409: errors('The workflow refused the request (e.g. already requested, or past triage); `message` says why', ['formal_assessment_refused']),
    503: unavailable,
  },
});

/** The answers of an update to a matter's workflow: its state, or the workflow's refusal as a 409 with `code`. */
const updateResponses = <C extends string>(refused: string, code: C) =>
  ({ 200: withState, ...SIGNED_IN, 403: caseAccessRefused, 404: noWorkflow, 409: errors(refused, [code]), 503: unavailable }) as const;

export const officerResponse = operation({
  method: 'post',
  path: '/conduct-matters/:ref/officer-response',
  operationId: 'recordOfficerResponse',
  summary: "Record that the officer's response was received (Conduct reg 18 after the notice, reg 31 after a referral)",
  description: 'Runs the workflow update recordOfficerResponse; a refusal (no such window open, not the officer or PSD) is a 409.',
  tags,
  params: refParams,
  body: officerResponseBodySchema.meta({ id: 'OfficerResponseBody' }),
  responses: updateResponses('The workflow refused; `message` says why', 'response_refused'),
});

export const lodgeAppeal = operation({
  method: 'post',
  path: '/conduct-matters/:ref/appeal',
  operationId: 'lodgeConductAppeal',
  summary: 'Lodge a written notice of appeal from a misconduct meeting (Conduct reg 45)',
  description: 'No body is needed (an empty JSON object is accepted). Runs the workflow update lodgeAppeal; a refusal (no appealable outcome, window closed, not the officer) is a 409.',
  tags,
  params: refParams,
  body: z.object({}),
  bodyRequired: false,
  responses: updateResponses('The workflow refused the appeal; `message` says why', 'appeal_refused'),
});

export const extendWindow = operation({
  method: 'post',
  path: '/conduct-matters/:ref/window-extension',
  operationId: 'extendConductWindow',
  summary: 'Extend the appeal window (Conduct reg 45(3)(a)) or the response after referral (reg 31(1)(b)) for exceptional circumstances',
  description: 'PSD, acting for the appropriate authority or the chair. Runs the workflow update extendWindow; a refusal (no open window, not later, no reason, not PSD) is a 409.',
  tags,
  params: refParams,
  body: windowExtensionBodySchema.meta({ id: 'WindowExtensionBody' }),
  responses: updateResponses('The workflow refused the extension; `message` says why', 'extension_refused'),
});

export const iopcDecision = operation({
  method: 'post',
  path: '/conduct-matters/:ref/iopc-decision',
  operationId: 'recordConductIopcDecision',
  summary: "Record the IOPC's decision on a recordable conduct matter referred to it (C&M reg 7; PRA 2002 Sch 3 paras 14–15)",
  description:
    'PSD, acting for the appropriate authority. Runs the workflow update recordIopcDecision: independent — the IOPC investigates and the force records its report; local or directed — the force investigates; return-to-force — handled as assessed. A refusal (not referred, already recorded, wrong reference, not PSD) is a 409.',
  tags,
  params: refParams,
  body: iopcDecisionBodySchema.meta({ id: 'ConductIopcDecisionBody' }),
  responses: updateResponses("The workflow refused the IOPC's decision; `message` says why", 'iopc_decision_refused'),
});

export const rprpRecord = operation({
  method: 'get',
  path: '/conduct-matters/:ref/rprp',
  operationId: 'rprpRecord',
  summary: 'The sealed reflective practice record (§3.3.9): the participating officer, the reviewing line manager and PSD only',
  description:
    "Anyone working on disciplinary proceedings about the same matter is refused whatever their role (403 sealed, basis §3.3.9): the officer's account may not be used in them. Every read and every refusal is audited.",
  tags,
  params: refParams,
  responses: {
    200: { description: 'The record, sealed parts included', schema: z.object({ rprp: rprpSchema }) },
    ...SIGNED_IN,
    403: errors('Sealed from people working on the proceedings of the same matter (sealed, basis §3.3.9), or not the participant, the reviewer or PSD (forbidden)', ['sealed', 'forbidden'], {
      basis: z.literal('§3.3.9').optional(),
    }),
    404: errors('The matter has no reflective practice record', ['not_found']),
  },
});

export const CONDUCT_TAG = { name: 'conduct', description: 'Conduct matters raised by supervisors (policy §3.3), reflective practice (RPRP) and proceedings' };

/** A matter workflow call's refusal, missing workflow or unavailable Temporal, as the answer to give. */
const matterWorkflowFailure = <C extends string>(err: unknown, ref: string, refusedCode: C) =>
  workflowFailure(err, { refusedCode, notFound: `no open conduct matter workflow for ${ref}`, unavailable: 'the matter workflow did not answer; try again shortly' });

export function conductRoutes(api: Api, deps: ConductRoutesDeps): void {
  const authenticated = requireActor(deps.auth);
  const store = createConductStore(deps.db);
  const workflows = deps.conductWorkflows ?? conductWorkflows(lazyTemporal(() => connectTemporalClient(loadConfig())));

  const gradeOf = async (personId: string) => (await deps.db.person.findUnique({ where: { id: personId }, select: { grade: true } }))?.grade ?? null;

  const notOpen = (ref: string) => ({ message: `no open conduct matter workflow for ${ref}` });
  /** Nobody acts on a matter barred from them; the subject only for their own response and appeal (Conduct regs 18, 31, 45). */
  const mayAct = async (ref: string, actor: Actor, what: string, opts: { subjectMay?: boolean } = {}) => {
    if (opts.subjectMay && (await deps.db.conductMatter.count({ where: { ref, subjectPersonId: actor.id } })) > 0) return;
    await apiCaseAccess(deps.db, ref, actor, { need: 'work', what, notFound: notOpen(ref) });
  };

  // ── Raise a matter ────────────────────────────────────────────────────────────────────────
  api.route(raiseMatter, authenticated, requireRole(mayRaiseConductMatter, 'raise a conduct matter (a supervisor or above)'), async ({ headers, body }, _req, res) => {
    const { result, triage } = await raiseConductMatter({ db: deps.db, log: deps.log, store }, actorOf(res), body, headers['Idempotency-Key']);
    if (result.outcome === 'key-reused') {
      return reply(409, { error: 'idempotency_key_reused', message: 'this Idempotency-Key was already used for a different request' } as const);
    }
    const { ref, caseId } = result.receipt;
    if (result.outcome === 'created') {
      deps.log.info({ caseId, ref, route: triage.route }, 'conduct matter raised');
      deps.outbox?.nudge();
    }
    const url = conductUrlFor(ref);
    return reply(
      202,
      { ref, caseId, url, triage: { route: triage.route as z.input<typeof triageSchema>['route'], basis: triage.basis, explanation: triage.explanation } },
      { Location: url, ...(result.outcome === 'replayed' && { 'Idempotent-Replayed': 'true' }) },
    );
  });

  // ── The matter ───────────────────────────────────────────────────────────────────────────
  api.route(conductMatter, authenticated, async ({ params: { ref } }, _req, res) => {
    const actor = actorOf(res);
    const matter = await deps.db.conductMatter.findUnique({ where: { ref } });
    if (!matter) return reply(404, { error: 'not_found', message: `no conduct matter ${ref}` } as const);
    await apiCaseAccess(deps.db, ref, actor, { need: 'record', what: 'conduct-matter', notFound: { message: `no conduct matter ${ref}` } });
    const raiser = actor.id === matter.raisedById;
    const row = await deps.db.case.findUniqueOrThrow({ where: { id: matter.caseId }, select: { stage: true, receivedAt: true, closedAt: true, incident: true } });
    let state: Record<string, unknown> | null = null;
    let workflow: 'running' | 'not-started' | 'unavailable' = 'running';
    try {
      state = { ...(await workflows.state(ref)) };
    } catch (err) {
      if (err instanceof WorkflowNotFound) workflow = 'not-started';
      else if (err instanceof WorkflowUnavailable) workflow = 'unavailable';
      else throw err;
    }
    return reply(200, {
      matter: {
        ref,
        caseId: matter.caseId,
        stage: row.stage,
        receivedAt: row.receivedAt.toISOString(),
        closedAt: row.closedAt?.toISOString() ?? null,
        view: matter.supervisorView as (typeof SUPERVISOR_VIEWS)[number],
        standards: matter.standards as (typeof STANDARDS)[number][],
        subjectPersonId: matter.subjectPersonId,
        raisedById: matter.raisedById,
        // The supervisor's account of what happened: PSD and the raiser only.
        ...(isPsd(actor) || raiser ? { account: row.incident as Record<string, unknown> } : {}),
      },
      state,
      workflow,
    });
  });

  // ── Tasks ────────────────────────────────────────────────────────────────────────────────
  api.route(completeMatterTask, authenticated, async ({ params: { ref, taskId }, body }, _req, res) => {
    const actor = actorOf(res);
    await mayAct(ref, actor, 'task-completion');
    try {
      const done = await completeConductTask({ db: deps.db, workflows }, ref, taskId, actor, body?.payload);
      deps.log.info({ ref, taskId, taskType: done.type, actorId: actor.id }, 'conduct task completed');
      return reply(200, { task: done });
    } catch (err) {
      return matterWorkflowFailure(err, ref, 'task_refused' as const);
    }
  });

  // ── §3.3.5: formal assessment request ──────────────────────────────────────────────────────
  api.route(requestFormal, authenticated, async ({ params: { ref }, body: { rationale, source, sourceDetail } }, _req, res) => {
    const actor = actorOf(res);
    await mayAct(ref, actor, 'formal-assessment-request');
    // With a source, PSD opens the assessment for the appropriate authority; otherwise §3.3.5's routing rule.
    const refusal = source !== undefined ? psdOpensAssessmentRefusal(actor, source, sourceDetail) : formalRequestRefusal(actor, await gradeOf(actor.id));
    if (refusal) throw refusedFormalRequest(refusal);
    try {
      const state = await workflows.requestFormalAssessment(ref, { actor, rationale, ...(source ? { source } : {}), ...(sourceDetail ? { sourceDetail } : {}) });
      deps.log.info({ ref, actorId: actor.id, source }, 'formal assessment requested');
      return reply(200, { state: { ...state } });
    } catch (err) {
      return matterWorkflowFailure(err, ref, 'formal_assessment_refused' as const);
    }
  });

  // ── Conduct reg 18 / reg 31: the officer's response was received ────────────────────────────
  api.route(officerResponse, authenticated, async ({ params: { ref }, body: { window } }, _req, res) => {
    await mayAct(ref, actorOf(res), 'officer-response', { subjectMay: true });
    try {
      return reply(200, { state: { ...(await workflows.recordOfficerResponse(ref, { actor: actorOf(res), window })) } });
    } catch (err) {
      return matterWorkflowFailure(err, ref, 'response_refused' as const);
    }
  });

  // ── Conduct reg 45: written notice of appeal ───────────────────────────────────────────────
  api.route(lodgeAppeal, authenticated, async ({ params: { ref } }, _req, res) => {
    await mayAct(ref, actorOf(res), 'appeal', { subjectMay: true });
    try {
      return reply(200, { state: { ...(await workflows.lodgeAppeal(ref, { actor: actorOf(res) })) } });
    } catch (err) {
      return matterWorkflowFailure(err, ref, 'appeal_refused' as const);
    }
  });

  // ── Conduct reg 45(3)(a) / reg 31(1)(b): extension for exceptional circumstances ─────────────
  api.route(extendWindow, authenticated, async ({ params: { ref }, body }, _req, res) => {
    const actor = actorOf(res);
    await mayAct(ref, actor, 'window-extension');
    try {
      const state = await workflows.extendWindow(ref, { actor, ...body });
      deps.log.info({ ref, actorId: actor.id, window: body.window }, 'window extended');
      return reply(200, { state: { ...state } });
    } catch (err) {
      return matterWorkflowFailure(err, ref, 'extension_refused' as const);
    }
  });

  // ── Sch 3 paras 14–15: the IOPC's decision on a referred matter (C&M reg 7) ──────────────────
  api.route(iopcDecision, authenticated, async ({ params: { ref }, body }, _req, res) => {
    const actor = actorOf(res);
    await mayAct(ref, actor, 'iopc-decision');
    try {
      const state = await workflows.recordIopcDecision(ref, { actor, ...body });
      deps.log.info({ ref, actorId: actor.id, decision: body.decision }, 'iopc decision recorded');
      return reply(200, { state: { ...state } });
    } catch (err) {
      return matterWorkflowFailure(err, ref, 'iopc_decision_refused' as const);
    }
  });

  // ── §3.3.9: the sealed reflective practice record ──────────────────────────────────────────
  api.route(rprpRecord, authenticated, async ({ params: { ref } }, _req, res) => {
    const actor = actorOf(res);
    const read = await readSealedRprpRecord(deps.db, ref, actor);
    if (!read.allowed) {
      deps.log.info({ ref, actorId: actor.id, status: read.status }, 'rprp record read refused');
      if (read.status === 404) return reply(404, { error: 'not_found', message: read.reason } as const);
      const sealed = read.reason.includes('§3.3.9');
      return sealed
        ? reply(403, { error: 'sealed', message: read.reason, basis: '§3.3.9' } as const)
        : reply(403, { error: 'forbidden', message: read.reason } as const);
    }
    deps.log.info({ ref, actorId: actor.id }, 'rprp record read');
    return reply(200, { rprp: read.record as unknown as z.input<typeof rprpSchema> });
  });
}
