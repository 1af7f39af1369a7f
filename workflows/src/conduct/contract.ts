// The conduct matter workflow's public contract (DOMAIN.md "Conduct matter"): its id, input, tasks,
// timetable, and the updates, signal and query other processes use. Safe to import from services
// (no workflow-only APIs are called).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { Actor } from '@probity/shared/auth';
import {
  durationSchema,
  type ConductReferralReason,
  type Duration,
  type IopcModeDecision,
  type Person,
  type ProceedingsForm,
  type Sanction,
  type SeverityOutcome,
  type SlaPolicy,
  type SupervisorView,
  type TriageRoute,
} from '@probity/shared/domain/index';
import type { CaseTask, StageEntry } from '../casework/types';
import type { StallEntry } from '../casework/contract';

export const CONDUCT_WORKFLOW = 'conduct';
export const conductWorkflowId = (ref: string) => `conduct-${ref}`;
/** Conduct matter references: CM-2026-000123. */
export const CONDUCT_PREFIX = 'CM';

/** The allocation service hands the workflow its investigator with the complaint's signal. */
export { assignedSignal, type Assignment } from '../complaint/contract';

// ── The Standards of Professional Behaviour (Conduct regs 2020 Sch 2; policy §3.1) ──────────

export const STANDARDS = [
  'honesty-and-integrity',
  'authority-respect-and-courtesy',
  'equality-and-diversity',
  'use-of-force',
  'orders-and-instructions',
  'duties-and-responsibilities',
  'confidentiality',
  'fitness-for-work',
  'discreditable-conduct',
  'challenging-and-reporting-improper-conduct',
] as const;
export type Standard = (typeof STANDARDS)[number];
export const standardSchema = z.enum(STANDARDS, {
  error: (iss) => (iss.input === undefined ? 'standard is required' : `not a standard of professional behaviour; one of: ${STANDARDS.join(', ')}`),
});

export const STANDARD_LABELS: Record<Standard, string> = {
  'honesty-and-integrity': 'Honesty and integrity',
  'authority-respect-and-courtesy': 'Authority, respect and courtesy',
  'equality-and-diversity': 'Equality and diversity',
  'use-of-force': 'Use of force',
  'orders-and-instructions': 'Orders and instructions',
  'duties-and-responsibilities': 'Duties and responsibilities',
  confidentiality: 'Confidentiality',
  'fitness-for-work': 'Fitness for work',
  'discreditable-conduct': 'Discreditable conduct',
  'challenging-and-reporting-improper-conduct': 'Challenging and reporting improper conduct',
};

// ── Tasks ───────────────────────────────────────────────────────────────────────────────────

export const CONDUCT_TASK_TYPES = [
  /** §3.3.4: the supervisor's chief inspector discusses a concern on the cusp. */
  'chief-inspector-discussion',
  /** §3.3.4: still uncertain → PSD advice. */
  'psd-advice',
  /** §3.3.1–§3.3.2, §3.3.8: PSD's severity assessment. */
  'severity-assessment',
  /** Conduct reg 17: written notice of the investigation to the officer. */
  'investigation-notice',
  'investigation-report',
  /** Conduct reg 23: the appropriate authority decides whether to refer to proceedings. */
  'referral-decision',
  /** Conduct reg 30: written notice of the referral and the documents, supplied to the officer. */
  'referral-notice',
  'proceedings-outcome',
  /** Conduct reg 43: the meeting's outcome report, given to the officer (the reg 45 window runs from it). */
  'outcome-report',
  /** Conduct reg 45: appeal from a misconduct meeting. */
  'appeal',
  /** Conduct reg 19: report to the local policing body at 12 months, then every 6 months. */
  'long-running-report',
  /** RPRP (Conduct reg 70; §3.3.8–§3.3.9). */
  'reflective-discussion',
  'development-report',
  'development-action',
  'rprp-review',
  /** Conduct reg 70(3): the reviewer sends a copy of the development report to the appropriate authority. */
  'rprp-report-copy',
  /** Conduct reg 70(4): the appropriate authority ensures lessons for line management or the force are addressed. */
  'rprp-lessons',
  /** The PSD manager's: the allocation service has not answered in time (withdrawn when it does). */
  'allocation-stalled',
  /** Police staff (not subject to the Conduct Regulations): the appropriate authority's outcome under the staff procedure. */
  'staff-misconduct-outcome',
  /** Police staff: the appeal against a warning or dismissal under the staff procedure. */
  'staff-appeal',
  /** PRA 2002 Sch 3 para 13; C&M reg 7: the appropriate authority refers the recordable conduct matter to the IOPC. */
  'iopc-referral',
  /** Sch 3 para 19: the IOPC investigated independently; the appropriate authority records its outcome. */
  'iopc-investigation-outcome',
] as const;
export type ConductTaskType = (typeof CONDUCT_TASK_TYPES)[number];
export type ConductTask = CaseTask<ConductTaskType>;

// ── Timetable: due dates of the steps the law leaves to the force (*default*, ours) ──────────

export const conductTimetableSchema = z.object({
  version: z.string().min(1),
  chiefInspectorDiscussion: durationSchema,
  psdAdvice: durationSchema,
  severityAssessment: durationSchema,
  investigationNotice: durationSchema,
  investigationReport: durationSchema,
  referralDecision: durationSchema,
  /** From the referral to the outcome of the proceedings, by form. */
  proceedings: z.object({
    'misconduct-meeting': durationSchema,
    'misconduct-hearing': durationSchema,
    'accelerated-hearing': durationSchema,
  }),
  appealDecision: durationSchema,
  /** Conduct reg 30 notice and documents after a referral (absent in timetables from before it: 5 working days). */
  referralNotice: durationSchema.optional(),
  longRunningReport: durationSchema,
  reflectiveDiscussion: durationSchema,
  developmentReport: durationSchema,
});
export type ConductTimetable = z.infer<typeof conductTimetableSchema>;

const wd = (workingDays: number): Duration => ({ workingDays });

/** Versioned like the SLA policy and passed in at start: changing it never changes a running matter. */
export const DEFAULT_CONDUCT_TIMETABLE: ConductTimetable = {
  version: '2026-11',
  chiefInspectorDiscussion: wd(5),
  psdAdvice: wd(5),
  severityAssessment: wd(10),
  investigationNotice: wd(5),
  investigationReport: { months: 6 },
  referralDecision: wd(15),
  proceedings: { 'misconduct-meeting': wd(20), 'misconduct-hearing': wd(30), 'accelerated-hearing': wd(15) },
  appealDecision: wd(20),
  referralNotice: wd(5),
  longRunningReport: wd(10),
  reflectiveDiscussion: wd(15),
  developmentReport: wd(10),
};

// ── Input and state ─────────────────────────────────────────────────────────────────────────

/** Everything the workflow needs, fixed at start. No account of what happened: that stays in Postgres. */
export interface ConductInput {
  caseId: string;
  ref: string;
  /** ISO instant the matter was raised; the triage clocks are anchored here. */
  receivedAt: string;
  standards: { id: string; standard: Standard }[];
  /** The officer or member of staff the matter is about. */
  subject: { personId: string; team?: string; division?: string; person: Person };
  /** The supervisor who raised it (also the requester when their view is possible misconduct). */
  raisedBy: { id: string; person: Person };
  view: SupervisorView;
  discussedWithChiefInspector?: boolean;
  /** PSD raised it for the appropriate authority: where the allegation came from (§3.3.5 is advice, not a bar; absent otherwise). */
  source?: { source: AssessmentSource; sourceDetail?: string };
  /** §3.3.4: the first officer of chief inspector rank or above in the raiser's chain; null if none was needed. */
  chiefInspectorId: string | null;
  /** PSD handler for advice and the severity assessment; null when the matter stays local (§3.3.7). */
  psdAssessorId: string | null;
  /** PSD manager acting for the appropriate authority (referral, proceedings, reg 19 reports). */
  appropriateAuthorityId: string | null;
  /** The line manager who holds reflective practice with the officer (§3.3.3). */
  reflectiveReviewerId: string;
  sla: SlaPolicy;
  timetable: ConductTimetable;
  holidays: string[];
}

export interface ResponseWindow {
  /** 'notice': Conduct reg 18 (after the investigation notice); 'referral': Conduct reg 31. */
  kind: 'notice' | 'referral';
  opensOn: string;
  closesOn: string;
  respondedOn?: string;
  respondedBy?: string;
}

/** What the workflow knows of reflective practice: dates and owners only — never the account (§3.3.9). */
export interface RprpState {
  directedBy: 'psd' | 'proceedings';
  reviewerId: string;
  startedOn: string;
  /** Conduct reg 70(6): the day the development report was agreed (absent before that, and in older matters). */
  agreedOn?: string;
  reviewDueOn: string;
  actions: { id: string; owner: 'participant' | 'reviewer'; dueOn: string; taskId: string; done: boolean }[];
  reviewedOn?: string;
}

export interface ConductState {
  ref: string;
  stage: string;
  view: SupervisorView;
  triage: Pick<TriageRoute, 'route' | 'basis' | 'explanation'>;
  formalRequest?: {
    byId: string;
    at: string;
    via: 'intake' | 'chief-inspector' | 'psd-advice' | 'update';
    /** PSD opened the assessment for the appropriate authority; where the allegation came from (absent otherwise). */
    source?: AssessmentSource;
    sourceDetail?: string;
  };
  severity?: SeverityOutcome;
  investigatorId?: string;
  proceedingsForm?: ProceedingsForm;
  finding?: string;
  sanction?: Sanction;
  responseWindows: ResponseWindow[];
  appealWindowClosesOn?: string;
  /** Conduct reg 43: the day the meeting's outcome report was given to the officer (the reg 45 window's anchor). */
  outcomeReportGivenOn?: string;
  /** Conduct reg 45(1): 'police-appeals-tribunal' for a senior officer, who has no appeal meeting; 'police-staff-appeal' under the staff procedure. */
  appealRoute?: 'appeal-meeting' | 'police-appeals-tribunal' | 'police-staff-appeal';
  /** 'police-staff' once a staff matter has left the Conduct Regulations' path (absent otherwise and in older matters). */
  procedure?: 'police-staff';
  /** The police-staff procedure's outcome (after any appeal). */
  staffOutcome?: string;
  /** Conduct reg 30: the day the notice of referral and the documents were supplied (the reg 31 window's anchor). */
  referralDocumentsSuppliedOn?: string;
  /** Recorded under Sch 3 as a recordable conduct matter (C&M reg 7), with the grounds and, once made, the referral and the IOPC's decision. */
  recordable?: RecordableConduct;
  /** Extensions for exceptional circumstances (Conduct reg 45(3)(a), reg 31(1)(b)). */
  extensions?: { window: 'appeal' | 'referral'; from: string; to: string; byId: string; reason: string }[];
  appeal?: { lodgedOn: string; lodgedBy: string; result?: string };
  rprp?: RprpState;
  longRunningReports: number;
  outcome?: string;
  slaBreached: boolean;
  openTasks: ConductTask[];
  completedTasks: ConductTask[];
  stages: StageEntry[];
  /** What the matter waits on that people must fix (absent in states from before stalls were shown). */
  stalled?: StallEntry[];
}

/** A recordable conduct matter (PRA 2002 Sch 3 paras 10–13; C&M reg 7). */
export interface RecordableConduct {
  recordedOn: string;
  reasons: ConductReferralReason[];
  /** Sch 3 para 13(1): it must be referred to the IOPC. */
  mustRefer: boolean;
  referredOn?: string;
  iopcReference?: string;
  /** The IOPC's mode decision (Sch 3 paras 14–15), recorded by PSD. */
  iopcDecision?: { decision: IopcModeDecision; recordedOn: string; byId: string; iopcReference: string };
  /** After an independent investigation: the outcome the IOPC reported. */
  iopcOutcome?: string;
}

// ── Updates and query ───────────────────────────────────────────────────────────────────────

export interface CompleteConductTaskRequest {
  taskId: string;
  actor: Actor;
  /** Shape depends on the task type; validated by the workflow's update validator. */
  payload?: unknown;
}

/**
 * Where an allegation reached PSD when PSD, acting for the appropriate authority, opens the
 * severity assessment itself. §3.3.5's rank rule is force policy ("should come via"), not law:
 * the appropriate authority may assess any conduct allegation that reaches it (issue 13).
 */
export const ASSESSMENT_SOURCES = ['supervisor-referral', 'psd-own-motion', 'public-complaint', 'whistleblower', 'iopc-referral-back', 'other'] as const;
export type AssessmentSource = (typeof ASSESSMENT_SOURCES)[number];

/** Patch: a matter about police staff follows the police-staff misconduct procedure, not the Conduct Regulations (issue 13). */
export const POLICE_STAFF_PROCEDURE = 'conduct-police-staff-procedure';

/**
 * Patch: a conduct matter within C&M reg 7 is recorded under Sch 3 and referred to the IOPC, whose
 * mode decision drives what follows (issue 13). Matters assessed before it stay on the Conduct track.
 */
export const RECORDABLE_CONDUCT = 'conduct-recordable-reg7';

/** Patch: a police-staff matter's outcome reaches the record the statistics and lessons read, and the matter is finalised (issue 13). */
export const STAFF_OUTCOME_RECORDED = 'conduct-staff-outcome-recorded';

/** Patch: PSD may open the severity assessment on any allegation, recording the source (issue 13). */
export const PSD_OPENS_ASSESSMENT = 'conduct-psd-opens-assessment';

/**
 * A formal assessment request: via an officer of at least chief inspector rank (§3.3.5), or — with
 * a `source` — PSD opening the assessment for the appropriate authority, whatever route it came by.
 */
export interface FormalAssessmentRequest {
  actor: Actor;
  rationale: string;
  /** Set only by PSD acting for the appropriate authority: where the allegation came from. */
  source?: AssessmentSource;
  /** Required when source is 'other': what the source was. */
  sourceDetail?: string;
}

/** The officer's response (Conduct reg 18 / reg 31) was received — recorded by them or by PSD. */
export interface OfficerResponse {
  actor: Actor;
  window: ResponseWindow['kind'];
}

/** Conduct reg 45: written notice of appeal from a misconduct meeting. */
export interface AppealNotice {
  actor: Actor;
}

/**
 * Extends a window for exceptional circumstances: the appeal window by the appropriate authority
 * (Conduct reg 45(3)(a)), the response after referral by the person chairing (reg 31(1)(b)).
 */
export interface WindowExtensionRequest {
  actor: Actor;
  window: 'appeal' | 'referral';
  closesOn: string;
  reason: string;
}

/** Sch 3 paras 14–15: the IOPC's decision on a referred conduct matter, recorded by PSD. */
export interface IopcDecisionRecord {
  actor: Actor;
  decision: IopcModeDecision;
  /** The IOPC's reference for the referral. */
  iopcReference: string;
}

export const completeConductTaskUpdate = defineUpdate<ConductTask, [CompleteConductTaskRequest]>('completeTask');
export { reallocateUpdate, type ReallocationRequest, type ReallocationResult } from '../casework/reallocation';
export const requestFormalAssessmentUpdate = defineUpdate<ConductState, [FormalAssessmentRequest]>('requestFormalAssessment');
export const recordOfficerResponseUpdate = defineUpdate<ConductState, [OfficerResponse]>('recordOfficerResponse');
export const lodgeAppealUpdate = defineUpdate<ConductState, [AppealNotice]>('lodgeAppeal');
export const extendWindowUpdate = defineUpdate<ConductState, [WindowExtensionRequest]>('extendWindow');
export const recordIopcDecisionUpdate = defineUpdate<ConductState, [IopcDecisionRecord]>('recordIopcDecision');
export const conductStateQuery = defineQuery<ConductState>('state');
