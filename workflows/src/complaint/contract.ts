// The complaint workflow's public contract: its id, input, tasks, and the signals, updates and
// queries other processes use. Safe to import from services (no workflow-only APIs are called).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '@probity/shared/auth';
import type { ComplaintRoute, HolidayEvent, PoliceRank, ReviewBody, SlaPolicy, SuspensionReason, UnsignedWithdrawal, WithdrawalDuties, WithdrawalNotification } from '@probity/shared/domain/index';
import type { CaseTask, StageEntry } from '../casework/types';
import type { StallEntry } from '../casework/contract';

export const COMPLAINT_WORKFLOW = 'complaint';
export const complaintWorkflowId = (ref: string) => `complaint-${ref}`;

export interface SubjectRef {
  personId?: string;
  team?: string;
  division?: string;
  /** The officer's rank where known: a senior officer's complaint is reviewed by the IOPC (Sch 3 para 6A). */
  rank?: PoliceRank | null;
}

/** Everything the workflow needs, fixed at start. No personal data: that stays in Postgres. */
export interface ComplaintInput {
  caseId: string;
  ref: string;
  channel: 'web' | 'phone' | 'email' | 'counter';
  /** ISO instant; every clock is anchored here, never at "now". */
  receivedAt: string;
  /** Category and (once coded) sub-category of the IOPC code list; old histories carry Probity's first slugs. */
  allegations: { id: string; category: string; subCategory?: string }[];
  subjects: SubjectRef[];
  /** Routing from the allocation service's first look; PSD assessment confirms or changes it. */
  route: ComplaintRoute;
  /** The PSD handler who makes first contact and the assessment. */
  assessorId: string;
  /** Told when a complaint is resolved at first contact (§3.2.2). */
  complaintsTeamId: string;
  /** The day the incident happened, where the complainant said (absent in older inputs). */
  incidentOn?: string;
  /** Front-line path (§3.2.2): contact already made at intake; resolved there or passed to PSD. */
  firstContact?: { byId: string; at: string; resolved: boolean; team?: string };
  /** Versioned SLA policy and the bank holidays it is computed with: changing either never
   * changes a running workflow. */
  sla: SlaPolicy;
  holidays: string[];
}

export const TASK_TYPES = [
  'first-contact',
  'assessment',
  'iopc-referral',
  'handling',
  'complainant-update',
  'long-running-report',
  'outcome-notification',
  /** The relevant review body's decision on a review (Sch 3 para 6A; C&M reg 29). */
  'review',
  /** The PSD manager's: the allocation service has not answered in time (withdrawn when it does). */
  'allocation-stalled',
  /** PSD's: the outcome of an IOPC independent or directed investigation, recorded for the force's record (Sch 3 paras 23–24). */
  'iopc-outcome',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export type { StageEntry } from '../casework/types';
/** A complaint task: the casework kit's task with the complaint's task types. */
export type Task = CaseTask<TaskType>;

export interface ComplaintState {
  ref: string;
  stage: string;
  handling: ComplaintRoute['handling'];
  handlingMode?: 'reasonable-and-proportionate' | 'investigation';
  referToIopc: boolean;
  division?: string;
  handlerId?: string;
  slaBreached: boolean;
  openTasks: Task[];
  completedTasks: Task[];
  stages: StageEntry[];
  outcome?: string;
  toldOutcomeOn?: string;
  reviewWindowClosesOn?: string;
  reviews: number;
  /** Serious corruption: the counter-corruption unit's and the head of PSD's only. */
  restricted?: boolean;
  /** Why it is recorded under Schedule 3, as routed and assessed (codes of complaint-routing.ts). */
  schedule3Reasons?: string[];
  /** The open suspension (C&M reg 40): the assessment and handling clocks are paused. */
  suspended?: { since: string; reason: SuspensionReason };
  /** Every suspension so far, London dates. */
  suspensions?: { from: string; to?: string; reason: SuspensionReason }[];
  /** The review under way or last decided: its body, why that body, and its outcome once decided. */
  review?: { n: number; body: ReviewBody; reason: string; reviewerId: string; outcome?: 'upheld' | 'not-upheld' };
  /** About the chief officer: the local policing body is the appropriate authority (absent otherwise: the chief officer). */
  appropriateAuthority?: 'local-policing-body';
  /** Made more than 12 months after the incident: flagged for the handling decision (absent when not, or not known). */
  lateComplaint?: { incidentOn: string; monthsAfter: number };
  /** What the case waits on that people must fix (absent in states from before stalls were shown). */
  stalled?: StallEntry[];
  /** Deadlines past the end of the bank holiday data (weekends only counted), as alerted (absent when none). */
  calendarWarnings?: { taskId: string; dueOn: string; reason: string }[];
  /** The complainant withdrew (C&M reg 38): the signed notification as recorded, who was told, and the public-interest decision. */
  withdrawal?: Omit<WithdrawalNotification, 'receivedBy'> &
    Partial<Pick<WithdrawalNotification, 'receivedBy'>> &
    WithdrawalDuties & {
      recordedOn: string;
      recordedById: string;
      /** Without a signed notification (C&M reg 39(4)): proceeded as if signed, on the complainant's confirmation or for want of a reply. */
      asIfSigned?: 'confirmed' | 'no-reply';
    };
  /** The complainant indicated a withdrawal without a signed notification (C&M reg 39): the letter, its reply period and the reply (absent when none). */
  withdrawalIndication?: UnsignedWithdrawal;
}

export interface CompleteTaskRequest {
  taskId: string;
  actor: Actor;
  /** Shape depends on the task type; validated by the workflow's update validator. */
  payload?: unknown;
}

export interface ReviewRequest {
  /** 'complainant' when made through the public progress page with the case token. */
  by: { complainant: true } | { actor: Actor };
}

/** Suspend the complaint's procedure (C&M reg 40), for the appropriate authority. */
export interface SuspendRequest {
  actor: Actor;
  reason: SuspensionReason;
}
/** Resume a suspended procedure (C&M regs 40–41). */
export interface ResumeRequest {
  actor: Actor;
}

/** Bank holidays declared after the case started (a one-off proclaimed by government), for ops. */
export interface DeclareHolidaysRequest {
  actor: Actor;
  holidays: HolidayEvent[];
}

/** Record a complainant's signed withdrawal (C&M reg 38). */
export interface WithdrawRequest {
  actor: Actor;
  /** Validated by the workflow (withdrawalNotificationSchema); unknown here so a bad field is a refusal naming it. */
  notification: unknown;
}

/** Record that the complainant indicated a withdrawal without a signed notification (C&M reg 39(1)); the letter goes out. */
export interface IndicateWithdrawalRequest {
  actor: Actor;
  /** Validated by the workflow (withdrawalIndicationSchema). */
  indication: unknown;
}

/** Record the complainant's reply to the reg 39(2) letter. */
export interface WithdrawalReplyRequest {
  actor: Actor;
  /** Validated by the workflow (withdrawalReplySchema). */
  reply: unknown;
}

export interface Assignment {
  assigneeId: string;
  division?: string;
  reason: string;
}

export const completeTaskUpdate = defineUpdate<Task, [CompleteTaskRequest]>('completeTask');
export { reallocateUpdate, type ReallocationRequest, type ReallocationResult } from '../casework/reallocation';
export const requestReviewUpdate = defineUpdate<ComplaintState, [ReviewRequest]>('requestReview');
export const suspendUpdate = defineUpdate<ComplaintState, [SuspendRequest]>('suspend');
export const resumeUpdate = defineUpdate<ComplaintState, [ResumeRequest]>('resume');
export const declareHolidaysUpdate = defineUpdate<ComplaintState, [DeclareHolidaysRequest]>('declareHolidays');
export const withdrawUpdate = defineUpdate<ComplaintState, [WithdrawRequest]>('withdraw');
export const indicateWithdrawalUpdate = defineUpdate<ComplaintState, [IndicateWithdrawalRequest]>('indicateWithdrawal');
export const withdrawalReplyUpdate = defineUpdate<ComplaintState, [WithdrawalReplyRequest]>('recordWithdrawalReply');
export const assignedSignal = defineSignal<[Assignment]>('assigned');
export const stateQuery = defineQuery<ComplaintState>('state');
