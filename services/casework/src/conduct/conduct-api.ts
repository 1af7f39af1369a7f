// The conduct matter API (DOMAIN.md "Conduct matter", policy §3.3), for people signed in with a
// provider-issued bearer token:
//   POST /conduct-matters                                  raise a matter (supervisor or above)
//   GET  /conduct-matters/:ref                             the matter and its workflow state
//   POST /conduct-matters/:ref/tasks/:taskId/complete      complete a task (sealed RPRP parts split off)
//   POST /conduct-matters/:ref/formal-assessment-request   §3.3.5: chief inspector or above only
//   POST /conduct-matters/:ref/officer-response            Conduct reg 18 / reg 31 response received
//   POST /conduct-matters/:ref/appeal                      Conduct reg 45 written notice of appeal
//   GET  /conduct-matters/:ref/rprp                        the sealed reflective practice record (§3.3.9)
// Who may read a matter or act on it is the access rule (access/case-access.ts): never its subject
// (but for their own response and appeal) nor their team (but for the line management the policy
// gives it), a restricted matter "not found" to all but the counter-corruption unit and the head
// of PSD. The workflow's update validators judge every action on a running matter; their refusals
// are 409s.
import { Router, type Response } from 'express';
import { z } from 'zod';
import { isPsd, type Actor } from '@probity/shared/auth';
import { loadConfig } from '@probity/shared/config';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { readSealedRprpRecord } from '@probity/activities/rprp';
import { formalRequestRefusal, TaskRefusal } from '@probity/workflows/conduct/task-rules';
import { apiCaseAccess } from '../access/case-access';
import { completeConductTask } from './conduct-completion';
import { raiseConductMatter, refusedFormalRequest } from './raise-conduct-matter';
import { actorOf, requireActor, requireRole } from '@probity/shared/auth/bearer';
import type { ActorAuth } from '@probity/shared/auth/bearer';
import { completeTaskBodySchema } from '../complaint/case-api';
import { idempotencyKeyOf } from '@probity/shared/cases/idempotency';
import { lazyTemporal, WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { conductMatterFormSchema, mayRaiseConductMatter } from './conduct-form';
import { createConductStore } from './conduct-store';
import { conductWorkflows, type ConductWorkflows } from './conduct-workflows';
import { HttpError, jsonBody, parseOr400, sendError } from '@probity/shared/http/errors';

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

export const formalRequestBodySchema = z.object({
  rationale: z.string({ error: 'rationale is required: why PSD should assess the conduct formally' }).trim().min(1, 'rationale must not be empty').max(4000, 'rationale must be at most 4000 characters'),
});
export const officerResponseBodySchema = z.object({
  window: z.enum(['notice', 'referral'], { error: "window must be 'notice' (Conduct reg 18) or 'referral' (Conduct reg 31)" }),
});


export function conductRoutes(deps: ConductRoutesDeps): Router {
  const router = Router();
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

  /** Runs a workflow call; refusals, missing workflows and an unavailable Temporal become JSON answers. */
  const onWorkflow = async <T>(res: Response, ref: string, refusedCode: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof WorkflowRefused || err instanceof TaskRefusal) sendError(res, 409, refusedCode, err.message);
      else if (err instanceof WorkflowNotFound) sendError(res, 404, 'not_found', `no open conduct matter workflow for ${ref}`);
      else if (err instanceof WorkflowUnavailable) sendError(res, 503, 'unavailable', 'the matter workflow did not answer; try again shortly');
      else throw err;
      return undefined;
    }
  };

  // ── Raise a matter ────────────────────────────────────────────────────────────────────────
  router.post(
    '/conduct-matters',
    authenticated,
    requireRole(mayRaiseConductMatter, 'raise a conduct matter (a supervisor or above)'),
    ...jsonBody(),
    async (req, res) => {
      const idempotencyKey = idempotencyKeyOf(req);
      const form = parseOr400(conductMatterFormSchema, req.body);
      const actor = actorOf(res);

      const { result, triage } = await raiseConductMatter({ db: deps.db, log: deps.log, store }, actor, form, idempotencyKey);
      if (result.outcome === 'key-reused') {
        return sendError(res, 409, 'idempotency_key_reused', 'this Idempotency-Key was already used for a different request');
      }
      const { ref, caseId } = result.receipt;
      if (result.outcome === 'created') {
        deps.log.info({ caseId, ref, route: triage.route }, 'conduct matter raised');
        deps.outbox?.nudge();
      } else {
        res.set('Idempotent-Replayed', 'true');
      }
      res
        .set('Cache-Control', 'no-store')
        .location(conductUrlFor(ref))
        .status(202)
        .json({ ref, caseId, url: conductUrlFor(ref), triage: { route: triage.route, basis: triage.basis, explanation: triage.explanation } });
    },
  );

  // ── The matter ───────────────────────────────────────────────────────────────────────────
  router.get('/conduct-matters/:ref', authenticated, async (req, res) => {
    const ref = String(req.params.ref);
    const actor = actorOf(res);
    const matter = await deps.db.conductMatter.findUnique({ where: { ref } });
    if (!matter) throw new HttpError(404, 'not_found', `no conduct matter ${ref}`);
    await apiCaseAccess(deps.db, ref, actor, { need: 'record', what: 'conduct-matter', notFound: { message: `no conduct matter ${ref}` } });
    const raiser = actor.id === matter.raisedById;
    const row = await deps.db.case.findUniqueOrThrow({ where: { id: matter.caseId }, select: { stage: true, receivedAt: true, closedAt: true, incident: true } });
    let state: unknown = null;
    let workflow: 'running' | 'not-started' | 'unavailable' = 'running';
    try {
      state = await workflows.state(ref);
    } catch (err) {
      if (err instanceof WorkflowNotFound) workflow = 'not-started';
      else if (err instanceof WorkflowUnavailable) workflow = 'unavailable';
      else throw err;
    }
    res.set('Cache-Control', 'no-store').json({
      matter: {
        ref,
        caseId: matter.caseId,
        stage: row.stage,
        receivedAt: row.receivedAt.toISOString(),
        closedAt: row.closedAt?.toISOString() ?? null,
        view: matter.supervisorView,
        standards: matter.standards,
        subjectPersonId: matter.subjectPersonId,
        raisedById: matter.raisedById,
        // The supervisor's account of what happened: PSD and the raiser only.
        ...(isPsd(actor) || raiser ? { account: row.incident } : {}),
      },
      state,
      workflow,
    });
  });

  // ── Tasks ────────────────────────────────────────────────────────────────────────────────
  router.post('/conduct-matters/:ref/tasks/:taskId/complete', authenticated, ...jsonBody({ optional: true }), async (req, res) => {
    const ref = String(req.params.ref);
    const taskId = String(req.params.taskId);
    const { payload } = parseOr400(completeTaskBodySchema, req.body ?? {});
    const actor = actorOf(res);
    await mayAct(ref, actor, 'task-completion');
    const done = await onWorkflow(res, ref, 'task_refused', async () => {
      return completeConductTask({ db: deps.db, workflows }, ref, taskId, actor, payload);
    });
    if (!done) return;
    deps.log.info({ ref, taskId, taskType: done.type, actorId: actor.id }, 'conduct task completed');
    res.json({ task: done });
  });

  // ── §3.3.5: formal assessment request ──────────────────────────────────────────────────────
  router.post('/conduct-matters/:ref/formal-assessment-request', authenticated, ...jsonBody(), async (req, res) => {
    const ref = String(req.params.ref);
    const { rationale } = parseOr400(formalRequestBodySchema, req.body);
    const actor = actorOf(res);
    await mayAct(ref, actor, 'formal-assessment-request');
    const refusal = formalRequestRefusal(actor, await gradeOf(actor.id));
    if (refusal) throw refusedFormalRequest(refusal);
    const state = await onWorkflow(res, ref, 'formal_assessment_refused', () => workflows.requestFormalAssessment(ref, { actor, rationale }));
    if (!state) return;
    deps.log.info({ ref, actorId: actor.id }, 'formal assessment requested');
    res.json({ state });
  });

  // ── Conduct reg 18 / reg 31: the officer's response was received ────────────────────────────
  router.post('/conduct-matters/:ref/officer-response', authenticated, ...jsonBody(), async (req, res) => {
    const ref = String(req.params.ref);
    const { window } = parseOr400(officerResponseBodySchema, req.body);
    await mayAct(ref, actorOf(res), 'officer-response', { subjectMay: true });
    const state = await onWorkflow(res, ref, 'response_refused', () => workflows.recordOfficerResponse(ref, { actor: actorOf(res), window }));
    if (state) res.json({ state });
  });

  // ── Conduct reg 45: written notice of appeal ───────────────────────────────────────────────
  router.post('/conduct-matters/:ref/appeal', authenticated, ...jsonBody({ optional: true }), async (req, res) => {
    const ref = String(req.params.ref);
    await mayAct(ref, actorOf(res), 'appeal', { subjectMay: true });
    const state = await onWorkflow(res, ref, 'appeal_refused', () => workflows.lodgeAppeal(ref, { actor: actorOf(res) }));
    if (state) res.json({ state });
  });

  // ── §3.3.9: the sealed reflective practice record ──────────────────────────────────────────
  router.get('/conduct-matters/:ref/rprp', authenticated, async (req, res) => {
    const ref = String(req.params.ref);
    const actor = actorOf(res);
    const read = await readSealedRprpRecord(deps.db, ref, actor);
    if (!read.allowed) {
      deps.log.info({ ref, actorId: actor.id, status: read.status }, 'rprp record read refused');
      if (read.status === 404) return sendError(res, 404, 'not_found', read.reason);
      const sealed = read.reason.includes('§3.3.9');
      return sendError(res, 403, sealed ? 'sealed' : 'forbidden', read.reason, sealed ? { basis: '§3.3.9' } : {});
    }
    deps.log.info({ ref, actorId: actor.id }, 'rprp record read');
    res.set('Cache-Control', 'no-store').json({ rprp: read.record });
  });

  return router;
}
