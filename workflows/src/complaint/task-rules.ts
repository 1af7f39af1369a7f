// Rules for completing complaint tasks: who may, and what a valid completion says. Pure
// functions, used by the workflow's update validator and unit-tested on their own.
import { z } from 'zod';
import type { Actor } from '@probity/shared/auth';
import { UPDATE_METHODS, type AppropriateAuthority, type ComplaintRoute } from '@probity/shared/domain/index';
import type { ComplaintState, Task, TaskType } from './contract';
import { TaskRefusal, checkTaskActor, parseTaskPayload } from '../casework/task-rules';
import { assessmentRecordFields, handlingRecordFields, reviewPayloadSchema } from './record-rules';
import { assessmentRegulationFields } from './regulation-rules';

export { TaskRefusal };

export const HANDLING_OUTCOMES = [
  'resolved',
  'service-acceptable',
  'service-not-acceptable',
  'upheld',
  'not-upheld',
  'no-further-action',
] as const;
/**
 * The case-level outcome in the 2020 wording, which the portal offers. 'upheld' / 'not-upheld'
 * stay accepted above for cases handled under the pre-2020 wording and for histories that carry them.
 */
export const HANDLING_OUTCOMES_2020 = HANDLING_OUTCOMES.filter((o) => o !== 'upheld' && o !== 'not-upheld');

export const taskPayloadSchemas = {
  /** §3.2.2: contact the complainant; it may be resolved there and then. */
  'first-contact': z.object({ resolved: z.boolean(), summary: z.string().max(4000).optional() }),
  /** §3.2.3: PSD assessment and the decision on how to resolve. */
  assessment: z.object({
    handling: z.enum(['outside-schedule-3', 'schedule-3']),
    handlingMode: z.enum(['reasonable-and-proportionate', 'investigation']),
    referToIopc: z.boolean(),
    /** §3.2.4: to a division with guidance to resolve, or to a PSD investigator. */
    allocateTo: z.enum(['division', 'psd-investigator']),
    rationale: z.string().min(1).max(4000),
    ...assessmentRecordFields,
    ...assessmentRegulationFields,
  }),
  'iopc-referral': z.object({
    iopcReference: z.string().min(1).max(100),
    iopcDecision: z.enum(['return-to-force', 'local', 'directed', 'independent']),
  }),
  handling: z.object({ outcome: z.enum(HANDLING_OUTCOMES), summary: z.string().min(1).max(10000), ...handlingRecordFields }),
  /** C&M reg 34(3): the validator refuses a spoken update where it must be in writing. */
  'complainant-update': z.object({ method: z.enum(UPDATE_METHODS), summary: z.string().max(4000).optional() }),
  /** C&M reg 13: the validator requires the IOPC, and a reason where the local policing body is not told (earlier payloads still parse). */
  'long-running-report': z.object({
    sentToLocalPolicingBody: z.boolean(),
    sentToIopc: z.boolean(),
    localPolicingBodyWithheldBecause: z.string().max(2000).optional(),
  }),
  'outcome-notification': z.object({ method: z.enum(['email', 'letter', 'phone', 'in-person']) }),
  /** The review body: was the outcome reasonable and proportionate, its recommendations. */
  review: reviewPayloadSchema,
  /** The IOPC's outcome of its independent or directed investigation, per allegation, as PSD records it. */
  'iopc-outcome': z.object({ outcome: z.enum(HANDLING_OUTCOMES), summary: z.string().min(1).max(10000), ...handlingRecordFields }),
  /** Acknowledged by the PSD manager; it closes by itself when the assignment arrives. */
  'allocation-stalled': z.object({ note: z.string().max(2000).optional() }),
} satisfies Record<TaskType, z.ZodType>;

export type TaskPayload<T extends TaskType> = z.infer<(typeof taskPayloadSchemas)[T]>;

/** Tasks only PSD may complete (recording an assessment, referring to the IOPC). */
const PSD_ONLY: readonly TaskType[] = ['first-contact', 'assessment', 'iopc-referral', 'long-running-report', 'allocation-stalled', 'iopc-outcome'];

/**
 * Throws TaskRefusal unless the actor may complete the task: its assignee or their manager, PSD for
 * PSD tasks — or, on a complaint about the chief officer, the local policing body's complaint
 * handlers, who are the appropriate authority's people there (PRA 2002 s.29).
 */
export function checkActor(task: Task, actor: Actor, authority: AppropriateAuthority = 'chief-officer'): void {
  const lpb = authority === 'local-policing-body' && actor.role === 'lpb-complaint-handler';
  checkTaskActor(task, actor, lpb ? [] : PSD_ONLY);
}

/** Parses a payload for the task type; throws TaskRefusal naming each bad field. */
export function parsePayload<T extends TaskType>(type: T, payload: unknown): TaskPayload<T> {
  return parseTaskPayload(taskPayloadSchemas, type, payload) as TaskPayload<T>;
}

/**
 * An assessment may not go below what the law requires: Sch 3 recording is mandatory for the
 * routing's reasons, and a mandatory-referral category must be referred to the IOPC.
 */
export function checkAssessment(a: TaskPayload<'assessment'>, route: ComplaintRoute): void {
  if (a.handling === 'outside-schedule-3' && route.schedule3Reasons.length > 0) {
    throw new TaskRefusal(`this complaint must be recorded under Schedule 3: ${route.schedule3Reasons.map((r) => r.text).join('; ')}`);
  }
  if (!a.referToIopc && route.referralReasons.length > 0) {
    throw new TaskRefusal(`this complaint must be referred to the IOPC: ${route.referralReasons.map((r) => r.text).join('; ')}`);
  }
  if (a.handling === 'outside-schedule-3' && a.handlingMode === 'investigation') {
    throw new TaskRefusal('a complaint handled outside Schedule 3 cannot be investigated; record it under Schedule 3 first');
  }
}

/** C&M reg 29: the refusal of a review applied for after the 28-day window. */
export function lateReviewRefusal(closesOn: string | undefined, toldOutcomeOn: string): string {
  return `review application refused: the window closed at the end of ${closesOn} (28 days from the day after the outcome was sent on ${toldOutcomeOn}, C&M reg 29)`;
}

/**
 * What a request to a closed complaint is told (its workflow completed when the case closed): the
 * review window's refusal when there was one, else that the case is closed. From the final state.
 */
export function closedComplaintRefusal(state: ComplaintState): string {
  if (state.toldOutcomeOn) return lateReviewRefusal(state.reviewWindowClosesOn, state.toldOutcomeOn);
  return `complaint ${state.ref} is closed (${state.outcome ?? state.stage}): nothing more can be recorded on it`;
}
