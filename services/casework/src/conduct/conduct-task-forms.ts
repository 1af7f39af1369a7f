// A form for every conduct matter task type (workflows/src/conduct/task-rules.ts). Reflective
// practice tasks carry sealed text (§3.3.9): their forms post the completion body the API takes
// (account, action descriptions, review note), which conduct-completion.ts splits off into the
// sealed record before anything reaches the workflow.
import { z } from 'zod';
import { PROCEEDINGS_FORMS, REG7_DESCRIPTIONS, REG7_LABELS, SANCTIONS, SEVERITY_OUTCOMES } from '@probity/shared/domain/index';
import { humanise } from '@probity/shared/web/format';
import type { ConductTaskType } from '@probity/workflows/conduct/contract';
import { APPEAL_RESULTS, FINDINGS, taskPayloadSchemas } from '@probity/workflows/conduct/task-rules';
import { STAFF_APPEAL_RESULTS, STAFF_OUTCOMES } from '@probity/workflows/conduct/staff-rules';
import type { TaskField, TaskFormSpec } from '../tasks/task-form';
import { developmentReportBodySchema, reflectiveDiscussionBodySchema, rprpReviewBodySchema } from './conduct-form';

const options = (values: readonly string[], texts: Record<string, string> = {}) => values.map((value) => ({ value, text: texts[value] ?? humanise(value) }));
const rationale: TaskField = { name: 'rationale', label: 'Rationale', kind: 'textarea' };
const sanction: TaskField = { name: 'sanction', label: 'Sanction', kind: 'radios', options: options(SANCTIONS), hint: 'Only with a finding of misconduct or gross misconduct. Management advice no longer exists (§3.3.2).' };
const reportFields: TaskField[] = [
  { name: 'sentToLocalPolicingBody', label: 'Was the report sent to the local policing body', kind: 'yes-no', hint: 'Withhold it only where it might prejudice this or another investigation (Conduct reg 19(3)).' },
  { name: 'localPolicingBodyWithheldBecause', label: 'Why sending it might prejudice an investigation', kind: 'textarea', hint: 'Only when it was not sent.' },
  { name: 'copiedToOfficer', label: 'Was a copy sent to the officer concerned', kind: 'yes-no', hint: 'Subject to the harm test (Conduct reg 19(4)).' },
  { name: 'harmTestReason', label: 'Why the harm test stops the copy', kind: 'textarea', hint: 'Only when no copy was sent.' },
];

export const CONDUCT_TASK_FORMS: Record<ConductTaskType, TaskFormSpec> = {
  'chief-inspector-discussion': {
    title: 'Discuss the concern with the supervisor',
    intro: 'The supervisor is unsure whether this is misconduct (§3.3.4).',
    fields: [{ name: 'outcome', label: 'Outcome of the discussion', kind: 'radios', options: options(['not-misconduct', 'request-formal-assessment', 'still-uncertain']) }, rationale],
  },
  'psd-advice': {
    title: 'Advise on the concern',
    fields: [{ name: 'advice', label: 'PSD’s advice', kind: 'radios', options: options(['local-handling', 'formal-assessment']) }, rationale],
  },
  'severity-assessment': {
    title: 'Assess the severity',
    intro: 'Misconduct is a breach so serious as to justify disciplinary proceedings (§3.3.1).',
    fields: [
      { name: 'outcome', label: 'Severity', kind: 'radios', options: options(SEVERITY_OUTCOMES) },
      rationale,
      { name: 'instructions', label: 'Instructions for reflective practice', kind: 'textarea', hint: 'Needed for practice requiring improvement (§3.3.8).' },
      { name: 'deathOrSeriousInjury', label: 'Did anyone die or suffer serious injury in the incident', kind: 'yes-no', hint: 'If so the matter must be recorded and referred to the IOPC (Police Reform Act 2002 Sch 3 para 13(1)(a)).' },
      { name: 'reg7', label: 'What the conduct appears to involve (C&M reg 7(1))', kind: 'checkboxes', options: options(REG7_DESCRIPTIONS, REG7_LABELS), hint: 'Any of these makes it a recordable conduct matter; all but gravity or exceptional circumstances must be referred to the IOPC.' },
    ],
  },
  'investigation-notice': {
    title: 'Record the investigation notice',
    intro: 'The officer has 10 working days from the notice to respond (Conduct reg 18).',
    fields: [{ name: 'servedOn', label: 'Date the notice was served', kind: 'date' }, { name: 'method', label: 'How it was served', kind: 'radios', options: options(['in-person', 'email', 'post']) }],
  },
  'investigation-report': {
    title: 'Record the investigation report',
    fields: [{ name: 'recommendation', label: 'Recommendation', kind: 'radios', options: options(['case-to-answer', 'no-case-to-answer']) }, { name: 'summary', label: 'Summary', kind: 'textarea' }],
  },
  'referral-decision': {
    title: 'Decide on referral',
    intro: 'The appropriate authority decides whether to refer to proceedings (Conduct reg 23).',
    fields: [
      { name: 'decision', label: 'Decision', kind: 'radios', options: options(['refer-to-proceedings', 'refer-to-rprp', 'no-case-to-answer']) },
      { name: 'severity', label: 'Severity', kind: 'radios', options: options(['misconduct', 'gross-misconduct']), hint: 'Needed to refer to proceedings.' },
      { name: 'liveFinalWrittenWarning', label: 'Does the officer have a live final written warning', kind: 'yes-no' },
      { name: 'specialConditionsMet', label: 'Are the special conditions met (accelerated hearing)', kind: 'yes-no' },
      { name: 'form', label: 'Form of proceedings (optional cross-check)', kind: 'radios', options: options(PROCEEDINGS_FORMS) },
      { name: 'instructions', label: 'Instructions for reflective practice', kind: 'textarea', hint: 'Needed to refer to reflective practice (§3.3.8).' },
      rationale,
    ],
  },
  'referral-notice': {
    title: 'Record the notice of referral and documents',
    intro: 'The officer has 15 working days, beginning with the first working day after the notice and documents are supplied, to respond (Conduct regs 30–31). An accelerated hearing follows Part 5 instead.',
    fields: [{ name: 'suppliedOn', label: 'Date the notice and documents were supplied to the officer', kind: 'date' }],
  },
  'proceedings-outcome': {
    title: 'Record the outcome of proceedings',
    intro: 'An accelerated hearing finds gross misconduct or not (Conduct reg 62). At a hearing, reduction in rank or dismissal for misconduct (not gross) needs reg 42(5) or (6).',
    fields: [
      { name: 'finding', label: 'Finding', kind: 'radios', options: options(FINDINGS) },
      sanction,
      { name: 'finalWrittenWarningInForce', label: 'Was a final written warning in force on the date of the severity assessment', kind: 'yes-no', hint: 'Conduct reg 42(5).' },
      { name: 'unconnectedIncidents', label: 'Does the misconduct arise from more than one incident, not closely factually connected', kind: 'yes-no', hint: 'Conduct reg 42(6).' },
      { name: 'reasons', label: 'Reasons', kind: 'textarea', hint: 'Needed where gross misconduct does not end in dismissal.' },
      { name: 'publish', label: 'Is the outcome to be published', kind: 'yes-no', hint: 'The outcome of a misconduct hearing is published for the public and the workforce; a meeting’s never is.' },
      { name: 'publishFrom', label: 'Publish from (optional)', kind: 'date' },
      { name: 'nameWithheldBecause', label: 'Why the officer’s name is not to be published (optional)', kind: 'textarea', hint: 'Only where an exception applies: the publication then gives the rank without the name. The reason is shown to the workforce, not the public.' },
    ],
  },
  'outcome-report': {
    title: 'Record when the outcome report was given to the officer',
    intro: 'The chair writes the outcome report within 5 working days of the meeting (Conduct reg 43). The officer may appeal within 7 working days beginning with the first working day after it is given (Conduct reg 45).',
    fields: [{ name: 'givenToOfficerOn', label: 'Date the outcome report was given to the officer', kind: 'date' }],
  },
  appeal: {
    title: 'Record the appeal decision',
    fields: [{ name: 'result', label: 'Result', kind: 'radios', options: options(APPEAL_RESULTS) }, { ...sanction, hint: 'Only when the sanction is varied.' }],
  },
  'long-running-report': { title: 'Report a long-running investigation', intro: 'The investigation is not completed 12 months after the allegation came to the appropriate authority’s attention, or 6 months after the last period (Conduct reg 19).', fields: reportFields },
  'reflective-discussion': {
    title: 'Record the reflective discussion',
    intro: 'The officer’s account is sealed in the reflective practice record (§3.3.9): it may not be used in disciplinary proceedings about this matter.',
    fields: [{ name: 'heldOn', label: 'Date of the discussion', kind: 'date' }, { name: 'account', label: 'The officer’s account', kind: 'textarea' }],
  },
  'development-report': {
    title: 'Agree the development report',
    intro: 'Each action gets its own deadline, no later than the review within 12 months (Conduct reg 70). Leave rows you do not need blank.',
    fields: [],
    repeat: {
      name: 'actions',
      legend: 'Action',
      rows: 3,
      fields: [
        { name: 'description', label: 'What will be done', kind: 'textarea' },
        { name: 'dueOn', label: 'Due by', kind: 'date' },
        { name: 'owner', label: 'Whose action', kind: 'radios', options: options(['participant', 'reviewer'], { participant: 'The officer', reviewer: 'The reviewer' }) },
      ],
    },
  },
  'development-action': { title: 'Mark the development action done', fields: [{ name: 'completedOn', label: 'Date it was done (optional)', kind: 'date' }] },
  'allocation-stalled': {
    title: 'Chase the stalled allocation',
    intro: 'The allocation service has not answered in time, so nobody has been given this case. Check the allocation service and the dead-letter topic (npm run dead-letters -- list). This task closes by itself when the assignment arrives; completing it only records that you have seen it.',
    fields: [{ name: 'note', label: 'What you did (optional)', kind: 'textarea' }],
  },
  'rprp-report-copy': {
    title: 'Send the development report to the appropriate authority',
    intro: 'The reviewer sends a copy of the reflective review development report to the appropriate authority (Conduct reg 70(3)).',
    fields: [{ name: 'sentOn', label: 'Date the copy was sent', kind: 'date' }],
  },
  'rprp-lessons': {
    title: 'Address the lessons for line management or the force',
    intro: 'The appropriate authority must take appropriate action so that lessons identified for the line management or the force are addressed (Conduct reg 70(4)).',
    fields: [
      { name: 'outcome', label: 'Outcome', kind: 'radios', options: options(['addressed', 'no-lessons-for-the-force']) },
      { name: 'actionTaken', label: 'Action taken', kind: 'textarea', hint: 'Needed when lessons were addressed.' },
    ],
  },
  'staff-misconduct-outcome': {
    title: 'Decide the outcome under the police-staff misconduct procedure',
    intro: 'The subject is a member of police staff, who is not subject to the Police (Conduct) Regulations 2020: there is no misconduct meeting or hearing. A written warning or dismissal carries an appeal.',
    fields: [{ name: 'outcome', label: 'Outcome', kind: 'radios', options: options(STAFF_OUTCOMES) }, rationale],
  },
  'staff-appeal': {
    title: 'Decide the appeal under the police-staff misconduct procedure',
    fields: [
      { name: 'result', label: 'Result', kind: 'radios', options: options(STAFF_APPEAL_RESULTS) },
      { name: 'outcome', label: 'Varied outcome', kind: 'radios', options: options(STAFF_OUTCOMES), hint: 'Only when the outcome is varied, and only to a lesser one.' },
      rationale,
    ],
  },
  'iopc-referral': {
    title: 'Refer the recordable conduct matter to the IOPC',
    intro: 'The matter is recordable (C&M reg 7) and must be referred to the IOPC (Police Reform Act 2002 Sch 3 para 13(1)) by the end of the working day after it became clear that it must be.',
    fields: [{ name: 'referredOn', label: 'Date it was referred', kind: 'date' }, { name: 'iopcReference', label: 'IOPC reference', kind: 'text' }],
  },
  'iopc-investigation-outcome': {
    title: 'Record the outcome of the IOPC’s independent investigation',
    intro: 'The IOPC investigated the matter itself (Sch 3 para 19). Record its report; the referral decision follows as the IOPC determined.',
    fields: [{ name: 'reportReceivedOn', label: 'Date the IOPC’s report was received', kind: 'date' }, { name: 'summary', label: 'What the IOPC found', kind: 'textarea' }],
  },
  'rprp-review': {
    title: 'Record the reflective practice review',
    fields: [{ name: 'heldOn', label: 'Date of the review', kind: 'date' }, { name: 'note', label: 'Review note (optional, sealed)', kind: 'textarea' }],
  },
};

// What each form is validated with: the workflow's own payload schema, or for reflective practice
// the API's completion body with the workflow's own rules for the dates and owners.
const rd = taskPayloadSchemas['reflective-discussion'].shape;
const action = taskPayloadSchemas['development-report'].shape.actions.element.shape;
const review = taskPayloadSchemas['rprp-review'].shape;

export function conductTaskSchema(type: ConductTaskType): z.ZodType {
  switch (type) {
    case 'reflective-discussion':
      return reflectiveDiscussionBodySchema.extend({ heldOn: rd.heldOn });
    case 'development-report':
      return developmentReportBodySchema.extend({
        actions: z
          .array(developmentReportBodySchema.shape.actions.element.extend({ dueOn: action.dueOn, owner: action.owner }))
          .min(1, 'a development report needs at least one action')
          .max(20, 'at most 20 actions'),
      });
    case 'rprp-review':
      return rprpReviewBodySchema.extend({ heldOn: review.heldOn });
    default:
      return taskPayloadSchemas[type];
  }
}
