import { z } from 'zod';
import { TOPICS } from './topics';

// Data schemas of every event type, validated by producers and consumers alike. Events carry ids,
// references, categories and dates — never personal data (names, contact details, accounts),
// which stay in Postgres.

const isoInstant = z.iso.datetime({ offset: true });

export const caseKindSchema = z.enum(['complaint', 'conduct']);
export const channelSchema = z.enum(['web', 'phone', 'email', 'counter']);

/** Who should be told. The notification service resolves ids to addresses. */
export const recipientSchema = z.union([
  z.object({ personId: z.string().min(1) }),
  z.object({ complainant: z.literal(true) }),
]);
export type Recipient = z.infer<typeof recipientSchema>;

const caseRefs = { caseId: z.string().min(1), ref: z.string().min(1) };

export const subjectRefSchema = z.object({
  personId: z.string().min(1).optional(),
  team: z.string().min(1).optional(),
  division: z.string().min(1).optional(),
});

export const caseReceivedSchema = z.object({
  ...caseRefs,
  kind: caseKindSchema,
  channel: channelSchema,
  receivedAt: isoInstant,
  /** Category (and sub-category, once coded) of each allegation; a conduct matter's are the standards allegedly breached. */
  allegations: z.array(z.object({ id: z.string().min(1), category: z.string().min(1), subCategory: z.string().min(1).optional() })).min(1),
  subjects: z.array(subjectRefSchema),
  /** Routing flags given at intake (e.g. the complainant reports a serious injury). */
  flags: z
    .object({
      deathOrSeriousInjury: z.boolean().optional(),
      complainantWantsSch3: z.boolean().optional(),
    })
    .default({}),
  /** The day the incident happened (London date), where given: a complaint made over 12 months later is flagged. */
  incidentOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Front-line path (§3.2.2): the complaint was taken at first contact by this person. */
  firstContact: z
    /** team: whoever took it at first contact — no one records a complaint about their own team. */
    .object({ byId: z.string().min(1), team: z.string().min(1).optional(), at: isoInstant, resolved: z.boolean() })
    .optional(),
});
export type CaseReceived = z.infer<typeof caseReceivedSchema>;

export const allocationRequestedSchema = z.object({
  ...caseRefs,
  workflowId: z.string().min(1),
  /** 'division' → a divisional lead (§3.2.4); 'psd-investigator' → PSD. */
  mode: z.enum(['division', 'psd-investigator']),
  subjects: z.array(subjectRefSchema),
});
export type AllocationRequested = z.infer<typeof allocationRequestedSchema>;

export const caseAllocatedSchema = z.object({
  ...caseRefs,
  purpose: z.enum(['assessment', 'handling']),
  assigneeId: z.string().min(1),
  division: z.string().optional(),
  reason: z.string(),
});
export type CaseAllocated = z.infer<typeof caseAllocatedSchema>;

export const caseStageChangedSchema = z.object({
  ...caseRefs,
  kind: caseKindSchema,
  from: z.string().nullable(),
  to: z.string().min(1),
  at: isoInstant,
  dueAt: isoInstant.optional(),
});
export type CaseStageChanged = z.infer<typeof caseStageChangedSchema>;

const taskRefs = {
  ...caseRefs,
  taskId: z.string().min(1),
  taskType: z.string().min(1),
  assigneeId: z.string().min(1),
  dueAt: isoInstant,
};

export const caseTaskAssignedSchema = z.object({ ...taskRefs, notify: z.array(recipientSchema) });
/** A task passed its due date: level 1 goes to the assignee's manager, higher levels up the chain. */
export const caseSlaBreachedSchema = z.object({ ...taskRefs, level: z.number().int().min(1), notify: z.array(recipientSchema) });
export const caseEscalatedSchema = caseSlaBreachedSchema;
export const caseUpdateDueSchema = z.object({ ...taskRefs, n: z.number().int().min(1), notify: z.array(recipientSchema) });
export const caseReportDueSchema = z.object({
  ...taskRefs,
  n: z.number().int().min(1),
  monthsOpen: z.number().int().min(12),
  notify: z.array(recipientSchema),
});
export const caseOutcomeSchema = z.object({
  ...caseRefs,
  outcome: z.string().min(1),
  /** e.g. 'resolved-at-first-contact', 'finalised', 'review-upheld', 'review-not-upheld' */
  resolution: z.string().min(1),
  /** Withdrawn without a signed notification, as if signed (C&M reg 39(4)): confirmed by the complainant or for want of a reply. */
  withdrawnAsIfSigned: z.enum(['confirmed', 'no-reply']).optional(),
  notify: z.array(recipientSchema),
});
export const caseReviewWindowSchema = z.object({
  ...caseRefs,
  /** 'recorded-under-schedule-3': handled outside Schedule 3, the complainant dissatisfied — recorded, not reviewed. */
  event: z.enum(['opened', 'review-accepted', 'recorded-under-schedule-3', 'closed']),
  closesOn: z.string().min(1),
  notify: z.array(recipientSchema),
});
/** C&M reg 39(2): the letter asking the complainant how they wish to proceed, and the last day for a reply (reg 39(4)(b)). */
export const caseWithdrawalLetterSchema = z.object({
  ...caseRefs,
  kind: z.enum(['withdraws', 'no-further-steps']),
  sentOn: z.string().min(1),
  replyBy: z.string().min(1),
  notify: z.array(recipientSchema),
});
export const policyReviewDueSchema = z.object({
  policyId: z.string().min(1),
  policyRef: z.string().min(1),
  dueOn: z.string().min(1),
  kind: z.enum(['reminder', 'overdue']),
  level: z.number().int().min(0),
  notify: z.array(recipientSchema),
});
/** A flag raised: its line manager and PSD are told (ids, the rule and its count; no personal data). */
export const earlyInterventionFlaggedSchema = z.object({
  flagId: z.string().min(1),
  ruleId: z.string().min(1),
  ruleVersion: z.string().min(1),
  subjectKind: z.enum(['officer', 'team']),
  /** What the rule counted, e.g. "3 complaints in 12 months" */
  reason: z.string().min(1),
  caseCount: z.number().int().min(1),
  notify: z.array(recipientSchema),
});
export const notificationSentSchema = z.object({
  notificationId: z.string().min(1),
  eventId: z.string().min(1),
  recipientId: z.string().min(1),
  channel: z.enum(['email', 'in-app']),
  caseRef: z.string().optional(),
});

/** What an alert is about. No personal data: ids, references, roles and reasons only. */
export const ALERT_KINDS = [
  /** A case waited past its deadline for the allocation service (search attribute Stalled). */
  'allocation-stalled',
  /** Something a case or policy workflow needs cannot be done until data is fixed (Stalled). */
  'cannot-proceed',
  /** The stalled case or policy went on again. */
  'resumed',
  /** An event was parked on the dead-letter topic; `npm run dead-letters -- replay` once fixed. */
  'dead-letter',
  /** The retention sweep could not dispose of a case that was due (§10.1). */
  'retention-failed',
  /** A deadline falls past the end of the bank holiday data: it counted weekends only (DOMAIN.md "Working days"). */
  'calendar-beyond-coverage',
] as const;
export const ALERT_ROLES = ['psd-manager', 'head-of-psd', 'ops'] as const;

export const alertSchema = z.object({
  kind: z.enum(ALERT_KINDS),
  /** The case or policy concerned, when there is one. */
  caseId: z.string().min(1).optional(),
  ref: z.string().min(1).optional(),
  workflowId: z.string().min(1).optional(),
  /** One line saying what is wrong and what fixes it. */
  summary: z.string().min(1).max(2000),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
  /** Everyone active in these roles is told, as well as anyone in `notify`. */
  notifyRoles: z.array(z.enum(ALERT_ROLES)).default([]),
  notify: z.array(recipientSchema).default([]),
});
export type Alert = z.input<typeof alertSchema>;

/** The data schema of each topic's events. */
export const EVENT_SCHEMAS = {
  [TOPICS.caseReceived]: caseReceivedSchema,
  [TOPICS.allocationRequested]: allocationRequestedSchema,
  [TOPICS.caseAllocated]: caseAllocatedSchema,
  [TOPICS.caseStageChanged]: caseStageChangedSchema,
  [TOPICS.caseTaskAssigned]: caseTaskAssignedSchema,
  [TOPICS.caseSlaBreached]: caseSlaBreachedSchema,
  [TOPICS.caseEscalated]: caseEscalatedSchema,
  [TOPICS.caseUpdateDue]: caseUpdateDueSchema,
  [TOPICS.caseReportDue]: caseReportDueSchema,
  [TOPICS.caseOutcome]: caseOutcomeSchema,
  [TOPICS.caseReviewWindow]: caseReviewWindowSchema,
  [TOPICS.caseWithdrawalLetter]: caseWithdrawalLetterSchema,
  [TOPICS.policyReviewDue]: policyReviewDueSchema,
  [TOPICS.earlyInterventionFlagged]: earlyInterventionFlaggedSchema,
  [TOPICS.notificationSent]: notificationSentSchema,
  [TOPICS.alert]: alertSchema,
} as const;

export type EventTopic = keyof typeof EVENT_SCHEMAS;
export type EventData<T extends EventTopic> = z.infer<(typeof EVENT_SCHEMAS)[T]>;

/** Topics whose events name people to notify; the notification service consumes these. */
export const NOTIFYING_TOPICS = [
  TOPICS.caseTaskAssigned,
  TOPICS.caseSlaBreached,
  TOPICS.caseEscalated,
  TOPICS.caseUpdateDue,
  TOPICS.caseReportDue,
  TOPICS.caseOutcome,
  TOPICS.caseReviewWindow,
  TOPICS.caseWithdrawalLetter,
  TOPICS.policyReviewDue,
  TOPICS.earlyInterventionFlagged,
  TOPICS.alert,
] as const;
