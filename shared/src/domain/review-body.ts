/**
 * Reviews go to the relevant review body (DOMAIN.md "Relevant review body"; PRA 2002 Sch 3 para
 * 6A; C&M reg 29). Only a complaint handled under Schedule 3 can be reviewed — one handled outside
 * it is instead recorded under Schedule 3 when the complainant is dissatisfied. The review body is
 * the IOPC where the complaint was referred to it, concerns a senior officer (above chief
 * superintendent), or the appropriate authority cannot be satisfied that the conduct would not
 * justify criminal or disciplinary proceedings or involve an article 2/3 infringement (or it arises
 * from the same incident as one of those); otherwise the local policing body (the PCC). The body
 * decides whether the outcome was reasonable and proportionate — "upheld" if it was not — and may
 * recommend action; only an upheld review sends the case back for further handling.
 */
import { z } from 'zod';
import { isAtLeast, type PoliceRank } from './ranks';
import type { Schedule3Code } from './complaint-routing';

export const REVIEW_BODIES = ['local-policing-body', 'iopc'] as const;
export type ReviewBody = (typeof REVIEW_BODIES)[number];

/** The Person.role of each body's reviewers (they sign in like staff, from outside the force). */
export const REVIEWER_ROLES: Record<ReviewBody, string> = {
  'local-policing-body': 'lpb-review-officer',
  iopc: 'iopc-reviewer',
};

export const isReviewer = (p: { role: string }) => (Object.values(REVIEWER_ROLES) as string[]).includes(p.role);
export const reviewBodyOfReviewer = (p: { role: string }): ReviewBody | null =>
  (Object.keys(REVIEWER_ROLES) as ReviewBody[]).find((b) => REVIEWER_ROLES[b] === p.role) ?? null;

/** Above chief superintendent: assistant chief constable and up (Sch 3 para 6A). */
export const isSeniorOfficer = (rank: PoliceRank) => isAtLeast(rank, 'assistant-chief-constable');

export interface ReviewBodyFacts {
  handling: 'schedule-3' | 'outside-schedule-3';
  referredToIopc: boolean;
  /** The ranks of the officers complained about, where known (null for staff or unknown). */
  subjectRanks: readonly (PoliceRank | null)[];
  /** Why it was recorded under Schedule 3 (the assessment's routing). */
  schedule3Reasons: readonly Schedule3Code[];
  sameIncidentAsReferableConduct?: boolean;
}

export type ReviewBodyDecision = { body: ReviewBody; reason: string } | { body: null; reason: string };

/** Grounds on which the appropriate authority cannot be satisfied the conduct is not serious. */
const SERIOUS_GROUNDS: readonly Schedule3Code[] = ['possible-criminal-offence', 'possible-disciplinary-proceedings', 'echr-article-2-or-3', 'death-or-serious-injury'];

export function relevantReviewBody(f: ReviewBodyFacts): ReviewBodyDecision {
  if (f.handling !== 'schedule-3') {
    return {
      body: null,
      reason: 'a complaint handled outside Schedule 3 has no review: if the complainant is dissatisfied it is recorded under Schedule 3 instead',
    };
  }
  if (f.referredToIopc) return { body: 'iopc', reason: 'the complaint was referred to the IOPC (Sch 3 para 6A)' };
  if (f.subjectRanks.some((r) => r !== null && isSeniorOfficer(r))) {
    return { body: 'iopc', reason: 'the complaint concerns a senior officer, above chief superintendent (Sch 3 para 6A)' };
  }
  const serious = f.schedule3Reasons.filter((r) => SERIOUS_GROUNDS.includes(r));
  if (serious.length > 0 || f.sameIncidentAsReferableConduct === true) {
    return {
      body: 'iopc',
      reason:
        'the appropriate authority cannot be satisfied that the conduct would not justify criminal or disciplinary proceedings or involve an ECHR article 2/3 infringement (Sch 3 para 6A)',
    };
  }
  return { body: 'local-policing-body', reason: 'none of the IOPC grounds apply: the local policing body reviews it (Sch 3 para 6A)' };
}

export const REVIEW_OUTCOMES = ['upheld', 'not-upheld'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/**
 * What a review body may recommend when it finds the outcome not reasonable and proportionate (PRA
 * 2002 Sch 3 paras 6A and 25; C&M regs): that the complaint be re-investigated or handled again,
 * that the appropriate authority take some other action, that a matter be referred to the IOPC.
 */
export const REVIEW_RECOMMENDATION_KINDS = ['reinvestigate', 'appropriate-authority-action', 'refer-to-iopc', 'other'] as const;
export type ReviewRecommendationKind = (typeof REVIEW_RECOMMENDATION_KINDS)[number];

export const reviewRecommendationSchema = z.object({
  /** zod's own message (naming the kinds) for the API; the page words it from the field's label. */
  kind: z.enum(REVIEW_RECOMMENDATION_KINDS),
  detail: z
    .string({ error: 'Say what the review body recommends' })
    .trim()
    .min(1, 'Say what the review body recommends')
    .max(2000, 'A recommendation must be at most 2000 characters'),
});
export type ReviewRecommendation = z.infer<typeof reviewRecommendationSchema>;

/** Decisions recorded before recommendations had a kind carried plain text: read as kind 'other'. */
const recommendationOrLegacyText = z.preprocess((v) => (typeof v === 'string' ? { kind: 'other', detail: v } : v), reviewRecommendationSchema);

/** What the review body records (DOMAIN.md: "the review (body, applied on, outcome, recommendations)"). */
export const reviewDecisionSchema = z
  .object({
    /** Was the outcome of the handling reasonable and proportionate? */
    reasonableAndProportionate: z.boolean({ error: 'reasonableAndProportionate must be true or false' }),
    outcome: z.enum(REVIEW_OUTCOMES, { error: "outcome must be 'upheld' or 'not-upheld'" }),
    /** Absent in earlier payloads (none made); the validator refuses any on a review not upheld (reviewRecommendationsRefusal). */
    recommendations: z
      .array(recommendationOrLegacyText, { error: 'recommendations must be a list of {kind, detail}' })
      .max(20, 'at most 20 recommendations')
      .default([]),
    rationale: z.string({ error: 'rationale is required' }).trim().min(1, 'rationale must not be empty').max(10_000),
  })
  .superRefine((d, ctx) => {
    // "Upheld" means the outcome was not reasonable and proportionate — one fact, stated twice, must agree.
    if ((d.outcome === 'upheld') === d.reasonableAndProportionate) {
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: d.reasonableAndProportionate
          ? "a review that finds the outcome reasonable and proportionate is 'not-upheld'"
          : "a review that finds the outcome not reasonable and proportionate is 'upheld'",
      });
    }
  });
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

/**
 * The power to recommend arises only where the outcome is found not reasonable and proportionate
 * (Sch 3 para 6A(3), 25): recommendations on a review not upheld are refused. Applied by the
 * workflow's validator for new decisions, not by the schema, so earlier accepted decisions replay.
 */
export function reviewRecommendationsRefusal(d: Pick<ReviewDecision, 'outcome' | 'recommendations'>): string | undefined {
  if (d.outcome === 'upheld' || d.recommendations.length === 0) return undefined;
  return 'recommendations: a review body recommends only when it upholds the review (the outcome was not reasonable and proportionate, Sch 3 para 6A)';
}

/** Only an upheld review sends the case back for further handling. */
export const reviewReopensHandling = (outcome: ReviewOutcome) => outcome === 'upheld';
