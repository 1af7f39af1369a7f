// The rules of DOMAIN.md "Access, conflicts and the complaint's route" and the record the IOPC
// counts, as the complaint workflow's validators apply them: who may work on the case, what the
// law lets a first contact and an assessment decide, the assessor's coding of each allegation, the
// outcome of each allegation, the review body's decision and suspension. Pure functions (no
// workflow APIs), unit-tested on their own; each refusal names its rule.
import { z } from 'zod';
import type { Actor } from '@probity/shared/auth';
import {
  CURRENT_CODE_LIST_VERSION,
  allegationCategorySchema,
  allegationOutcomeSchema,
  allegationOutcomesProblem,
  allegationSubCategorySchema,
  allegationFactorSchema,
  canHandleOutsideSchedule3Given,
  canResolveAtFirstContactGiven,
  isCodedAllegation,
  mayWorkOnCase,
  mayWorkRestrictedCases,
  restrictionOf,
  reviewDecisionSchema,
  routeComplaint,
  strictestRoute,
  suspensionReasonSchema,
  type AllegationOutcomeRecord,
  type CaseWork,
  type ComplaintRoute,
} from '@probity/shared/domain/index';
import { TaskRefusal } from '../casework/task-rules';
import type { SubjectRef } from './contract';

/** The work each complaint task is, for the wording of a conflict refusal. */
const WORK: Record<string, CaseWork> = {
  'first-contact': 'handle',
  assessment: 'assess',
  'iopc-referral': 'decide',
  handling: 'handle',
  'complainant-update': 'handle',
  'long-running-report': 'handle',
  'outcome-notification': 'handle',
  review: 'review',
};

/** Nobody works on a case about themselves or their own team, PSD included (DOMAIN.md "Conflicts of interest"). */
export function checkNoConflict(actor: Actor, subjects: readonly SubjectRef[], taskType: string): void {
  const p = mayWorkOnCase(actor, subjects, WORK[taskType] ?? 'handle');
  if (!p.allowed) throw new TaskRefusal(p.reason);
}

/** A restricted case is worked only by the counter-corruption unit and the head of PSD (or whoever it was escalated to). */
export function checkRestrictedWorker(actor: Actor, restricted: boolean, assigneeId: string): void {
  if (restricted && actor.id !== assigneeId && !mayWorkRestrictedCases(actor)) {
    throw new TaskRefusal(`${actor.id} may not work on this case: it is restricted (serious corruption) to the counter-corruption unit and the head of PSD`);
  }
}

/** §3.2.2 within Sch 3: `{resolved: true}` is refused for a complaint that must be recorded under Schedule 3. */
export function checkFirstContactResolution(resolved: boolean, route: ComplaintRoute): void {
  if (!resolved) return;
  const p = canResolveAtFirstContactGiven(route.schedule3Reasons);
  if (!p.allowed) throw new TaskRefusal(p.reason);
}

// ── The assessor's coding of the allegations ─────────────────────────────────────────────────

const flag = z.boolean().optional();

/** One allegation as PSD assesses it: its code in the current list, factors, and the facts the routing rule asks about. */
export const allegationAssessmentSchema = z
  .object({
    id: z.string({ error: 'id is required' }).min(1),
    category: allegationCategorySchema,
    subCategory: allegationSubCategorySchema,
    factors: z.array(allegationFactorSchema).max(20).optional(),
    deathOrSeriousInjury: flag,
    possibleCriminalOffence: flag,
    justifiesDisciplinaryProceedings: flag,
    infringesEchrArticle2or3: flag,
    seriousAssault: flag,
    seriousSexualOffence: flag,
    seriousCorruption: flag,
    aggravatedByDiscrimination: flag,
    relevantOffence: flag,
  })
  .superRefine((a, ctx) => {
    if (!isCodedAllegation(CURRENT_CODE_LIST_VERSION, a.category, a.subCategory)) {
      ctx.addIssue({ code: 'custom', path: ['subCategory'], message: `subCategory '${a.subCategory}' is not in category '${a.category}'` });
    }
  });
export type AllegationAssessment = z.infer<typeof allegationAssessmentSchema>;

/** Fields the assessment payload gains (optional, so every earlier payload still parses). */
export const assessmentRecordFields = {
  /** PSD's coding of every allegation (category, sub-category, factors) and its judgement of the facts. */
  allegations: z.array(allegationAssessmentSchema, { error: 'allegations must be a list' }).max(20).optional(),
  /** PSD records it under Schedule 3 although nothing requires it (the appropriate authority decides). */
  recordUnderSchedule3: z.boolean().optional(),
};

/** The route as assessed: the stricter of allocation's first look and the assessor's coding; never less than the law requires. */
export function routeAsAssessed(first: ComplaintRoute, allegationIds: readonly string[], a: { allegations?: AllegationAssessment[]; recordUnderSchedule3?: boolean }): ComplaintRoute {
  if (a.allegations) {
    const given = a.allegations.map((x) => x.id);
    const missing = allegationIds.filter((id) => !given.includes(id));
    const unknown = given.filter((id) => !allegationIds.includes(id));
    if (missing.length || unknown.length || new Set(given).size !== given.length) {
      throw new TaskRefusal(
        `allegations: code every allegation of the case once${missing.length ? `; missing: ${missing.join(', ')}` : ''}${unknown.length ? `; not of this case: ${unknown.join(', ')}` : ''}`,
      );
    }
  }
  const assessed = routeComplaint({
    allegations: a.allegations ?? allegationIds.map((id) => ({ id, category: 'other' as const })),
    ...(a.recordUnderSchedule3 === true && { psdChoosesSch3: true }),
  });
  return a.allegations || a.recordUnderSchedule3 ? strictestRoute(first, assessed) : first;
}

/** Whether the assessor's coding makes the case restricted (serious corruption). */
export const restrictedAsAssessed = (allegations: readonly AllegationAssessment[] | undefined) => allegations !== undefined && restrictionOf(allegations).restricted;

/** Outside Schedule 3 only where the law allows it; a restricted case is handled by the counter-corruption unit's investigators. */
export function checkAssessmentLaw(a: { handling: string; allocateTo: string }, route: ComplaintRoute, restricted: boolean): void {
  if (a.handling === 'outside-schedule-3') {
    const p = canHandleOutsideSchedule3Given(route.schedule3Reasons);
    if (!p.allowed) throw new TaskRefusal(p.reason);
  }
  if (restricted && a.allocateTo === 'division') {
    throw new TaskRefusal('a restricted case (serious corruption) is not allocated to a division: the counter-corruption unit investigates it (allocateTo: psd-investigator)');
  }
}

// ── Outcomes, review, suspension ─────────────────────────────────────────────────────────────

/** Fields the handling payload gains: an outcome per allegation (optional in the schema so earlier payloads parse; the validator requires it). */
export const handlingRecordFields = {
  allegationOutcomes: z.array(allegationOutcomeSchema, { error: 'allegationOutcomes must be a list' }).max(20).optional(),
};

/** Every allegation's outcome, in the 2020 wording; case to answer exactly when it was investigated. */
export function checkAllegationOutcomes(outcomes: readonly AllegationOutcomeRecord[] | undefined, c: { allegationIds: readonly string[]; investigated: boolean }): void {
  if (!outcomes) throw new TaskRefusal("allegationOutcomes: give each allegation's outcome (service acceptable / not acceptable / unable to determine) and the actions taken");
  const problem = allegationOutcomesProblem(outcomes, c);
  if (problem) throw new TaskRefusal(`allegationOutcomes: ${problem}`);
}

/** The review body's decision, as its reviewer records it (the review task's payload). */
export const reviewPayloadSchema = reviewDecisionSchema;

export interface SuspendRequest {
  actor: Actor;
  reason: z.infer<typeof suspensionReasonSchema>;
}
export interface ResumeRequest {
  actor: Actor;
}

/** The suspension request's reason, or a TaskRefusal naming the field. */
export function parseSuspensionReason(reason: unknown): z.infer<typeof suspensionReasonSchema> {
  const parsed = suspensionReasonSchema.safeParse(reason);
  if (!parsed.success) throw new TaskRefusal(`reason: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}
