// The form a supervisor raises a conduct matter with (DOMAIN.md "Conduct matter", policy §3.3):
// whom it is about, the standards of professional behaviour allegedly breached, an account of what
// happened, and the supervisor's initial view. The account is personal data: stored in Postgres
// only; the case.received event carries ids and the standards.
import { z } from 'zod';
import { isPsd, type Actor } from '@probity/shared/auth';
import { isAtLeast, policeRankSchema, SUPERVISOR_VIEWS } from '@probity/shared/domain/index';
import { ASSESSMENT_SOURCES, STANDARDS, standardSchema, type Standard } from '@probity/workflows/conduct/contract';
import { incidentSchema } from '@probity/shared/complaint/complaint-form';

const optionalId = (what: string) =>
  z.string({ error: `${what} must be text` }).trim().min(1, `${what} must not be empty`).max(100, `${what} must be at most 100 characters`).optional();

export const conductSubjectSchema = z.object(
  {
    personId: z
      .string({ error: (iss) => (iss.input === undefined ? 'personId is required: the officer or member of staff the matter is about' : 'personId must be text') })
      .trim()
      .min(1, 'personId must not be empty')
      .max(100, 'personId must be at most 100 characters'),
    team: optionalId('team'),
    division: optionalId('division'),
  },
  { error: (iss) => (iss.input === undefined ? 'subject is required' : 'subject must be an object') },
);

/** What happened: the same shape as a complaint's incident (what, when — not in the future — and where). */
export const conductAccountSchema = z.object(incidentSchema.shape, {
  error: (iss) => (iss.input === undefined ? 'account is required: what happened, when and where' : 'account must be an object'),
});

/**
 * Where an allegation came from, when PSD (acting for the appropriate authority) opens the severity
 * assessment: at intake or on a running matter. §3.3.5 is force policy for supervisors, not law.
 */
export const assessmentSourceFields = {
  source: z.enum(ASSESSMENT_SOURCES, { error: `source must be one of: ${ASSESSMENT_SOURCES.join(', ')}` }).optional(),
  sourceDetail: z.string().trim().min(1, 'sourceDetail must not be empty').max(1000, 'sourceDetail must be at most 1000 characters').optional(),
};

/** sourceDetail goes with source 'other', and only with it. */
export function checkSourceDetail(b: { source?: string; sourceDetail?: string }, ctx: z.RefinementCtx): void {
  if (b.source === 'other' && !b.sourceDetail) ctx.addIssue({ code: 'custom', path: ['sourceDetail'], message: "sourceDetail is required when source is 'other': say what the source was" });
  if (b.sourceDetail && b.source !== 'other') ctx.addIssue({ code: 'custom', path: ['sourceDetail'], message: "sourceDetail is only for source 'other'" });
}

export const conductMatterFormSchema = z.object({
  subject: conductSubjectSchema,
  standards: z
    .array(standardSchema, {
      error: (iss) => (iss.input === undefined ? `standards is required: at least one of ${STANDARDS.join(', ')}` : 'standards must be a list'),
    })
    .min(1, 'at least one standard of professional behaviour must be named')
    .max(STANDARDS.length, `at most ${STANDARDS.length} standards`)
    .refine((s) => new Set(s).size === s.length, 'each standard may be named once'),
  account: conductAccountSchema,
  view: z.enum(SUPERVISOR_VIEWS, {
    error: (iss) =>
      iss.input === undefined
        ? `view is required: ${SUPERVISOR_VIEWS.map((v) => `'${v}'`).join(', ')}`
        : `view must be one of ${SUPERVISOR_VIEWS.map((v) => `'${v}'`).join(', ')}`,
  }),
  /** §3.3.4: for a concern on the cusp already discussed with the chief inspector, straight to PSD advice. */
  discussedWithChiefInspector: z.boolean({ error: 'discussedWithChiefInspector must be true or false' }).optional(),
  /** PSD only, raising it for the appropriate authority: where the allegation came from. */
  ...assessmentSourceFields,
}).superRefine((f, ctx) => {
  checkSourceDetail(f, ctx);
  if (f.source !== undefined && f.view !== 'possible-misconduct') {
    ctx.addIssue({ code: 'custom', path: ['source'], message: "source is for PSD opening a severity assessment: the view must be 'possible-misconduct'" });
  }
  if (f.discussedWithChiefInspector !== undefined && f.view !== 'on-the-cusp') {
    ctx.addIssue({ code: 'custom', path: ['discussedWithChiefInspector'], message: "discussedWithChiefInspector applies only to the view 'on-the-cusp'" });
  }
});
export type ConductMatterForm = z.infer<typeof conductMatterFormSchema>;
export type { Standard };

/** Roles that supervise (or stand above supervisors) whatever their rank. */
const SUPERVISING_ROLES = ['supervisor', 'divisional-lead'];

/** DOMAIN.md: conduct matters are raised by a supervisor (sergeant, inspector) or anyone above. */
export const mayRaiseConductMatter = (actor: Actor): boolean => {
  if (SUPERVISING_ROLES.includes(actor.role) || isPsd(actor)) return true;
  const rank = policeRankSchema.safeParse(actor.rank);
  return rank.success && isAtLeast(rank.data, 'sergeant');
};

/** The completion body for RPRP tasks: the sealed parts (§3.3.9) are split off by the route. */
export const reflectiveDiscussionBodySchema = z.object({
  account: z.string({ error: 'account is required: the officer’s account given in the reflective discussion' }).trim().min(1, 'account must not be empty').max(20_000, 'account must be at most 20000 characters'),
  heldOn: z.unknown(),
});

export const developmentReportBodySchema = z.object({
  actions: z
    .array(
      z.object({
        description: z.string({ error: 'description is required' }).trim().min(1, 'description must not be empty').max(2_000, 'description must be at most 2000 characters'),
        dueOn: z.unknown(),
        owner: z.unknown().optional(),
      }),
      { error: 'actions must be a list' },
    )
    .min(1, 'a development report needs at least one action')
    .max(20, 'at most 20 actions'),
});

export const rprpReviewBodySchema = z.object({
  note: z.string({ error: 'note must be text' }).trim().min(1, 'note must not be empty').max(10_000, 'note must be at most 10000 characters').optional(),
  heldOn: z.unknown(),
});
