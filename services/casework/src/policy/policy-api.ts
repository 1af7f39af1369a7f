// The policy register (DOMAIN.md "Policies", P02 §7.1), mounted at /policies: every signed-in
// person may see the register and where each policy stands (overdue, due soon, in date); the
// keepers of the register (head of PSD, PSD managers) add policies, and each new policy gets its
// review workflow at once. Reviews and changes of owner go through that workflow's updates,
// whose validators judge who may; their refusals are 409s saying why.
import { z } from 'zod';
import type { Db, Policy } from '@probity/shared/db/client';
import { loadConfig } from '@probity/shared/config';
import { ENGLAND_AND_WALES, isIsoDate, londonDateOf, policyReviewDue, type HolidayCalendar, type SlaPolicy } from '@probity/shared/domain/index';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import type { Logger } from '@probity/shared/log';
import { REVIEW_OUTCOMES } from '@probity/workflows/policy/contract';
import { POLICY_STATUSES, dueSoonFrom, policyStatus } from '@probity/workflows/policy/policy-status';
import { VERSION_PATTERN, isRegisterKeeper, reviewPayloadSchema } from '@probity/workflows/policy/review-rules';
import { actorOf, requireActor, requireRole } from '@probity/shared/auth/bearer';
import type { ActorAuth } from '@probity/shared/auth/bearer';
import { HttpError, validationFailed } from '@probity/shared/http/errors';
import { operation, reply, type Api } from '@probity/shared/http/api';
import { workflowFailure } from '../workflow-failure';
import { COMMON_ERRORS, errors, isoDate, isoDateTime } from '@probity/shared/http/openapi';
import { SIGNED_IN, workflowStateSchema, workflowStatusSchema } from '../api-shapes';
import { lazyTemporal, WorkflowNotFound, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { civilDateOf, policyWorkflows, type PolicyWorkflows } from './policy-workflows';

export const RISK_RATINGS = ['low', 'medium', 'high'] as const;
export const POLICY_REF_PATTERN = /^[A-Z][A-Z0-9-]{0,39}$/;

const text = (what: string, max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${what} is required` : `${what} must be text`) })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`);
const date = (what: string) =>
  z.string({ error: (iss) => (iss.input === undefined ? `${what} is required` : `${what} must be text`) }).refine(isIsoDate, `${what} must be a real date (YYYY-MM-DD)`);

/** POST /policies: a policy for the register. */
export const policyFormSchema = z
  .object({
  ref: z.string({ error: (iss) => (iss.input === undefined ? 'ref is required' : 'ref must be text') }).regex(POLICY_REF_PATTERN, 'ref must be a policy reference such as P02 (capital letters, digits, hyphens)'),
  title: text('title', 200),
  ownerId: text('ownerId', 100),
  version: z.string().regex(VERSION_PATTERN, 'version must be such as 1.0 (letters, digits, dots, hyphens; at most 20)').default('1.0'),
  lastReviewedOn: date('lastReviewedOn'),
  lastReviewOutcome: z.enum(REVIEW_OUTCOMES, { error: "lastReviewOutcome must be 'no-amendments' or 'amended'" }).default('no-amendments'),
  /** §4.1: the result of the equality impact assessment. */
  equalityImpact: text('equalityImpact', 4000),
  /** §5.1 */
  riskRating: z.enum(RISK_RATINGS, { error: "riskRating must be 'low', 'medium' or 'high'" }),
  /** Default: two years after lastReviewedOn (§7.1). */
  nextReviewDue: date('nextReviewDue').optional(),
  })
  .meta({ id: 'PolicyForm' });
export type PolicyForm = z.infer<typeof policyFormSchema>;

/** POST /policies/:ref/reviews (the workflow checks it again, with who may). */
export const policyReviewBodySchema = reviewPayloadSchema.meta({ id: 'PolicyReviewBody' });

/** PUT /policies/:ref/owner */
export const policyOwnerBodySchema = z.object({ ownerId: text('ownerId', 100) }).meta({ id: 'PolicyOwnerBody' });

const listQuerySchema = z.object({ status: z.enum(POLICY_STATUSES, { error: `status must be one of ${POLICY_STATUSES.join(', ')}` }).optional() });

const policySchema = z
  .object({
    id: z.string(),
    ref: z.string().meta({ example: 'P02' }),
    title: z.string(),
    owner: z.object({ id: z.string(), name: z.string().nullable() }),
    version: z.string().meta({ example: '1.0' }),
    lastReviewedOn: isoDate,
    lastReviewOutcome: z.enum(REVIEW_OUTCOMES),
    equalityImpact: z.string().describe("§4.1: the equality impact assessment's result"),
    riskRating: z.enum(RISK_RATINGS).describe('§5.1'),
    nextReviewDue: isoDate,
    status: z.enum(POLICY_STATUSES).describe("'overdue' once the due day has ended; 'due-soon' from the first reminder day"),
    dueSoonFrom: isoDate.nullable().describe('The first reminder day (the longest lead time before nextReviewDue)'),
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Policy' });

const policyReviewSchema = z
  .object({ id: z.string(), reviewedOn: isoDate, outcome: z.enum(REVIEW_OUTCOMES), newVersion: z.string().nullable(), reviewerId: z.string(), notes: z.string().nullable() })
  .meta({ id: 'PolicyReview' });

const tags = ['policies'];
const policyParams = z.object({ policyRef: z.string().regex(POLICY_REF_PATTERN, 'policyRef must be a policy reference such as P02').meta({ example: 'P17' }) });
const noPolicy = errors('No such policy in the register', ['not_found']);
const unavailable = errors('The policy review workflow (Temporal) or sign-in checking did not answer; try again', ['unavailable']);
const withState = {
  description: "The policy as the register now has it, and its review workflow's state",
  schema: z.object({ policy: policySchema, state: workflowStateSchema }),
};
const added = z.object({ policy: policySchema, workflowId: z.string().meta({ example: 'policy-review-P02' }) });

export const listPolicies = operation({
  method: 'get',
  path: '/policies',
  operationId: 'listPolicies',
  summary: 'The policy register: each policy with its owner, next review and status',
  tags,
  query: listQuerySchema,
  responses: { 200: { description: 'Policies, earliest next review first', schema: z.object({ today: isoDate, policies: z.array(policySchema) }) }, ...SIGNED_IN },
});

export const addPolicy = operation({
  method: 'post',
  path: '/policies',
  operationId: 'addPolicy',
  summary: 'Add a policy to the register and start its review cycle (head of PSD or a PSD manager)',
  description:
    'Starts the workflow policy-review-<ref>, which reminds the owner ahead of each review and escalates an overdue one. Safe to retry: the same policy again answers 200 (and makes sure its workflow runs); a different policy with the same ref is a 409.',
  tags,
  body: policyFormSchema,
  responses: {
    201: { description: 'Added; its review workflow runs', schema: added, headers: { Location: { description: 'The policy', schema: { type: 'string' } } } },
    200: { description: 'Already added by an identical earlier request', schema: added, headers: { Location: { description: 'The policy', schema: { type: 'string' } } } },
    ...SIGNED_IN,
    403: COMMON_ERRORS[403],
    409: errors('Another policy with this ref is in the register', ['policy_exists']),
    503: unavailable,
  },
});

export const policyRecord = operation({
  method: 'get',
  path: '/policies/:policyRef',
  operationId: 'policy',
  summary: "A policy, its review history and its review workflow's state",
  tags,
  params: policyParams,
  responses: {
    200: {
      description: 'The policy',
      schema: z.object({ policy: policySchema, reviews: z.array(policyReviewSchema), state: workflowStateSchema.nullable(), workflow: workflowStatusSchema }),
    },
    ...SIGNED_IN,
    404: noPolicy,
  },
});

export const recordPolicyReview = operation({
  method: 'post',
  path: '/policies/:policyRef/reviews',
  operationId: 'recordPolicyReview',
  summary: 'Record a review: no amendments, or amended to a new version; the next review is two years on',
  description: 'Runs the workflow update `reviewed`. Only the owner, their manager or the head of PSD may; a refusal is a 409 saying why.',
  tags,
  params: policyParams,
  body: policyReviewBodySchema,
  responses: {
    200: withState,
    ...SIGNED_IN,
    404: noPolicy,
    409: errors('The workflow refused the review (who may, version); `message` says why', ['review_refused']),
    503: unavailable,
  },
});

export const changePolicyOwner = operation({
  method: 'put',
  path: '/policies/:policyRef/owner',
  operationId: 'changePolicyOwner',
  summary: 'Hand the policy to a new owner; reminders go to them from then on',
  description: "Runs the workflow update `changeOwner`. The head of PSD, a PSD manager or the current owner's manager may; a refusal is a 409 saying why.",
  tags,
  params: policyParams,
  body: policyOwnerBodySchema,
  responses: {
    200: withState,
    ...SIGNED_IN,
    404: noPolicy,
    409: errors('The workflow refused the change; `message` says why', ['owner_change_refused']),
    503: unavailable,
  },
});

export const POLICY_TAG = { name: 'policies', description: 'The policy register and two-yearly policy reviews (P02 §7.1)' };

export interface PolicyRoutesDeps {
  db: Db;
  log: Logger;
  auth: ActorAuth;
  /**
   * The policy review workflows; by default a lazy Temporal client from the environment's config,
   * starting workflows on TEMPORAL_TASK_QUEUE with POLICY_REVIEW_REMIND_BEFORE.
   */
  policyWorkflows?: PolicyWorkflows;
  cal?: HolidayCalendar;
}

const FORM_FIELDS = ['ref', 'title', 'ownerId', 'version', 'lastReviewedOn', 'lastReviewOutcome', 'equalityImpact', 'riskRating', 'nextReviewDue'] as const;

/** What makes two registrations of a policy the same (a replayed POST). */
function fingerprint(p: Record<(typeof FORM_FIELDS)[number], string | Date>): string {
  return JSON.stringify(FORM_FIELDS.map((k) => (p[k] instanceof Date ? p[k].toISOString() : p[k])));
}

/** A policy as the register shows it: its owner, its next review and where it stands (overdue, due soon, in date). */
export function policyView(p: Policy, ownerNames: Map<string, string>, today: string, cal: HolidayCalendar, sla: SlaPolicy) {
  const nextReviewDue = civilDateOf(p.nextReviewDue);
  return {
    id: p.id,
    ref: p.ref,
    title: p.title,
    owner: { id: p.ownerId, name: ownerNames.get(p.ownerId) ?? null },
    version: p.version,
    lastReviewedOn: civilDateOf(p.lastReviewedOn),
    lastReviewOutcome: p.lastReviewOutcome,
    equalityImpact: p.equalityImpact,
    riskRating: p.riskRating,
    nextReviewDue,
    status: policyStatus(nextReviewDue, today, cal, sla),
    dueSoonFrom: dueSoonFrom(nextReviewDue, cal, sla) ?? null,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function policyRoutes(api: Api, deps: PolicyRoutesDeps): void {
  const authenticated = requireActor(deps.auth);
  const cal = deps.cal ?? ENGLAND_AND_WALES;
  const workflows =
    deps.policyWorkflows ??
    policyWorkflows(lazyTemporal(() => connectTemporalClient(loadConfig())), { taskQueue: loadConfig().TEMPORAL_TASK_QUEUE });
  /** The register is judged by the same SLA policy (interval, lead times) its workflows run with. */
  const sla = workflows.sla;
  const today = () => londonDateOf(Date.now());

  const names = async (ids: string[]) =>
    new Map((await deps.db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));

  const view = (p: Policy, ownerNames: Map<string, string>) => policyView(p, ownerNames, today(), cal, sla) as z.input<typeof policySchema>;

  const findPolicy = async (ref: string): Promise<Policy> => {
    const row = await deps.db.policy.findUnique({ where: { ref } });
    if (!row) throw new HttpError(404, 'not_found', `no policy ${ref} in the register`);
    return row;
  };

  const viewOf = async (ref: string) => {
    const row = await findPolicy(ref);
    return view(row, await names([row.ownerId]));
  };

  const activeOwner = async (ownerId: string) => {
    const person = await deps.db.person.findUnique({ where: { id: ownerId }, select: { active: true } });
    if (!person?.active) throw validationFailed([{ field: 'ownerId', message: `no active person with id '${ownerId}'` }], 'the owner must be an active person');
  };

  const reviewWorkflowFailure = <C extends string>(err: unknown, refusedCode: C, ref: string) =>
    workflowFailure(err, { refusedCode, notFound: `no review workflow for policy ${ref}`, unavailable: 'the policy review workflow did not answer; try again shortly' });

  /** The register: every policy with its owner, next review and status. */
  api.route(listPolicies, authenticated, async ({ query: { status } }) => {
    const rows = await deps.db.policy.findMany({ orderBy: [{ nextReviewDue: 'asc' }, { ref: 'asc' }] });
    const ownerNames = await names([...new Set(rows.map((r) => r.ownerId))]);
    const policies = rows.map((r) => view(r, ownerNames)).filter((p) => !status || p.status === status);
    return reply(200, { today: today(), policies });
  });

  api.route(policyRecord, authenticated, async ({ params: { policyRef: ref } }) => {
    const policy = await viewOf(ref);
    const reviews = await deps.db.policyReview.findMany({ where: { policyId: policy.id }, orderBy: [{ reviewedOn: 'desc' }, { createdAt: 'desc' }] });
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
      policy,
      reviews: reviews.map((r) => ({
        id: r.id,
        reviewedOn: civilDateOf(r.reviewedOn),
        outcome: r.outcome as (typeof REVIEW_OUTCOMES)[number],
        newVersion: r.newVersion,
        reviewerId: r.reviewerId,
        notes: r.notes,
      })),
      state,
      workflow,
    });
  });

  /**
   * Adds a policy and starts its review cycle. Safe to retry: the same policy again (e.g. after a
   * 503 when Temporal was down) ensures its workflow and answers 200; a different one is a 409.
   */
  api.route(addPolicy, authenticated, requireRole(isRegisterKeeper, 'add a policy to the register (head of PSD or a PSD manager)'), async ({ body: form }, _req, res) => {
    const fields: { field: string; message: string }[] = [];
    if (form.lastReviewedOn > today()) fields.push({ field: 'lastReviewedOn', message: 'lastReviewedOn must not be in the future' });
    const nextReviewDue = form.nextReviewDue ?? policyReviewDue(form.lastReviewedOn, cal, sla).dueOn;
    if (nextReviewDue <= form.lastReviewedOn) fields.push({ field: 'nextReviewDue', message: 'nextReviewDue must be after lastReviewedOn' });
    if (fields.length) throw validationFailed(fields, `${fields.length} field${fields.length === 1 ? '' : 's'} not valid: ${fields.map((f) => f.field).join(', ')}`);
    await activeOwner(form.ownerId);

    const data = {
      ref: form.ref,
      title: form.title,
      ownerId: form.ownerId,
      version: form.version,
      lastReviewedOn: new Date(`${form.lastReviewedOn}T00:00:00.000Z`),
      lastReviewOutcome: form.lastReviewOutcome,
      equalityImpact: form.equalityImpact,
      riskRating: form.riskRating,
      nextReviewDue: new Date(`${nextReviewDue}T00:00:00.000Z`),
    };
    const exists = reply(409, { error: 'policy_exists', message: `policy ${form.ref} is already in the register` } as const);
    const existing = await deps.db.policy.findUnique({ where: { ref: form.ref } });
    let created = false;
    if (existing) {
      if (fingerprint(existing) !== fingerprint(data)) return exists;
    } else {
      try {
        await deps.db.policy.create({ data: { id: `policy-${form.ref.toLowerCase()}`, ...data } });
        created = true;
      } catch (err) {
        if ((err as { code?: string }).code === 'P2002') return exists;
        throw err;
      }
    }
    const row = await findPolicy(form.ref);
    let workflowId: string;
    try {
      ({ workflowId } = await workflows.start(row));
    } catch (err) {
      if (err instanceof WorkflowUnavailable) {
        return reply(503, { error: 'unavailable', message: `policy ${form.ref} is registered but its review cycle could not be started yet; send the same request again shortly` } as const);
      }
      throw err;
    }
    deps.log.info({ ref: form.ref, workflowId, actorId: actorOf(res).id, created }, created ? 'policy added' : 'policy add replayed');
    const location = { Location: `/policies/${encodeURIComponent(form.ref)}` };
    const body = { policy: view(row, await names([row.ownerId])), workflowId };
    return created ? reply(201, body, location) : reply(200, body, location);
  });

  /** Records a review: the `reviewed` update; the next review is set two years on. */
  api.route(recordPolicyReview, authenticated, async ({ params: { policyRef: ref }, body: review }, _req, res) => {
    const row = await findPolicy(ref);
    const actor = actorOf(res);
    try {
      const state = await workflows.recordReview(row, { actor, ...review });
      deps.log.info({ ref, actorId: actor.id, outcome: review.outcome, nextReviewDue: state.nextReviewDue }, 'policy review recorded');
      return reply(200, { policy: await viewOf(ref), state: { ...state } });
    } catch (err) {
      return reviewWorkflowFailure(err, 'review_refused' as const, ref);
    }
  });

  /** Hands the policy to a new owner: the `changeOwner` update; reminders follow the new owner. */
  api.route(changePolicyOwner, authenticated, async ({ params: { policyRef: ref }, body: { ownerId } }, _req, res) => {
    const row = await findPolicy(ref);
    await activeOwner(ownerId);
    const actor = actorOf(res);
    try {
      const state = await workflows.changeOwner(row, { actor, ownerId });
      deps.log.info({ ref, actorId: actor.id, ownerId }, 'policy owner changed');
      return reply(200, { policy: await viewOf(ref), state: { ...state } });
    } catch (err) {
      return reviewWorkflowFailure(err, 'owner_change_refused' as const, ref);
    }
  });
}
