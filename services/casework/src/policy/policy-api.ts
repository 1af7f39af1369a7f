// The policy register (DOMAIN.md "Policies", P02 §7.1), mounted at /policies: every signed-in
// person may see the register and where each policy stands (overdue, due soon, in date); the
// keepers of the register (head of PSD, PSD managers) add policies, and each new policy gets its
// review workflow at once. Reviews and changes of owner go through that workflow's updates,
// whose validators judge who may; their refusals are 409s saying why.
import { Router, type Response } from 'express';
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
import { HttpError, jsonBody, parseOr400, sendError, validationFailed } from '@probity/shared/http/errors';
import { lazyTemporal, WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
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
export const policyFormSchema = z.object({
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
});
export type PolicyForm = z.infer<typeof policyFormSchema>;

/** POST /policies/:ref/reviews (the workflow checks it again, with who may). */
export const policyReviewBodySchema = reviewPayloadSchema;

/** PUT /policies/:ref/owner */
export const policyOwnerBodySchema = z.object({ ownerId: text('ownerId', 100) });

const listQuerySchema = z.object({ status: z.enum(POLICY_STATUSES, { error: `status must be one of ${POLICY_STATUSES.join(', ')}` }).optional() });

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

export function policyRoutes(deps: PolicyRoutesDeps): Router {
  const router = Router();
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

  const view = (p: Policy, ownerNames: Map<string, string>) => policyView(p, ownerNames, today(), cal, sla);

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

  const workflowFailure = (res: Response, err: unknown, refusedCode: string, ref: string) => {
    if (err instanceof WorkflowRefused) return sendError(res, 409, refusedCode, err.message);
    if (err instanceof WorkflowNotFound) return sendError(res, 404, 'not_found', `no review workflow for policy ${ref}`);
    if (err instanceof WorkflowUnavailable) return sendError(res, 503, 'unavailable', 'the policy review workflow did not answer; try again shortly');
    throw err;
  };

  /** The register: every policy with its owner, next review and status. */
  router.get('/', authenticated, async (req, res) => {
    const { status } = parseOr400(listQuerySchema, req.query);
    const rows = await deps.db.policy.findMany({ orderBy: [{ nextReviewDue: 'asc' }, { ref: 'asc' }] });
    const ownerNames = await names([...new Set(rows.map((r) => r.ownerId))]);
    const policies = rows.map((r) => view(r, ownerNames)).filter((p) => !status || p.status === status);
    res.json({ today: today(), policies });
  });

  router.get('/:ref', authenticated, async (req, res) => {
    const ref = String(req.params.ref);
    const policy = await viewOf(ref);
    const reviews = await deps.db.policyReview.findMany({ where: { policyId: policy.id }, orderBy: [{ reviewedOn: 'desc' }, { createdAt: 'desc' }] });
    let state: unknown = null;
    let workflow: 'running' | 'not-started' | 'unavailable' = 'running';
    try {
      state = await workflows.state(ref);
    } catch (err) {
      if (err instanceof WorkflowNotFound) workflow = 'not-started';
      else if (err instanceof WorkflowUnavailable) workflow = 'unavailable';
      else throw err;
    }
    res.json({
      policy,
      reviews: reviews.map((r) => ({
        id: r.id,
        reviewedOn: civilDateOf(r.reviewedOn),
        outcome: r.outcome,
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
  router.post(
    '/',
    authenticated,
    requireRole(isRegisterKeeper, 'add a policy to the register (head of PSD or a PSD manager)'),
    ...jsonBody(),
    async (req, res) => {
      const form = parseOr400(policyFormSchema, req.body);
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
      const existing = await deps.db.policy.findUnique({ where: { ref: form.ref } });
      let created = false;
      if (existing) {
        if (fingerprint(existing) !== fingerprint(data)) return sendError(res, 409, 'policy_exists', `policy ${form.ref} is already in the register`);
      } else {
        try {
          await deps.db.policy.create({ data: { id: `policy-${form.ref.toLowerCase()}`, ...data } });
          created = true;
        } catch (err) {
          if ((err as { code?: string }).code === 'P2002') return sendError(res, 409, 'policy_exists', `policy ${form.ref} is already in the register`);
          throw err;
        }
      }
      const row = await findPolicy(form.ref);
      let workflowId: string;
      try {
        ({ workflowId } = await workflows.start(row));
      } catch (err) {
        if (err instanceof WorkflowUnavailable) {
          return sendError(res, 503, 'unavailable', `policy ${form.ref} is registered but its review cycle could not be started yet; send the same request again shortly`);
        }
        throw err;
      }
      deps.log.info({ ref: form.ref, workflowId, actorId: actorOf(res).id, created }, created ? 'policy added' : 'policy add replayed');
      res.status(created ? 201 : 200).location(`/policies/${encodeURIComponent(form.ref)}`).json({ policy: view(row, await names([row.ownerId])), workflowId });
    },
  );

  /** Records a review: the `reviewed` update; the next review is set two years on. */
  router.post('/:ref/reviews', authenticated, ...jsonBody(), async (req, res) => {
    const ref = String(req.params.ref);
    const review = parseOr400(policyReviewBodySchema, req.body);
    const row = await findPolicy(ref);
    const actor = actorOf(res);
    try {
      const state = await workflows.recordReview(row, { actor, ...review });
      deps.log.info({ ref, actorId: actor.id, outcome: review.outcome, nextReviewDue: state.nextReviewDue }, 'policy review recorded');
      res.json({ policy: await viewOf(ref), state });
    } catch (err) {
      workflowFailure(res, err, 'review_refused', ref);
    }
  });

  /** Hands the policy to a new owner: the `changeOwner` update; reminders follow the new owner. */
  router.put('/:ref/owner', authenticated, ...jsonBody(), async (req, res) => {
    const ref = String(req.params.ref);
    const { ownerId } = parseOr400(policyOwnerBodySchema, req.body);
    const row = await findPolicy(ref);
    await activeOwner(ownerId);
    const actor = actorOf(res);
    try {
      const state = await workflows.changeOwner(row, { actor, ownerId });
      deps.log.info({ ref, actorId: actor.id, ownerId }, 'policy owner changed');
      res.json({ policy: await viewOf(ref), state });
    } catch (err) {
      workflowFailure(res, err, 'owner_change_refused', ref);
    }
  });

  return router;
}
