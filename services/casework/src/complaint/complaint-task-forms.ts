// A form for every complaint task type (workflows/src/complaint/task-rules.ts), validated with the
// schemas the workflow's validator uses.
import type { z } from 'zod';
import { humanise } from '@probity/shared/web/format';
import { ALLEGATION_ACTIONS, ALLEGATION_OUTCOMES, REVIEW_RECOMMENDATION_KINDS, UPDATE_METHODS } from '@probity/shared/domain/index';
import type { TaskType } from '@probity/workflows/complaint/contract';
import { HANDLING_OUTCOMES_2020, taskPayloadSchemas } from '@probity/workflows/complaint/task-rules';
import type { TaskField, TaskFormSpec } from '../tasks/task-form';

const options = (values: readonly string[], texts: Record<string, string> = {}) => values.map((value) => ({ value, text: texts[value] ?? humanise(value) }));
const method = (values: readonly string[]): TaskField => ({ name: 'method', label: 'How the complainant was told', kind: 'radios', options: options(values) });
const notes = (label: string, hint?: string): TaskField => ({ name: 'summary', label, kind: 'textarea', ...(hint ? { hint } : {}) });

/** The review body's kinds of recommendation in words, for the review form and the case page. */
export const RECOMMENDATION_KIND_TEXTS: Record<(typeof REVIEW_RECOMMENDATION_KINDS)[number], string> = {
  reinvestigate: 'Re-investigate the complaint, or handle it again',
  'appropriate-authority-action': 'The appropriate authority takes some other action',
  'refer-to-iopc': 'Refer a matter to the IOPC',
  other: 'Other',
};

export const COMPLAINT_TASK_FORMS: Record<TaskType, TaskFormSpec> = {
  'first-contact': {
    title: 'Make first contact with the complainant',
    intro: 'Contact the complainant and try to resolve the complaint there and then (§3.2.2).',
    fields: [
      { name: 'resolved', label: 'Was the complaint resolved at first contact', kind: 'yes-no', hint: 'If it was, the case is closed as resolved at first contact and the complaints team is told.' },
      notes('What was said (optional)'),
    ],
  },
  assessment: {
    title: 'Assess the complaint',
    intro: 'Decide how the complaint will be handled (§3.2.3) and who handles it (§3.2.4).',
    fields: [
      {
        name: 'handling',
        label: 'How it is handled',
        kind: 'radios',
        options: options(['outside-schedule-3', 'schedule-3'], { 'outside-schedule-3': 'Outside Schedule 3 (to the complainant’s satisfaction)', 'schedule-3': 'Recorded under Schedule 3' }),
      },
      { name: 'handlingMode', label: 'Handling mode', kind: 'radios', options: options(['reasonable-and-proportionate', 'investigation']) },
      { name: 'referToIopc', label: 'Refer to the IOPC', kind: 'yes-no', hint: 'Mandatory referral categories must be referred (C&M reg 4).' },
      { name: 'allocateTo', label: 'Allocate to', kind: 'radios', options: options(['division', 'psd-investigator'], { division: 'A division, with guidance to resolve', 'psd-investigator': 'A PSD investigator' }) },
      { name: 'rationale', label: 'Rationale', kind: 'textarea' },
      { name: 'delayWeighed', label: 'Made over 12 months after the incident: how the delay was weighed', kind: 'textarea', hint: 'Needed only when the case shows the complaint was made more than 12 months after the incident.' },
    ],
  },
  'iopc-referral': {
    title: 'Record the IOPC referral',
    fields: [
      { name: 'iopcReference', label: 'IOPC reference', kind: 'text' },
      { name: 'iopcDecision', label: 'The IOPC’s decision on the mode', kind: 'radios', options: options(['return-to-force', 'local', 'directed', 'independent']) },
    ],
  },
  handling: {
    title: 'Record the outcome of handling',
    fields: [{ name: 'outcome', label: 'Outcome', kind: 'radios', options: options(HANDLING_OUTCOMES_2020) }, notes('Summary of the handling')],
  },
  'iopc-outcome': {
    title: "Record the IOPC investigation's outcome",
    fields: [{ name: 'outcome', label: 'Outcome', kind: 'radios', options: options(HANDLING_OUTCOMES_2020) }, notes("Summary of the IOPC's findings")],
  },
  'complainant-update': {
    title: 'Update the complainant',
    intro: 'The complainant is updated within 4 weeks of the complaint being recorded, then within 4 weeks of each previous notification, at every stage (C&M reg 34). In writing, unless the complaint was made otherwise than in writing and is handled outside Schedule 3 (C&M reg 34(3)).',
    fields: [{ name: 'method', label: 'How the complainant was updated', kind: 'radios', options: options(UPDATE_METHODS) }, notes('What they were told (optional)')],
  },
  'long-running-report': {
    title: 'Report a long-running investigation',
    intro: 'An investigation open 12 months is reported to the IOPC and the local policing body, then every 6 months (C&M reg 13). The local policing body may be left out only where telling it might prejudice the investigation; say why.',
    fields: [
      { name: 'sentToIopc', label: 'Report sent to the IOPC', kind: 'confirm', confirmText: 'The report has been sent to the IOPC' },
      { name: 'sentToLocalPolicingBody', label: 'Was it also sent to the local policing body', kind: 'yes-no' },
      { name: 'localPolicingBodyWithheldBecause', label: 'If not, why telling the local policing body might prejudice the investigation', kind: 'textarea' },
    ],
  },
  'allocation-stalled': {
    title: 'Chase the stalled allocation',
    intro: 'The allocation service has not answered in time, so nobody has been given this case. Check the allocation service and the dead-letter topic (npm run dead-letters -- list). This task closes by itself when the assignment arrives; completing it only records that you have seen it.',
    fields: [{ name: 'note', label: 'What you did (optional)', kind: 'textarea' }],
  },
  'outcome-notification': {
    title: 'Tell the complainant the outcome',
    intro: 'Within 5 working days (C&M reg 34). The 28-day review window opens when they are told.',
    fields: [method(['email', 'letter', 'phone', 'in-person'])],
  },
  review: {
    title: 'Decide the review',
    intro:
      'For the relevant review body (Sch 3 para 6A): was the outcome of the handling reasonable and proportionate? Only an upheld review sends the case back for further handling. When you uphold it you may make recommendations: leave the rows blank if you make none.',
    fields: [
      { name: 'reasonableAndProportionate', label: 'Was the outcome reasonable and proportionate', kind: 'yes-no' },
      {
        name: 'outcome',
        label: 'Review outcome',
        kind: 'radios',
        options: options(['upheld', 'not-upheld'], { upheld: 'Upheld (the outcome was not reasonable and proportionate)', 'not-upheld': 'Not upheld' }),
      },
      { name: 'rationale', label: 'Rationale', kind: 'textarea' },
    ],
    repeat: {
      name: 'recommendations',
      legend: 'Recommendation',
      rows: 3,
      fields: [
        {
          name: 'kind',
          label: 'Kind of recommendation',
          kind: 'radios',
          options: options(REVIEW_RECOMMENDATION_KINDS, RECOMMENDATION_KIND_TEXTS),
        },
        { name: 'detail', label: 'What the review body recommends', kind: 'textarea' },
      ],
    },
  },
};

export const complaintTaskSchema = (type: TaskType): z.ZodType => taskPayloadSchemas[type];

/** An allegation as the handling form names it. */
export interface AllegationRow {
  id: string;
  seq: number;
  category: string;
  subCategory?: string | null;
}

/**
 * The handling form for this case: the outcome overall, and for each allegation its outcome in the
 * 2020 wording, the actions taken and — when it was investigated — whether there is a case to answer
 * (the IOPC's record, DOMAIN.md "What the record holds").
 */
export function handlingFormFor(allegations: readonly AllegationRow[], investigated: boolean, iopc = false): TaskFormSpec {
  const base = iopc ? COMPLAINT_TASK_FORMS['iopc-outcome'] : COMPLAINT_TASK_FORMS.handling;
  return {
    ...base,
    intro: iopc
      ? 'The IOPC investigated the complaint, or directed its investigation, and determines what follows; it tells the complainant (Police Reform Act 2002 s.20(1)). Record its outcome of each allegation for the force’s record: the case is then finalised, with no review by the force or the local policing body.'
      : 'Record the outcome of each allegation and the actions taken: the case is finalised when every allegation is.',
    repeat: {
      name: 'allegationOutcomes',
      legend: 'Allegation',
      rows: allegations.length,
      each: allegations.map((a) => ({ legend: `Allegation ${a.seq}: ${humanise(a.subCategory ?? a.category)}`, values: { allegationId: a.id } })),
      fields: [
        { name: 'outcome', label: 'Outcome of this allegation', kind: 'radios', inRow: 'the outcome', options: options(ALLEGATION_OUTCOMES) },
        ...(investigated ? [{ name: 'caseToAnswer', label: 'Is there a case to answer', kind: 'yes-no', inRow: 'whether there is a case to answer' } satisfies TaskField] : []),
        { name: 'actions', label: 'Actions taken', kind: 'checkboxes', inRow: 'the actions taken', hint: "Select all that apply, or 'No further action'.", options: options(ALLEGATION_ACTIONS) },
      ],
    },
  };
}
