// The policy review workflow's public contract (DOMAIN.md "Policies", P02 §7.1): its id, input,
// state, and the updates and query other processes use. Safe to import from services (no
// workflow-only APIs are called).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '@probity/shared/auth';
import type { Duration, IsoDate, SlaPolicy } from '@probity/shared/domain/index';
import type { PolicyStatus } from './policy-status';
import type { StallEntry } from '../casework/contract';

export const POLICY_REVIEW_WORKFLOW = 'policyReview';
export const policyReviewWorkflowId = (ref: string) => `policy-review-${ref}`;

export const REVIEW_OUTCOMES = ['no-amendments', 'amended'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export interface ReminderSent {
  /** The reminder day (a lead time before the due day). */
  on: IsoDate;
  to: string;
  at: string;
}

export interface EscalationSent {
  /** 1 = the owner's manager at the end of the due day; 2, 3 … every escalation interval after. */
  level: number;
  to: string;
  at: string;
}

export interface ReviewRecord {
  reviewedOn: IsoDate;
  outcome: ReviewOutcome;
  version: string;
  by: string;
}

/** What one run hands the next when it continues as new, mid-cycle or after a review. */
export interface PolicyReviewCarry {
  /** 1 for the review period the workflow started in, +1 after each recorded review. */
  cycle: number;
  remindersSent: ReminderSent[];
  escalations: number;
  lastEscalation?: EscalationSent;
  /** When the latest notice of this cycle fell due (epoch ms): nothing at or before it is sent again. */
  lastNoticeAtMs?: number;
  lastReview?: ReviewRecord;
  /** How many times the workflow has continued as new so far. */
  continuedAsNew: number;
  /** The owner's manager as last looked up (refreshed at the start of every run). */
  ownerManagerId?: string | null;
}

/** Everything the workflow needs, fixed at start (and handed on at each continue-as-new). */
export interface PolicyReviewInput {
  policyId: string;
  ref: string;
  ownerId: string;
  version: string;
  /** The day by which the current review must be recorded; overdue once it has ended in London. */
  nextReviewDue: IsoDate;
  /** Versioned SLA policy: review interval (§7.1, two years), reminder lead times, escalation chain. */
  sla: SlaPolicy;
  /** Lead times before the due day for reminders to the owner; default sla.policyReview.remindBefore. */
  remindBefore?: Duration[];
  /** Bank holidays (YYYY-MM-DD) for working-day escalation intervals. */
  holidays: string[];
  /** Continue as new once this run's history passes this many events (default 1000). */
  historyLimit?: number;
  carry?: PolicyReviewCarry;
}

export interface PolicyReviewState {
  policyId: string;
  ref: string;
  owner: string;
  /** The owner's line manager as last looked up (may record reviews; first escalation goes here). */
  ownerManager: string | null;
  version: string;
  nextReviewDue: IsoDate;
  status: PolicyStatus;
  cycle: number;
  /** Reminders sent in this review period. */
  remindersSent: ReminderSent[];
  /** Overdue escalations sent in this review period. */
  escalations: number;
  lastEscalation?: EscalationSent;
  lastReview?: ReviewRecord;
  continuedAsNew: number;
  /** What the cycle waits on that people must fix (absent in states from before stalls were shown). */
  stalled?: StallEntry[];
}

export interface RecordReviewRequest {
  actor: Actor;
  outcome: ReviewOutcome;
  /** Required exactly when the outcome is 'amended'. */
  newVersion?: string;
  notes?: string;
}

export interface ChangeOwnerRequest {
  actor: Actor;
  ownerId: string;
}

/** Records a review; the next review is scheduled two years (sla.policyReview.interval) on. */
export const reviewedUpdate = defineUpdate<PolicyReviewState, [RecordReviewRequest]>('reviewed');
/** Hands the policy to a new owner: reminders go to them from then on. */
export const changeOwnerUpdate = defineUpdate<PolicyReviewState, [ChangeOwnerRequest]>('changeOwner');
export const policyStateQuery = defineQuery<PolicyReviewState>('state');
