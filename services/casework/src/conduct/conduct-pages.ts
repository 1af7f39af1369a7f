// Conduct matter pages: raising a matter (supervisors and above), the matter page (PSD, the
// supervisor who raised it, people with a task on it), the reflective practice record where
// §3.3.9 allows it and a "sealed" page where it does not, every task's form, and the officer's
// response and appeal notices, and the IOPC's decision on a referred matter (C&M reg 7).
import { Router } from 'express';
import type { Logger } from '@probity/shared/log';
import { isPsd, type Actor } from '@probity/shared/auth';
import type { Db } from '@probity/shared/db/client';
import { CONDUCT_IOPC_DECISIONS, SUPERVISOR_VIEWS, type SupervisorView } from '@probity/shared/domain/index';
import { HttpError } from '@probity/shared/http/errors';
import { humanise } from '@probity/shared/web/format';
import { formErrors, pageError, parseForm } from '@probity/shared/web/form-errors';
import { notAllowed, PageNotFound, type Render } from '@probity/shared/web/pages';
import { WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { readSealedRprpRecord } from '@probity/activities/rprp';
import { ASSESSMENT_SOURCES, STANDARD_LABELS, STANDARDS, conductWorkflowId, type ConductTaskType } from '@probity/workflows/conduct/contract';
import { TaskRefusal } from '@probity/workflows/conduct/task-rules';
import { pageCaseAccess } from '../access/case-access';
import { actorOfPage } from '../auth/staff';
import { mayRaiseConduct } from '../auth/roles';
import { caseRecord, temporalLink } from '../complaint/case-record';
import { dateFrom, echo } from '../tasks/task-form';
import { taskPage } from '../tasks/task-page';
import { completeConductTask } from './conduct-completion';
import { conductMatterFormSchema } from './conduct-form';
import { createConductStore } from './conduct-store';
import { CONDUCT_TASK_FORMS, conductTaskSchema } from './conduct-task-forms';
import type { ConductWorkflows } from './conduct-workflows';
import { raiseConductMatter, triageOfMatter } from './raise-conduct-matter';
import { lessonRefusal } from '../lessons/lesson-store';
import { mayWithdrawPublications } from '../publication/early-withdrawal';

export interface ConductPageDeps {
  db: Db;
  log: Logger;
  render: Render;
  workflows: ConductWorkflows;
  onAccepted?: () => void;
  temporal: { uiUrl: string; namespace: string };
}

const blank = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);

/** The raise-a-matter form as the JSON API's body (conductMatterFormSchema). */
export function conductMatterBody(b: Record<string, unknown>) {
  return {
    subject: { personId: blank(b.subjectPersonId) },
    standards: list(b.standards),
    account: { what: blank(b.what), when: dateFrom(b, 'when'), where: blank(b.where) },
    view: blank(b.view),
    ...(b.view === 'on-the-cusp' && b.discussed ? { discussedWithChiefInspector: b.discussed === 'yes' } : {}),
    // PSD only (the form shows it to PSD): where the allegation came from.
    ...(blank(b.source) ? { source: blank(b.source) } : {}),
    ...(blank(b.sourceDetail) ? { sourceDetail: blank(b.sourceDetail) } : {}),
  };
}

export function conductPages(deps: ConductPageDeps): Router {
  const router = Router();
  const store = createConductStore(deps.db);
  const standards = STANDARDS.map((s) => ({ value: s, text: STANDARD_LABELS[s] }));
  const views = SUPERVISOR_VIEWS.map((v) => ({ value: v, text: humanise(v) }));
  const refuseRaise = 'Conduct matters are raised by a supervisor (sergeant or above) or PSD.';

  // ── Raising a matter ───────────────────────────────────────────────────────────────────────
  const sources = ASSESSMENT_SOURCES.map((s) => ({ value: s, text: humanise(s) }));
  const form = (res: Parameters<Render>[0], locals: Record<string, unknown> = {}, status = 200) =>
    deps.render(res, 'conduct-new.njk', { title: 'Raise a conduct matter', standards, views, sources, psd: isPsd(actorOfPage(res)), values: {}, ...locals }, status);

  router.get('/conduct-matters/new', (_req, res) => {
    if (!mayRaiseConduct(actorOfPage(res))) return notAllowed(deps.render, res, refuseRaise);
    form(res);
  });
  router.post('/conduct-matters/new', async (req, res) => {
    const actor = actorOfPage(res);
    if (!mayRaiseConduct(actor)) return notAllowed(deps.render, res, refuseRaise);
    const body = req.body as Record<string, unknown>;
    const parsed = parseForm(conductMatterFormSchema, conductMatterBody(body));
    const values = { ...echo(body), standards: list(body.standards) };
    if (!parsed.ok) return form(res, { values, errors: parsed.errors }, 400);
    try {
      const { result, triage } = await raiseConductMatter({ db: deps.db, log: deps.log, store }, actor, parsed.data);
      if (result.outcome !== 'created') throw new Error('a conduct matter without an idempotency key was not created');
      deps.onAccepted?.();
      res.redirect(303, `/conduct-matters/${encodeURIComponent(result.receipt.ref)}?raised=${encodeURIComponent(triage.route)}`);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const fields = err.extra.fields as { field: string; message: string }[] | undefined;
      form(res, { values, errors: fields ? formErrors(fields.map((f) => ({ ...f, field: f.field === 'subject.personId' ? 'subjectPersonId' : f.field }))) : pageError(err.message) }, err.status === 403 ? 403 : 400);
    }
  });

  // ── The matter ─────────────────────────────────────────────────────────────────────────────
  const matterOf = async (res: Parameters<Render>[0], ref: string) => {
    const matter = await deps.db.conductMatter.findUnique({ where: { ref } });
    if (!matter) throw new PageNotFound();
    const actor = actorOfPage(res);
    // PSD, the supervisor who raised it, anyone with a task on it; never its subject or (beyond line management) their team.
    await pageCaseAccess(deps.db, ref, actor, { need: 'record', what: 'conduct-matter-page' });
    return { matter, actor };
  };

  const showMatter = async (req: { params: Record<string, string>; query: Record<string, unknown> }, res: Parameters<Render>[0], extra: Record<string, unknown> = {}, status = 200) => {
    const ref = String(req.params.ref);
    const { matter, actor } = await matterOf(res, ref);
    const record = (await caseRecord(deps.db, ref))!;
    const people = await deps.db.person.findMany({ where: { id: { in: [matter.subjectPersonId, matter.raisedById] } }, select: { id: true, name: true, rank: true, role: true, grade: true } });
    const who = (id: string) => people.find((p) => p.id === id);
    // From the record, as the workflow triaged it (never its state query: it waits behind the worker's backlog).
    const raiser = who(matter.raisedById);
    const triage = raiser ? triageOfMatter({ view: matter.supervisorView as SupervisorView, discussedWithChiefInspector: matter.discussedWithChiefInspector, openedByPsd: matter.source !== null }, raiser, raiser.grade) : undefined;
    deps.render(
      res,
      'conduct.njk',
      {
        title: `Conduct matter ${ref}`,
        ref,
        matter,
        ...record,
        triage,
        subject: who(matter.subjectPersonId),
        raisedBy: who(matter.raisedById),
        standardsText: matter.standards.map((s) => STANDARD_LABELS[s as keyof typeof STANDARD_LABELS] ?? s),
        account: isPsd(actor) || actor.id === matter.raisedById ? (record.row.incident as Record<string, string>) : undefined,
        hasRprp: (await deps.db.rprpRecord.count({ where: { ref } })) > 0,
        temporalUrl: isPsd(actor) ? temporalLink(deps.temporal.uiUrl, deps.temporal.namespace, conductWorkflowId(ref)) : undefined,
        raised: typeof req.query.raised === 'string' ? humanise(req.query.raised) : undefined,
        done: typeof req.query.done === 'string' ? `Task completed: ${humanise(req.query.done)}` : undefined,
        mayReallocate: ['psd-manager', 'head-of-psd'].includes(actor.role),
        // A published (or scheduled) hearing outcome a manager may withdraw early (publication/early-withdrawal-pages.ts).
        mayRecordLessons: (await lessonRefusal(deps.db, matter.caseId, actor)) === null,
        mayWithdrawPublication: mayWithdrawPublications(actor) && (await deps.db.publication.count({ where: { ref, status: { in: ['scheduled', 'published'] } } })) > 0,
        isPsd: isPsd(actor),
        sources,
        iopcDecisions: CONDUCT_IOPC_DECISIONS.map((d) => ({ value: d, text: humanise(d) })),
        ...extra,
      },
      status,
    );
  };
  router.get('/conduct-matters/:ref', (req, res) => showMatter(req, res));

  // ── §3.3.9: the reflective practice record, or the "sealed" page ───────────────────────────
  router.get('/conduct-matters/:ref/reflective-practice', async (req, res) => {
    const ref = String(req.params.ref);
    const read = await readSealedRprpRecord(deps.db, ref, actorOfPage(res));
    if (!read.allowed) {
      if (read.status === 404) throw new PageNotFound();
      deps.log.info({ ref, actorId: actorOfPage(res).id }, 'rprp record read refused');
      const sealed = read.reason.includes('§3.3.9');
      return deps.render(res, sealed ? 'rprp-sealed.njk' : 'not-allowed.njk', { title: sealed ? 'This record is sealed' : 'You are not allowed to see this page', ref, reason: read.reason }, 403);
    }
    deps.render(res, 'rprp.njk', { title: `Reflective practice record ${ref}`, ref, rprp: read.record, backLink: `/conduct-matters/${encodeURIComponent(ref)}` });
  });

  // ── Tasks ──────────────────────────────────────────────────────────────────────────────────
  const tasks = taskPage<ConductTaskType>({
    db: deps.db,
    render: deps.render,
    spec: (type) => CONDUCT_TASK_FORMS[type],
    schema: conductTaskSchema,
    complete: (ref, taskId, actor, payload) => completeConductTask({ db: deps.db, workflows: deps.workflows }, ref, taskId, actor, payload),
  });
  router.get('/conduct-matters/:ref/tasks/:taskId', tasks.show);
  router.post('/conduct-matters/:ref/tasks/:taskId', tasks.complete);

  // ── Notices recorded on the matter: formal request (§3.3.5), officer's response, appeal ────
  const action = (path: string, run: (ref: string, actor: Actor, body: Record<string, unknown>) => Promise<unknown>, what: string, opts: { subjectMay?: boolean } = {}) =>
    router.post(`/conduct-matters/:ref/${path}`, async (req, res) => {
      const ref = String(req.params.ref);
      const actor = actorOfPage(res);
      // Nobody acts on a matter barred from them; its subject only for their own response and appeal.
      const ownMatter = opts.subjectMay === true && (await deps.db.conductMatter.count({ where: { ref, subjectPersonId: actor.id } })) > 0;
      if (!ownMatter) await pageCaseAccess(deps.db, ref, actor, { need: 'work', what: path });
      try {
        await run(ref, actorOfPage(res), req.body as Record<string, unknown>);
      } catch (err) {
        if (err instanceof WorkflowRefused || err instanceof TaskRefusal) return showMatter(req, res, { errors: pageError(err.message) }, 409);
        if (err instanceof WorkflowUnavailable) return showMatter(req, res, { errors: pageError('The case service did not answer. Try again in a minute.') }, 503);
        if (err instanceof WorkflowNotFound) throw new PageNotFound();
        throw err;
      }
      res.redirect(303, `/conduct-matters/${encodeURIComponent(ref)}?done=${encodeURIComponent(what)}`);
    });
  // With a source (PSD's form), PSD opens the assessment for the appropriate authority; the workflow's validator refuses a bad one with the reason.
  action('formal-assessment-request', (ref, actor, b) => deps.workflows.requestFormalAssessment(ref, { actor, rationale: String(b.rationale ?? ''), ...(blank(b.source) ? { source: blank(b.source) as never } : {}), ...(blank(b.sourceDetail) ? { sourceDetail: blank(b.sourceDetail) } : {}) }), 'formal-assessment-requested');
  action('officer-response', (ref, actor, b) => deps.workflows.recordOfficerResponse(ref, { actor, window: b.window === 'referral' ? 'referral' : 'notice' }), 'officer-response-recorded', { subjectMay: true });
  action('appeal', (ref, actor) => deps.workflows.lodgeAppeal(ref, { actor }), 'appeal-lodged', { subjectMay: true });
  // Sch 3 paras 14–15: the workflow's validator refuses a decision that is not one of the IOPC's (the same reasons as the API).
  action('iopc-decision', (ref, actor, b) => deps.workflows.recordIopcDecision(ref, { actor, decision: String(b.decision ?? '') as never, iopcReference: String(b.iopcReference ?? '') }), 'iopc-decision-recorded');
  return router;
}
