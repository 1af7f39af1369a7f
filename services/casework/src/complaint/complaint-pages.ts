// Complaint pages for staff: the case page (whoever the access rule lets read it; from the case
// record alone, case-record.ts), every complaint task's form, and recording a complaint taken at
// first contact (§3.2.2).
import { Router } from 'express';
import type { Db } from '@probity/shared/db/client';
import { firstContactFormSchema } from '@probity/shared/complaint/complaint-form';
import { ComplaintRefused, type IntakeStore } from '@probity/shared/complaint/complaint-store';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { ALLEGATION_CATEGORIES, NOT_WITHDRAWABLE_STAGES, mayOfferWithdrawal, maySuspendComplaint } from '@probity/shared/domain/index';
import { lessonRefusal } from '../lessons/lesson-store';
import { humanise } from '@probity/shared/web/format';
import { formErrors, pageError, parseForm } from '@probity/shared/web/form-errors';
import { notAllowed, PageNotFound, type Render } from '@probity/shared/web/pages';
import { complaintWorkflowId, type TaskType } from '@probity/workflows/complaint/contract';
import { actorOfPage } from '../auth/staff';
import { mayRecordComplaint } from '../auth/roles';
import { pageCaseAccess } from '../access/case-access';
import { echo, dateFrom } from '../tasks/task-form';
import { taskPage } from '../tasks/task-page';
import { caseRecord, temporalLink } from './case-record';
import { COMPLAINT_TASK_FORMS, RECOMMENDATION_KIND_TEXTS, complaintTaskSchema, handlingFormFor } from './complaint-task-forms';

export interface ComplaintPageDeps {
  db: Db;
  render: Render;
  workflows: ComplaintWorkflows;
  store: IntakeStore;
  onAccepted?: () => void;
  temporal: { uiUrl: string; namespace: string };
}

const blank = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The first-contact form's fields as the JSON API's body (firstContactFormSchema). */
export function firstContactBody(b: Record<string, unknown>) {
  const subject = { description: blank(b['subject-description']), team: blank(b['subject-team']), division: blank(b['subject-division']) };
  return {
    channel: blank(b.channel),
    complainant: { name: blank(b.name), email: blank(b.email), phone: blank(b.phone), address: blank(b.address), preferredContact: blank(b.preferredContact) },
    incident: { what: blank(b.what), when: dateFrom(b, 'when'), where: blank(b.where) },
    subjects: Object.values(subject).some(Boolean) ? [subject] : [],
    allegations: [{ category: blank(b.category), description: blank(b.allegation) }],
    firstContact: { resolved: b.resolved === 'yes' ? true : b.resolved === 'no' ? false : undefined, summary: blank(b.summary) },
  };
}

export function complaintPages(deps: ComplaintPageDeps): Router {
  const router = Router();
  const categories = ALLEGATION_CATEGORIES.map((c) => ({ value: c, text: humanise(c) }));

  // ── Recording a complaint taken at first contact ───────────────────────────────────────────
  const form = (res: Parameters<typeof deps.render>[0], locals: Record<string, unknown> = {}, status = 200) =>
    deps.render(res, 'complaint-new.njk', { title: 'Record a complaint taken at first contact', categories, values: {}, ...locals }, status);

  router.get('/complaints/new', (_req, res) => {
    if (!mayRecordComplaint(actorOfPage(res))) return notAllowed(deps.render, res, 'Only front-line officers and staff, supervisors and PSD record complaints.');
    form(res);
  });
  router.post('/complaints/new', async (req, res) => {
    const actor = actorOfPage(res);
    if (!mayRecordComplaint(actor)) return notAllowed(deps.render, res, 'Only front-line officers and staff, supervisors and PSD record complaints.');
    const body = req.body as Record<string, unknown>;
    const parsed = parseForm(firstContactFormSchema, firstContactBody(body));
    if (!parsed.ok) return form(res, { values: echo(body), errors: parsed.errors }, 400);
    const { firstContact, ...complaint } = parsed.data;
    let result;
    try {
      result = await deps.store.recordComplaint({ form: complaint, firstContact: { by: actor, ...firstContact } });
    } catch (err) {
      // The rules refused it (conflict of interest; Schedule 3 forbids first-contact resolution): say why on the page.
      if (!(err instanceof ComplaintRefused)) throw err;
      const field = typeof err.extra.field === 'string' ? err.extra.field : undefined;
      const errors = field ? formErrors([{ field, message: err.message }], { idOf: (f) => (f === 'firstContact.resolved' ? 'firstContact' : f.replaceAll('.', '-')) }) : pageError(err.message);
      return form(res, { values: echo(body), errors }, err.status);
    }
    if (result.outcome !== 'created') throw new Error('a complaint without an idempotency key was not created');
    deps.onAccepted?.();
    deps.render(res, 'complaint-recorded.njk', { title: 'Complaint recorded', ref: result.receipt.ref, token: result.receipt.token, resolved: firstContact.resolved }, 201);
  });

  const SUSPENSION_DONE: Record<string, string> = { suspended: 'Complaint suspended', resumed: 'Complaint resumed', withdrawn: 'Withdrawal recorded' };

  // ── The case page ──────────────────────────────────────────────────────────────────────────
  router.get('/cases/:ref', async (req, res) => {
    const actor = actorOfPage(res);
    const ref = String(req.params.ref);
    await pageCaseAccess(deps.db, ref, actor, { need: 'record', what: 'case-page' });
    const record = await caseRecord(deps.db, ref);
    if (!record || record.row.kind !== 'complaint') throw new PageNotFound();
    const { progress } = record;
    deps.render(res, 'case.njk', {
      title: `Complaint ${ref}`,
      ref,
      ...record,
      complainant: record.row.complainant as Record<string, string>,
      incident: record.row.incident as Record<string, string>,
      subjects: record.row.subjects as Record<string, string>[],
      temporalUrl: temporalLink(deps.temporal.uiUrl, deps.temporal.namespace, complaintWorkflowId(ref)),
      done: typeof req.query.done === 'string' ? (SUSPENSION_DONE[req.query.done] ?? `Task completed: ${humanise(req.query.done)}`) : undefined,
      mayReallocate: ['psd-manager', 'head-of-psd'].includes(actor.role),
      maySuspend: maySuspendComplaint(actor),
      mayWithdraw: !(NOT_WITHDRAWABLE_STAGES as readonly string[]).includes(progress.stage) && mayOfferWithdrawal(actor, { handlerId: progress.leadId ?? undefined }),
      // Lessons for the organisation are recorded at finalisation (lessons/lesson-pages.ts).
      mayRecordLessons: (await lessonRefusal(deps.db, record.row.id, actor)) === null,
      recommendationKinds: RECOMMENDATION_KIND_TEXTS,
    });
  });

  // ── Every complaint task's form ────────────────────────────────────────────────────────────
  const tasks = taskPage<TaskType>({
    db: deps.db,
    render: deps.render,
    spec: async (type, caseId) => {
      if (type !== 'handling' && type !== 'iopc-outcome') return COMPLAINT_TASK_FORMS[type];
      const row = await deps.db.case.findUniqueOrThrow({
        where: { id: caseId },
        select: { handlingMode: true, allegations: { select: { id: true, seq: true, category: true, subCategory: true }, orderBy: { seq: 'asc' } } },
      });
      return handlingFormFor(row.allegations, type === 'iopc-outcome' || (row.handlingMode !== null && row.handlingMode !== 'otherwise-than-by-investigation'), type === 'iopc-outcome');
    },
    schema: complaintTaskSchema,
    complete: (ref, taskId, actor, payload) => deps.workflows.completeTask(ref, { taskId, actor, payload }),
  });
  router.get('/cases/:ref/tasks/:taskId', tasks.show);
  router.post('/cases/:ref/tasks/:taskId', tasks.complete);
  return router;
}
