// The case page's "Record a withdrawal" page (C&M reg 38), for the complaint's handler, PSD
// managers and the head of PSD: the signed notification (what it says, who signed it, when and how
// it came) and, where it is the force's to make, the public-interest decision. Beside it the page
// for a wish to withdraw without a signature (C&M reg 39): the indication (the letter then goes
// out), and once a letter awaits a reply, the reply. Each form is a task form
// (tasks/task-form.ts), validated by the one schema the API and the workflow use; the workflow's
// validator judges the rest and its refusal is shown with its reason. JavaScript off.
import { Router } from 'express';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import type { Db } from '@probity/shared/db/client';
import type { z } from 'zod';
import type { ComplaintState } from '@probity/workflows/complaint/contract';
import { WITHDRAWAL_INDICATED_BY, WITHDRAWAL_RECEIVED_BY, mayOfferWithdrawal, withdrawalIndicationSchema, withdrawalNotificationSchema, withdrawalReplySchema } from '@probity/shared/domain/index';
import { WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { formErrors, pageError, type FormErrors } from '@probity/shared/web/form-errors';
import { NotAllowed, PageNotFound, type Render } from '@probity/shared/web/pages';
import type { Actor } from '@probity/shared/auth';
import { pageCaseAccess } from '../access/case-access';
import { actorOfPage } from '../auth/staff';
import { caseHref } from '../tasks/task-links';
import { echo, payloadFrom, validateTaskForm, type TaskFormSpec } from '../tasks/task-form';

const RECEIVED_BY_TEXT: Record<(typeof WITHDRAWAL_RECEIVED_BY)[number], string> = { post: 'By post', email: 'By email', 'by-hand': 'By hand', 'online-form': 'Through the online form' };

export const WITHDRAWAL_FORM: TaskFormSpec = {
  title: 'Record a withdrawal',
  intro:
    'Only a notification signed by the complainant, or their solicitor or other authorised agent, is a withdrawal under regulation 38 of the Complaints and Misconduct Regulations. Without a signature, write to the complainant to ask how they wish to go on (regulation 39).',
  fields: [
    {
      name: 'kind', label: 'What the notification says', kind: 'radios', options: [
        { value: 'withdraws', text: 'The complainant withdraws the complaint' },
        { value: 'no-further-steps', text: 'The complainant does not wish any further steps to be taken' },
      ],
    },
    {
      name: 'signedBy', label: 'Who signed it', kind: 'radios', options: [
        { value: 'complainant', text: 'The complainant' },
        { value: 'solicitor', text: 'Their solicitor' },
        { value: 'authorised-agent', text: 'Another authorised agent' },
      ],
    },
    { name: 'receivedOn', label: 'The date it was received', kind: 'date' },
    { name: 'receivedBy', label: 'How it was received', kind: 'radios', options: WITHDRAWAL_RECEIVED_BY.map((v) => ({ value: v, text: RECEIVED_BY_TEXT[v] })) },
    ...publicInterestFields('The appropriate authority decides this for a complaint under Schedule 3.'),
  ],
};

function publicInterestFields(when: string): TaskFormSpec['fields'] {
  return [
    {
      name: 'treatAsConductMatter', label: 'Is it in the public interest to treat the complaint as a recordable conduct matter', kind: 'yes-no',
      hint: `${when} Leave it blank if the complaint was referred to the IOPC and not returned: the IOPC decides (regulation 38(5)).`,
    },
    { name: 'publicInterestReason', label: 'Why', kind: 'textarea', hint: 'The reason for the public-interest decision' },
  ];
}

const INDICATED_BY_TEXT: Record<(typeof WITHDRAWAL_INDICATED_BY)[number], string> = {
  phone: 'By phone', 'in-person': 'In person', email: 'By email (unsigned)', letter: 'By letter (unsigned)', 'online-form': 'Through the online form', other: 'Another way',
};

export const INDICATION_FORM: TaskFormSpec = {
  title: 'Record a wish to withdraw, not signed',
  intro:
    'Where the complainant says they wish to withdraw the complaint, or that no further steps be taken, but has not sent a signed notification, the appropriate authority must write to ask how they wish to proceed (regulation 39(2)). Recording it here sends that letter. With no reply within 28 days starting with the day after it is sent, the complaint is treated as withdrawn (regulation 39(4)).',
  fields: [
    {
      name: 'kind', label: 'What the complainant indicated', kind: 'radios', options: [
        { value: 'withdraws', text: 'They wish to withdraw the complaint' },
        { value: 'no-further-steps', text: 'They wish no further steps to be taken' },
      ],
    },
    { name: 'indicatedOn', label: 'The date they indicated it', kind: 'date' },
    { name: 'indicatedBy', label: 'How they indicated it', kind: 'radios', options: WITHDRAWAL_INDICATED_BY.map((v) => ({ value: v, text: INDICATED_BY_TEXT[v] })) },
    ...publicInterestFields('If the complaint is withdrawn, the appropriate authority decides this for a complaint under Schedule 3: decide it now.'),
  ],
};

export const REPLY_FORM: TaskFormSpec = {
  title: "Record the complainant's reply",
  fields: [
    {
      name: 'answer', label: 'What the complainant replied', kind: 'radios', options: [
        { value: 'confirms-withdrawal', text: 'They confirm the withdrawal', hint: 'The complaint is withdrawn as if they had signed a notification (regulation 39(4)(a))' },
        { value: 'wishes-to-continue', text: 'They want the complaint to go on', hint: 'The complaint carries on as before' },
      ],
    },
    { name: 'receivedOn', label: 'The date the reply was received', kind: 'date' },
    { name: 'receivedBy', label: 'How the reply was received', kind: 'radios', options: WITHDRAWAL_RECEIVED_BY.map((v) => ({ value: v, text: RECEIVED_BY_TEXT[v] })) },
  ],
};

/** The form as the withdraw (or indicate) update's request: the public-interest decision as one object. */
export function notificationFrom(body: Record<string, unknown>, spec: TaskFormSpec = WITHDRAWAL_FORM): Record<string, unknown> {
  const { treatAsConductMatter, publicInterestReason, ...rest } = payloadFrom(spec, body);
  const decided = treatAsConductMatter !== undefined || (typeof publicInterestReason === 'string' && publicInterestReason !== '');
  return { ...rest, ...(decided && { publicInterest: { treatAsConductMatter, reason: publicInterestReason ?? '' } }) };
}

const FIELD_OF: Record<string, string> = { 'publicInterest.treatAsConductMatter': 'treatAsConductMatter', 'publicInterest.reason': 'publicInterestReason', publicInterest: 'treatAsConductMatter' };

/** A question left unanswered, as GOV.UK words it ("Select who signed it"); the schema's own words are for the API. */
function missingInWords(spec: TaskFormSpec, field: string, answers: Record<string, unknown>): string | undefined {
  const f = spec.fields.find((x) => x.name === field);
  if (!f || (answers[field] !== undefined && answers[field] !== '')) return undefined;
  const label = f.label.charAt(0).toLowerCase() + f.label.slice(1);
  return f.kind === 'radios' || f.kind === 'yes-no' ? `Select ${label}` : `Enter ${label}`;
}

type Page = Parameters<Render>[0];

/** One withdrawal form: its spec and schema, the request it makes, the workflow call, where it is shown and what is said once done. */
interface WithdrawalForm {
  spec: TaskFormSpec;
  schema: z.ZodType;
  request: (body: Record<string, unknown>) => Record<string, unknown>;
  call: (ref: string, actor: Actor, data: unknown) => Promise<ComplaintState>;
  action: (ref: string) => string;
  heading: (ref: string) => string;
  failed: string;
  /** Where the person goes once it is recorded, given the state the workflow answered. */
  next: (ref: string, state: ComplaintState) => string;
}

export function withdrawalPages(deps: { db: Db; render: Render; workflows: ComplaintWorkflows }): Router {
  const router = Router();

  const allowed = async (res: Page, ref: string) => {
    const actor = actorOfPage(res);
    await pageCaseAccess(deps.db, ref, actor, { need: 'work', what: 'withdrawal' });
    let state;
    try {
      state = await deps.workflows.state(ref);
    } catch (err) {
      if (err instanceof WorkflowNotFound) throw new PageNotFound();
      throw err;
    }
    if (!mayOfferWithdrawal(actor, { handlerId: state.handlerId })) throw new NotAllowed("Only PSD or the complaint's handler may record its withdrawal.");
    return { actor, state };
  };

  const show = (res: Page, ref: string, form: WithdrawalForm, state: ComplaintState | undefined, extra: { errors?: FormErrors; values?: Record<string, unknown>; done?: string } = {}, status = 200) =>
    deps.render(res, 'withdrawal.njk', {
      title: form.heading(ref), ref, done: extra.done, unsignedHref: `/cases/${ref}/unsigned-withdrawal`, backLink: caseHref(ref), form: form.spec, action: form.action(ref), signed: form.spec === WITHDRAWAL_FORM,
      letter: state?.withdrawalIndication && !state.withdrawalIndication.reply ? state.withdrawalIndication : undefined, values: extra.values ?? {}, errors: extra.errors,
    }, status);

  // Validated by the form's schema (errors shown on the page, 400), then by the workflow (its refusal with the reason, 409).
  const submit = async (req: { params: Record<string, unknown>; body: unknown }, res: Page, form: WithdrawalForm, state?: ComplaintState) => {
    const ref = String(req.params.ref);
    const { actor, state: now } = await allowed(res, ref);
    const body = req.body as Record<string, unknown>;
    const checked = validateTaskForm(form.spec, form.schema, form.request(body));
    if (!checked.ok) {
      const answers = payloadFrom(form.spec, body);
      const issues = Object.entries(checked.errors.fields).map(([path, { text }]) => {
        const field = FIELD_OF[path] ?? path;
        return { field, message: missingInWords(form.spec, field, answers) ?? text };
      });
      return show(res, ref, form, state ?? now, { errors: formErrors(issues), values: echo(body) }, 400);
    }
    let after: ComplaintState;
    try {
      after = await form.call(ref, actor, checked.data);
    } catch (err) {
      if (err instanceof WorkflowNotFound) throw new PageNotFound();
      const reason = err instanceof WorkflowRefused ? err.message : err instanceof WorkflowUnavailable ? 'The case service did not answer. Try again in a minute.' : undefined;
      if (!reason) throw err;
      return show(res, ref, form, now, { errors: pageError(`${form.failed}: ${reason}`), values: echo(body) }, err instanceof WorkflowUnavailable ? 503 : 409);
    }
    res.redirect(303, form.next(ref, after));
  };

  // Withdrawn: the case page says so; still going (the complainant wants it to go on): back here, saying so.
  const withdrawnOrBack = (ref: string, state: ComplaintState) => (state.withdrawal ? `${caseHref(ref)}?done=withdrawn` : `/cases/${ref}/unsigned-withdrawal?done=goes-on`);
  const DONE: Record<string, string> = {
    'letter-sent': 'Recorded: the letter asking the complainant how they wish to proceed has been sent',
    'goes-on': 'Reply recorded: the complainant wants the complaint to go on, so it does',
  };

  const signed: WithdrawalForm = {
    spec: WITHDRAWAL_FORM, schema: withdrawalNotificationSchema, request: (body) => notificationFrom(body),
    call: (ref, actor, notification) => deps.workflows.withdraw(ref, { actor, notification }),
    action: (ref) => `/cases/${ref}/withdrawal`, heading: (ref) => `Record a withdrawal of complaint ${ref}`, failed: 'The withdrawal could not be recorded', next: withdrawnOrBack,
  };
  const unsigned: WithdrawalForm = {
    spec: INDICATION_FORM, schema: withdrawalIndicationSchema, request: (body) => notificationFrom(body, INDICATION_FORM),
    call: (ref, actor, indication) => deps.workflows.indicateWithdrawal(ref, { actor, indication }),
    action: (ref) => `/cases/${ref}/unsigned-withdrawal`, heading: (ref) => `Record a wish to withdraw complaint ${ref}, not signed`, failed: 'The wish to withdraw could not be recorded',
    next: (ref) => `/cases/${ref}/unsigned-withdrawal?done=letter-sent`,
  };
  const replied: WithdrawalForm = {
    spec: REPLY_FORM, schema: withdrawalReplySchema, request: (body) => payloadFrom(REPLY_FORM, body),
    call: (ref, actor, reply) => deps.workflows.recordWithdrawalReply(ref, { actor, reply }),
    action: (ref) => `/cases/${ref}/unsigned-withdrawal/reply`, heading: (ref) => `Record the complainant's reply on complaint ${ref}`, failed: 'The reply could not be recorded',
    next: withdrawnOrBack,
  };

  router.get('/cases/:ref/withdrawal', async (req, res) => {
    const ref = String(req.params.ref);
    const { state } = await allowed(res, ref);
    show(res, ref, signed, state);
  });
  router.post('/cases/:ref/withdrawal', (req, res) => submit(req, res, signed));

  // C&M reg 39: the indication, or — while a letter awaits a reply — the reply.
  router.get('/cases/:ref/unsigned-withdrawal', async (req, res) => {
    const ref = String(req.params.ref);
    const { state } = await allowed(res, ref);
    const awaiting = state.withdrawalIndication && !state.withdrawalIndication.reply;
    const done = typeof req.query.done === 'string' ? DONE[req.query.done] : undefined;
    show(res, ref, awaiting ? replied : unsigned, state, { done });
  });
  router.post('/cases/:ref/unsigned-withdrawal', (req, res) => submit(req, res, unsigned));
  router.post('/cases/:ref/unsigned-withdrawal/reply', (req, res) => submit(req, res, replied));
  return router;
}
