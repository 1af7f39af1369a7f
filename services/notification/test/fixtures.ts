import { randomUUID } from 'node:crypto';
import { envelope } from '@probity/shared/events/envelope';
import type { EventData } from '@probity/shared/events/schemas';
import { parseNotifyingEvent, type NotifyingEvent, type NotifyingTopic } from '../src/events';

// Event builders for the unit tests: each goes through the real schema, so a fixture that drifts
// from the contract fails loudly instead of testing a shape no producer sends.

export const REF = 'CO-2026-000123';
export const CASE_ID = 'case-123';

export function event<T extends NotifyingTopic>(topic: T, data: EventData<T>, id: string = randomUUID()): NotifyingEvent {
  const subject = ('caseId' in data ? data.caseId : undefined) ?? (data as { policyId?: string }).policyId ?? 'probity';
  return parseNotifyingEvent(topic, envelope({ id, type: topic, source: 'probity/test', subject, data }));
}

const task = {
  caseId: CASE_ID,
  ref: REF,
  taskId: 'task-9',
  taskType: 'assessment',
  assigneeId: 'handler-1',
  // The end of Tue 24 Nov 2026 in London (GMT).
  dueAt: '2026-11-24T23:59:59.999Z',
};

export const taskAssigned = () => event('case.task-assigned', { ...task, notify: [{ personId: 'handler-1' }] });
export const slaBreached = (level = 1) => event('case.sla-breached', { ...task, level, notify: [{ personId: 'manager-1' }] });
export const escalated = (level = 2) => event('case.escalated', { ...task, level, notify: [{ personId: 'head-of-psd' }] });
export const updateDue = (n = 2) => event('case.update-due', { ...task, taskType: 'complainant-update', n, notify: [{ personId: 'handler-1' }] });
export const reportDue = (monthsOpen = 12, n = 1) =>
  event('case.report-due', { ...task, taskType: 'long-running-report', n, monthsOpen, notify: [{ personId: 'handler-1' }] });
export const outcome = (resolution = 'finalised', result = 'service-acceptable') =>
  event('case.outcome', { caseId: CASE_ID, ref: REF, outcome: result, resolution, notify: [{ complainant: true }] });
export const reviewWindow = (which: 'opened' | 'review-accepted' | 'recorded-under-schedule-3' | 'closed', closesOn = '2026-12-22') =>
  event('case.review-window', { caseId: CASE_ID, ref: REF, event: which, closesOn, notify: [{ complainant: true }, { personId: 'handler-1' }] });
export const policyReviewDue = (kind: 'reminder' | 'overdue' = 'reminder', level = 0) =>
  event('policy.review-due', { policyId: 'policy-p02', policyRef: 'P02', dueOn: '2026-07-21', kind, level, notify: [{ personId: 'policy-owner' }] });

export const alert = (data: Partial<EventData<'probity.alert'>> = {}) =>
  event('probity.alert', {
    kind: 'cannot-proceed',
    caseId: CASE_ID,
    ref: REF,
    workflowId: `complaint-${REF}`,
    summary: `complaint ${REF} cannot proceed at stage assessment: no active head of PSD in the Person table: give someone the role head-of-psd`,
    detail: { stage: 'assessment' },
    notifyRoles: ['psd-manager', 'ops'],
    notify: [],
    ...data,
  });

export const flagged = () =>
  event('early-intervention.flagged', {
    flagId: 'EI-0123456789ab',
    ruleId: 'three-complaints-in-12-months',
    ruleVersion: '2026-12-01',
    subjectKind: 'officer',
    reason: '3 complaints in 12 months',
    caseCount: 3,
    notify: [{ personId: 'north-sergeant' }, { personId: 'psd-manager' }],
  });
