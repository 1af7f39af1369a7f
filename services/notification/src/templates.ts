import { parseIsoDate, dayOfWeek } from '@probity/shared/domain/civil-date';
import { toLondonDate } from '@probity/shared/domain/london-time';
import { ALERT_REF, refOf, type NotifyingEvent } from './events';

// The wording of every notification: pure functions of the event, who it is for and the few
// names looked up for it. Subjects always start with the case (or policy) reference in square
// brackets. Messages carry no more personal data than the reader needs: staff see the assignee's
// name where they must act on it; the complainant sees only their own case's reference and
// outcome — never the complainant's account, names of staff, or internal task details.

/** Who a message is written for. */
export type Audience = { kind: 'staff'; personId: string } | { kind: 'complainant' };

/** Names the consumer looked up for the wording (staff messages only). */
export interface TemplateContext {
  assigneeName?: string;
}

export interface Message {
  subject: string;
  body: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * A date as people read it, e.g. 'Tue 24 Nov 2026', on the Europe/London calendar. Accepts a civil
 * date ('2026-11-24') or an instant with a zone ('2026-11-24T23:59:59.999Z'); throws a RangeError
 * for anything else, so a malformed date never reaches a reader.
 */
export function formatLondonDate(value: string): string {
  const date = toLondonDate(value);
  const { year, month, day } = parseIsoDate(date);
  return `${DAYS[dayOfWeek(date)]} ${day} ${MONTHS[month - 1]} ${year}`;
}

const TASK_LABELS: Record<string, string> = {
  'first-contact': 'first contact',
  assessment: 'assessment',
  'iopc-referral': 'IOPC referral check',
  handling: 'handling',
  'complainant-update': 'complainant update',
  'long-running-report': 'long-running case report',
  'outcome-notification': 'outcome notification',
  'allocation-stalled': 'stalled allocation (the allocation service has not answered)',
  'iopc-outcome': "IOPC investigation's outcome to record",
};

/** A task type as a phrase: 'iopc-referral' → 'IOPC referral check'; unknown slugs lose their dashes. */
export const taskLabel = (taskType: string): string => TASK_LABELS[taskType] ?? taskType.replace(/[-_]+/g, ' ');

const OUTCOMES: Record<string, string> = {
  'service-acceptable': 'the service you received was found to be acceptable',
  'service-not-acceptable': 'the service you received was found not to be acceptable, and action is being taken to put things right',
  'no-further-action': 'no further action will be taken',
  resolved: 'your complaint has been resolved',
  upheld: 'your complaint has been upheld',
  'not-upheld': 'your complaint has not been upheld',
  'resolved-at-first-contact': 'your complaint was resolved when you first contacted us',
};

/** The outcome in a plain sentence for the complainant; free text is used as given. */
export function plainOutcome(outcome: string): string {
  const known = OUTCOMES[outcome];
  if (known) return known;
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(outcome) ? `the outcome recorded is: ${outcome.replace(/-/g, ' ')}` : outcome;
}

/** Outcomes of a review are the end of the road: no further review is offered. */
const isReviewResult = (resolution: string) => resolution.startsWith('review-');

const STAFF_FOOTER = '\n\n--\nProbity, Professional Standards Department\nThis message was sent automatically; please do not reply to it.';
const complainantFooter = (ref: string) =>
  `\n\n--\nProfessional Standards Department\nPlease quote your reference ${ref} if you contact us. ` +
  'This message was sent automatically; please do not reply to it.';

const paragraphs = (...lines: (string | false | undefined)[]) => lines.filter(Boolean).join('\n\n');

/**
 * What a member of staff barred from the case is told instead (see case-confidentiality.ts): that
 * there was something, that it is not theirs to act on, and who has it — nothing of the case
 * itself, not even its reference, since a restricted case does not exist for them.
 */
export function withheldNotice(): Message {
  return {
    subject: `[${ALERT_REF}] A notification about a case you do not have access to`,
    body:
      paragraphs(
        'Probity had a notification for you about a case that you do not have access to: it is restricted to the counter-corruption unit and the head of PSD, or it concerns you or your team.',
        'Its details are not shown to you, here or in Probity, and there is nothing for you to do. The head of PSD has been told.',
      ) + STAFF_FOOTER,
  };
}

/** Renders the message for one reader of one event. */
export function render(event: NotifyingEvent, audience: Audience, ctx: TemplateContext = {}): Message {
  const { ref } = refOf(event);
  const staff = audience.kind === 'staff';
  const forStaff = (subject: string, ...body: (string | false | undefined)[]): Message => {
    if (!staff) throw new Error(`${event.topic} has no wording for a complainant`);
    return { subject: `[${ref}] ${subject}`, body: paragraphs(...body) + STAFF_FOOTER };
  };
  const forComplainant = (subject: string, ...body: (string | false | undefined)[]): Message => ({
    subject: `[${ref}] ${subject}`,
    body: paragraphs(...body) + complainantFooter(ref),
  });

  switch (event.topic) {
    case 'case.task-assigned': {
      const d = event.envelope.data;
      const due = formatLondonDate(d.dueAt);
      return forStaff(
        `New task: ${taskLabel(d.taskType)} due ${due}`,
        `A ${taskLabel(d.taskType)} task on case ${ref} has been assigned to you. It is due by the end of ${due}.`,
        `Open your task inbox in Probity to work on it (task ${d.taskId}).`,
      );
    }
    case 'case.sla-breached':
    case 'case.escalated': {
      const d = event.envelope.data;
      const since = formatLondonDate(d.dueAt);
      const task = taskLabel(d.taskType);
      const forAssignee = staff && audience.personId === d.assigneeId;
      const assignee = forAssignee ? 'you' : (ctx.assigneeName ?? `person ${d.assigneeId}`);
      const what = `${task} overdue since ${since} (assigned to ${assignee})`;
      const facts = `The ${task} task on case ${ref} was due by the end of ${since} and is still open. It is assigned to ${assignee}.`;
      if (d.level <= 1) {
        return forStaff(
          `SLA breached: ${what}`,
          facts,
          forAssignee
            ? 'Please complete it as soon as possible; your manager has been told.'
            : 'Please follow it up with them, reassign it, or complete it yourself.',
          `Task ${d.taskId}.`,
        );
      }
      return forStaff(
        `Escalation level ${d.level}: ${what}`,
        facts,
        `The breach has now been escalated to level ${d.level} because it was not resolved at the earlier level(s).`,
        'Please make sure the task is completed or reassigned.',
        `Task ${d.taskId}.`,
      );
    }
    case 'case.update-due': {
      const d = event.envelope.data;
      const due = formatLondonDate(d.dueAt);
      return forStaff(
        `Complainant update due by ${due} (update ${d.n})`,
        `Update ${d.n} to the complainant on case ${ref} is due by the end of ${due}.`,
        'The complainant must be kept informed of progress within 4 weeks of handling starting and every 4 weeks after that (C&M reg 34).',
        `Task ${d.taskId}.`,
      );
    }
    case 'case.report-due': {
      const d = event.envelope.data;
      const due = formatLondonDate(d.dueAt);
      const first = d.monthsOpen <= 12;
      return forStaff(
        first ? `12-month report due by ${due}` : `further 6-month report due by ${due} (open ${d.monthsOpen} months)`,
        `Case ${ref} has been open for ${d.monthsOpen} months. ${first ? 'A 12-month' : 'A further 6-month'} report ` +
          `on it is due by the end of ${due} to the local policing body (and, for a complaint, the IOPC).`,
        `Task ${d.taskId}.`,
      );
    }
    case 'case.outcome': {
      const d = event.envelope.data;
      if (!staff) {
        // The review body's decision is news of its own, not a second outcome (Sch 3 para 6A, 25):
        // upheld sends the complaint back to be looked at again; not upheld leaves the outcome standing.
        if (d.resolution === 'review-upheld' || d.resolution === 'review-not-upheld') {
          const upheld = d.resolution === 'review-upheld';
          return forComplainant(
            `Result of the review of your complaint ${ref}`,
            `We have completed the review you asked for of your complaint, reference ${ref}.`,
            upheld
              ? 'The review found that the outcome was not reasonable and proportionate, so your complaint will be looked at again. We will tell you the new outcome.'
              : `The review found that the outcome was reasonable and proportionate, so it stands: ${plainOutcome(d.outcome)}.`,
            'You can see the details on the complaint progress page, using your reference.',
          );
        }
        const review = isReviewResult(d.resolution);
        return forComplainant(
          `Outcome of your complaint ${ref}`,
          review
            ? `We have completed the review you asked for of your complaint, reference ${ref}.`
            : `We have finished dealing with your complaint, reference ${ref}.`,
          `The outcome: ${plainOutcome(d.outcome)}.`,
          !review &&
            'If you are not satisfied with this outcome, you can apply for a review. You must apply within 28 days, ' +
              'counting from the day after you received this message.',
          review
            ? 'You can see the details on the complaint progress page, using your reference.'
            : 'You can apply for a review, and see the details of your complaint, on the complaint progress page, using your reference.',
        );
      }
      if (d.resolution === 'resolved-at-first-contact') {
        return forStaff(
          'Complaint resolved at first contact',
          `Complaint ${ref} was resolved at first contact${d.outcome === d.resolution ? '' : ` (outcome: ${d.outcome})`}.`,
          'No PSD assessment is needed; it is recorded for the complaints team (§3.2.2).',
        );
      }
      if (d.resolution === 'withdrawn') {
        return forStaff(
          `Complaint ${ref} withdrawn`,
          d.withdrawnAsIfSigned
            ? `Complaint ${ref} is treated as withdrawn, as if the complainant had signed a notification (Complaints and Misconduct Regulations, regulation 39(4)): ${d.withdrawnAsIfSigned === 'confirmed' ? 'they replied confirming it' : 'they did not reply within 28 days of the letter'}. Its handling has ended.`
            : `The complainant's signed withdrawal of complaint ${ref} has been recorded (Complaints and Misconduct Regulations, regulation 38). Its handling has ended.`,
          'If the complaint was referred to the IOPC and not returned, the IOPC decides whether to treat it as a recordable conduct matter in the public interest (regulation 38(5)). If it was under review, the review body is told.',
        );
      }
      return forStaff(`Outcome recorded: ${d.outcome}`, `The outcome of case ${ref} is recorded as ${d.outcome} (${d.resolution}).`);
    }
    case 'case.review-window': {
      const d = event.envelope.data;
      const closes = formatLondonDate(d.closesOn);
      switch (d.event) {
        case 'opened':
          return staff
            ? forStaff(`Review window open until ${closes}`, `The complainant on case ${ref} may apply for a review until the end of ${closes}.`)
            : forComplainant(
                `You can apply for a review until ${closes}`,
                `If you are not satisfied with the outcome of your complaint, reference ${ref}, you can apply for a review.`,
                `The window for applying closes on ${closes}.`,
                'You can apply on the complaint progress page, using your reference.',
              );
        case 'review-accepted':
          return staff
            ? forStaff('Review application accepted', `The complainant's application for a review of case ${ref} has been accepted. The case is now under review.`)
            : forComplainant(
                'Your application for a review has been accepted',
                `We have accepted your application for a review of the outcome of your complaint, reference ${ref}.`,
                'We will tell you the result of the review. You can follow its progress on the complaint progress page.',
              );
        case 'recorded-under-schedule-3':
          return staff
            ? forStaff(
                'Complaint now recorded under Schedule 3',
                `The complainant on case ${ref} is not satisfied with its handling outside Schedule 3, so it is now recorded and handled under Schedule 3 (not reviewed).`,
              )
            : forComplainant(
                'Your complaint is now being handled formally',
                `You told us you are not satisfied with how your complaint, reference ${ref}, was handled. It is now recorded and handled under Schedule 3 of the Police Reform Act 2002.`,
                'We will tell you the outcome. You can follow its progress on the complaint progress page.',
              );
        case 'closed':
          // Emitted when the case closes: after the window lapsed unused, or after a review that
          // did not send it back — so say what is true of both.
          return forStaff(
            'Case closed',
            `Case ${ref} is closed. The complainant's window to apply for a review closed on ${closes}, and no review is outstanding.`,
          );
      }
      break;
    }
    case 'case.withdrawal-letter': {
      // C&M reg 39(2)–(4): written to the complainant (by recorded delivery unless IOPC guidance says otherwise, reg 39(3)).
      const d = event.envelope.data;
      const replyBy = formatLondonDate(d.replyBy);
      const wish = d.kind === 'withdraws' ? 'to withdraw your complaint' : 'that no further steps be taken on your complaint';
      return staff
        ? forStaff(
            `Withdrawal letter: reply due by ${replyBy}`,
            `The complainant on case ${ref} indicated a wish ${wish.replace('your', 'their')} without a signed notification, so they have been written to asking how they wish to proceed (Complaints and Misconduct Regulations, regulation 39(2)).`,
            'Send the letter by recorded delivery unless IOPC guidance says otherwise (regulation 39(3)).',
            `Record their reply on the case. With no reply by the end of ${replyBy} (28 days starting with the day after the letter was sent), the complaint is treated as withdrawn (regulation 39(4)(b)).`,
          )
        : forComplainant(
            'How do you wish to proceed with your complaint?',
            `You told us you wish ${wish}, reference ${ref}. We need you to confirm this.`,
            'Please reply to say whether you want to withdraw your complaint or want us to carry on dealing with it. You can also send us a signed notification of withdrawal.',
            `If we do not hear from you by ${replyBy}, we will treat your complaint as withdrawn.`,
          );
    }
    case 'policy.review-due': {
      const d = event.envelope.data;
      const due = formatLondonDate(d.dueOn);
      const record = "Record the review in Probity, either as 'no amendments' or as a new version; the next review is then set two years on.";
      if (d.kind === 'reminder') {
        return forStaff(`Policy ${d.policyRef} review due ${due}`, `Policy ${d.policyRef} is due for its two-yearly review by ${due}.`, record);
      }
      if (d.level <= 0) {
        return forStaff(`Policy ${d.policyRef} review overdue since ${due}`, `The two-yearly review of policy ${d.policyRef} was due by ${due} and has not been recorded.`, record);
      }
      return forStaff(
        `Escalation level ${d.level}: policy ${d.policyRef} review overdue since ${due}`,
        `The two-yearly review of policy ${d.policyRef} was due by ${due} and has still not been recorded, so it has been escalated to you (level ${d.level}).`,
        'Please make sure the policy owner completes the review.',
      );
    }
    case 'early-intervention.flagged': {
      const d = event.envelope.data;
      const who = d.subjectKind === 'officer' ? 'an officer you manage (or PSD oversees)' : 'a team';
      return forStaff(
        `Early intervention: ${d.reason}`,
        `An early-intervention rule (${d.ruleId}, version ${d.ruleVersion}) has flagged ${who}: ${d.reason}, across ${d.caseCount} case${d.caseCount === 1 ? '' : 's'}.`,
        'A flag is a prompt to look, not a finding. Open it in Probity (Early intervention) to acknowledge it, then record the action taken or why it is a false positive.',
        `Flag ${d.flagId}.`,
      );
    }
    case 'probity.alert': {
      const d = event.envelope.data;
      const facts = Object.entries(d.detail).map(([k, v]) => `${k}: ${v === null ? '-' : String(v)}`).join('\n');
      const where = d.workflowId ? `Workflow ${d.workflowId} (Temporal UI: WorkflowId = "${d.workflowId}").` : undefined;
      switch (d.kind) {
        case 'allocation-stalled':
          return forStaff(
            'Stalled: waiting for the allocation service',
            d.summary,
            where,
            'The case shows as stalled (search attribute Stalled = true) and the PSD manager has a task for it in their inbox. ' +
              'Check the allocation service (its /readyz and log) and the dead-letter topic. The case goes on by itself when the assignment arrives.',
            facts,
          );
        case 'cannot-proceed':
          return forStaff(
            'Cannot proceed until data is fixed',
            d.summary,
            where,
            'Nothing is lost: the workflow waits (search attribute Stalled = true) without retrying. ' +
              `Once the data is fixed, ask it to try again: npm run ops -- retry-stalled ${d.workflowId ?? '<workflow id>'}`,
            facts,
          );
        case 'resumed':
          return forStaff('Going again', d.summary, where, facts);
        case 'dead-letter':
          return forStaff(
            'Event parked on the dead-letter topic',
            d.summary,
            'A consumer could not handle this event and set it aside so that the events behind it were not held up. ' +
              'Once the cause is fixed, replay it (consumers are idempotent by event id, so nothing happens twice):',
            `npm run dead-letters -- replay${typeof d.detail.eventId === 'string' ? ` --id ${d.detail.eventId}` : ''}`,
            facts,
          );
        case 'retention-failed':
          return forStaff('Retention sweep could not dispose of a case', d.summary, 'The case stays for the next daily sweep (§10.1).', facts);
        case 'calendar-beyond-coverage':
          return forStaff(
            'A deadline is past the end of the bank holiday data',
            d.summary,
            where,
            'Past the end of shared/data/bank-holidays-england-and-wales.json only weekends are skipped, so the deadline may be early. ' +
              'Add the next years\' bank holidays to the data (new cases use them), and declare them to running cases (the declareHolidays update).',
            facts,
          );
      }
      break;
    }
  }
  throw new Error(`no template for ${(event as { topic: string }).topic}`);
}
