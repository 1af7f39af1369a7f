// The case page's "Record a withdrawal" page (C&M reg 38), for the complaint's handler, PSD
// managers and the head of PSD: the signed notification (what it says, who signed it, when and how
// it came) and, where it is the force's to make, the public-interest decision. The form is a task
// form (tasks/task-form.ts), validated by the one schema the API and the workflow use; the
// workflow's validator judges the rest and its refusal is shown with its reason. JavaScript off.
import { Router } from 'express';
import type { ComplaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import type { Db } from '@probity/shared/db/client';
import { WITHDRAWAL_RECEIVED_BY, mayOfferWithdrawal, withdrawalNotificationSchema } from '@probity/shared/domain/index';
import { WorkflowNotFound, WorkflowRefused, WorkflowUnavailable } from '@probity/shared/temporal/workflow-calls';
import { formErrors, pageError, type FormErrors } from '@probity/shared/web/form-errors';
import { NotAllowed, PageNotFound, type Render } from '@probity/shared/web/pages';
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
    {
      name: 'treatAsConductMatter', label: 'Is it in the public interest to treat the complaint as a recordable conduct matter', kind: 'yes-no',
      hint: 'The appropriate authority decides this for a complaint under Schedule 3. Leave it blank if the complaint was referred to the IOPC and not returned: the IOPC decides (regulation 38(5)).',
    },
    { name: 'publicInterestReason', label: 'Why', kind: 'textarea', hint: 'The reason for the public-interest decision' },
  ],
};

/** The form as the withdraw update's notification: the public-interest decision as one object. */
export function notificationFrom(body: Record<string, unknown>): Record<string, unknown> {
  const { treatAsConductMatter, publicInterestReason, ...rest } = payloadFrom(WITHDRAWAL_FORM, body);
  const decided = treatAsConductMatter !== undefined || (typeof publicInterestReason === 'string' && publicInterestReason !== '');
  return { ...rest, ...(decided && { publicInterest: { treatAsConductMatter, reason: publicInterestReason ?? '' } }) };
}

const FIELD_OF: Record<string, string> = { 'publicInterest.treatAsConductMatter': 'treatAsConductMatter', 'publicInterest.reason': 'publicInterestReason', publicInterest: 'treatAsConductMatter' };

/** A question left unanswered, as GOV.UK words it ("Select who signed it"); the schema's own words are for the API. */
function missingInWords(field: string, answers: Record<string, unknown>): string | undefined {
  const f = WITHDRAWAL_FORM.fields.find((x) => x.name === field);
  if (!f || (answers[field] !== undefined && answers[field] !== '')) return undefined;
  const label = f.label.charAt(0).toLowerCase() + f.label.slice(1);
  return f.kind === 'radios' || f.kind === 'yes-no' ? `Select ${label}` : `Enter ${label}`;
}

export function withdrawalPages(deps: { db: Db; render: Render; workflows: ComplaintWorkflows }): Router {
  const router = Router();

  const allowed = async (res: Parameters<Render>[0], ref: string) => {
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
    return actor;
  };

  const show = (res: Parameters<Render>[0], ref: string, extra: { errors?: FormErrors; values?: Record<string, unknown> } = {}, status = 200) =>
    deps.render(res, 'withdrawal.njk', { title: `Record a withdrawal of complaint ${ref}`, ref, backLink: caseHref(ref), form: WITHDRAWAL_FORM, values: extra.values ?? {}, errors: extra.errors }, status);

  router.get('/cases/:ref/withdrawal', async (req, res) => {
    const ref = String(req.params.ref);
    await allowed(res, ref);
    show(res, ref);
  });

  router.post('/cases/:ref/withdrawal', async (req, res) => {
    const ref = String(req.params.ref);
    const actor = await allowed(res, ref);
    const body = req.body as Record<string, unknown>;
    const checked = validateTaskForm(WITHDRAWAL_FORM, withdrawalNotificationSchema, notificationFrom(body));
    if (!checked.ok) {
      const answers = payloadFrom(WITHDRAWAL_FORM, body);
      const issues = Object.entries(checked.errors.fields).map(([path, { text }]) => {
        const field = FIELD_OF[path] ?? path;
        return { field, message: missingInWords(field, answers) ?? text };
      });
      return show(res, ref, { errors: formErrors(issues), values: echo(body) }, 400);
    }
    try {
      await deps.workflows.withdraw(ref, { actor, notification: checked.data });
    } catch (err) {
      if (err instanceof WorkflowNotFound) throw new PageNotFound();
      const reason = err instanceof WorkflowRefused ? err.message : err instanceof WorkflowUnavailable ? 'The case service did not answer. Try again in a minute.' : undefined;
      if (!reason) throw err;
      return show(res, ref, { errors: pageError(`The withdrawal could not be recorded: ${reason}`), values: echo(body) }, err instanceof WorkflowUnavailable ? 503 : 409);
    }
    res.redirect(303, `${caseHref(ref)}?done=withdrawn`);
  });
  return router;
}
