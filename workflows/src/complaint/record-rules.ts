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
  appropriateAuthorityDecision,
  dissatisfiedAfterInitialHandling,
  relevantReviewBody,
  resumeRefusal,
  reviewBodyOfReviewer,
  reviewDecisionSchema,
  reviewRecommendationsRefusal,
  routeComplaint,
  suspendRefusal,
  pausesWhileSuspended,
  strictestRoute,
  suspensionReasonSchema,
  type AllegationOutcomeRecord,
  type CaseWork,
  type ComplaintRoute,
  type ReviewBody,
  type ReviewBodyDecision,
  type ReviewDecision,
  type RoutingReason,
  type Schedule3Code,
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
  'iopc-outcome': 'handle',
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

/**
 * A front-line "resolved at first contact" that the workflow may not act on, with why: Schedule 3
 * requires recording, or whoever took it is a subject (or in a subject's team, where known).
 */
export function frontLineResolutionRefusal(fc: { byId: string; team?: string }, route: ComplaintRoute, subjects: readonly SubjectRef[]): string | undefined {
  const law = canResolveAtFirstContactGiven(route.schedule3Reasons);
  if (!law.allowed) return law.reason;
  const known = fc.team === undefined ? subjects.map(({ personId }) => ({ personId })) : subjects;
  const p = mayWorkOnCase({ id: fc.byId, team: fc.team ?? '' }, known, 'record');
  return p.allowed ? undefined : p.reason;
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

/** Recommendations only with an upheld review (Sch 3 para 6A(3)); in the validator so decisions accepted earlier replay. */
export function checkReviewRecommendations(d: Pick<ReviewDecision, 'outcome' | 'recommendations'>): void {
  const refusal = reviewRecommendationsRefusal(d);
  if (refusal) throw new TaskRefusal(refusal);
}

/** Sch 3 para 6A: the body that reviews this complaint, and why. */
export function reviewBodyOf(c: { handling: ComplaintRoute['handling']; referToIopc: boolean; route: ComplaintRoute; subjects: readonly SubjectRef[] }): ReviewBodyDecision {
  return relevantReviewBody({
    handling: c.handling,
    referredToIopc: c.referToIopc,
    subjectRanks: c.subjects.map((s) => s.rank ?? null),
    schedule3Reasons: c.route.schedule3Reasons.map((r) => r.code),
    sameIncidentAsReferableConduct: c.route.referralReasons.some((r) => r.code === 'same-incident'),
  });
}

/** A review task is decided by the review body's own people, never by the force's handler. */
export function checkReviewer(actor: Actor, body: ReviewBody): void {
  const theirs = reviewBodyOfReviewer(actor);
  if (theirs !== body) {
    throw new TaskRefusal(`${actor.id} may not decide this review: it is for the ${body === 'iopc' ? 'IOPC' : 'local policing body'} (the relevant review body, Sch 3 para 6A)${theirs ? `, not the ${theirs}` : ''}`);
  }
}

/**
 * The Schedule 3 grounds on the record once handling is decided: the route's, or — recorded under
 * Schedule 3 though nothing required it — the appropriate authority's decision; and, when a
 * complainant is dissatisfied after initial handling, that reason (DOMAIN.md "What the record holds").
 */
export function schedule3ReasonsAsDecided(route: ComplaintRoute, handling: ComplaintRoute['handling']): RoutingReason<Schedule3Code>[] {
  if (handling !== 'schedule-3') return [];
  if (route.schedule3Reasons.length > 0) return route.schedule3Reasons;
  return [appropriateAuthorityDecision()];
}

/** Handled outside Schedule 3 and the complainant is dissatisfied: recorded under Schedule 3, not reviewed. */
export function routeAfterDissatisfaction(route: ComplaintRoute): ComplaintRoute {
  const reason = dissatisfiedAfterInitialHandling();
  return {
    ...route,
    handling: 'schedule-3',
    reasons: [...route.reasons.filter((r) => !r.startsWith('Outside Schedule 3')), `Schedule 3: ${reason.text}`],
    schedule3Reasons: [...route.schedule3Reasons, reason],
  };
}

/** C&M reg 40: who may suspend, and when; nobody conflicted. */
export function checkSuspend(actor: Actor, subjects: readonly SubjectRef[], f: { stage: string; suspendedSince?: string }): void {
  const p = mayWorkOnCase(actor, subjects, 'decide');
  if (!p.allowed) throw new TaskRefusal(p.reason);
  const refusal = suspendRefusal({ ...f, actor });
  if (refusal) throw new TaskRefusal(refusal);
}

/** C&M regs 40–41: who may resume a suspended procedure; nobody conflicted. */
export function checkResume(actor: Actor, subjects: readonly SubjectRef[], f: { stage: string; suspendedSince?: string }): void {
  const p = mayWorkOnCase(actor, subjects, 'decide');
  if (!p.allowed) throw new TaskRefusal(p.reason);
  const refusal = resumeRefusal({ ...f, actor });
  if (refusal) throw new TaskRefusal(refusal);
}

/** While suspended the procedure may not go on: its paused tasks cannot be completed (C&M reg 40). */
export function checkNotSuspended(taskType: string, suspended: { since: string; reason: string } | undefined): void {
  if (suspended && pausesWhileSuspended(taskType)) {
    throw new TaskRefusal(`the complaint is suspended (${suspended.reason}, since ${suspended.since}, C&M reg 40): a ${taskType} task cannot be completed until it is resumed`);
  }
}

/** The suspension request's reason, or a TaskRefusal naming the field. */
export function parseSuspensionReason(reason: unknown): z.infer<typeof suspensionReasonSchema> {
  const parsed = suspensionReasonSchema.safeParse(reason);
  if (!parsed.success) throw new TaskRefusal(`reason: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}
