// Every Kafka topic Probity uses. Topics are created up front by infra/create-topics.ts
// (auto-creation is off on the broker), one topic per event type, keyed by case id.
export const TOPICS = {
  caseReceived: 'case.received',
  allocationRequested: 'allocation.requested',
  caseAllocated: 'case.allocated',
  caseStageChanged: 'case.stage-changed',
  caseSlaBreached: 'case.sla-breached',
  caseEscalated: 'case.escalated',
  caseUpdateDue: 'case.update-due',
  caseReportDue: 'case.report-due',
  caseOutcome: 'case.outcome',
  caseReviewWindow: 'case.review-window',
  /** C&M reg 39: the letter asking a complainant who indicated a withdrawal, unsigned, how they wish to proceed. */
  caseWithdrawalLetter: 'case.withdrawal-letter',
  caseTaskAssigned: 'case.task-assigned',
  policyReviewDue: 'policy.review-due',
  /** An early-intervention rule flagged an officer or a team (shared/src/early-intervention). */
  earlyInterventionFlagged: 'early-intervention.flagged',
  notificationSent: 'notification.sent',
  /** Something needs people to act: a stalled case, an activity that cannot succeed, a parked event. */
  alert: 'probity.alert',
  deadLetter: 'probity.dead-letter',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
export const ALL_TOPICS: Topic[] = Object.values(TOPICS);
