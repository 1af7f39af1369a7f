// The parts of the complaint form that feed the IOPC's record (DOMAIN.md "What the record holds for
// the IOPC"): each allegation's code and factors, each complainant's role, each subject's kind, and
// the complainant's optional equality monitoring answers. Used by complaint-form.ts; the same zod
// schemas validate the JSON API, describe it in OpenAPI and name the fields on the pages.
import { z } from 'zod';
import {
  ALLEGATION_FACTORS,
  ALLEGATION_SUB_CATEGORIES,
  CURRENT_CODE_LIST_VERSION,
  isCodedAllegation,
  type AllegationCategory,
} from '@probity/shared/domain/index';

export const subCategorySchema = z
  .enum(ALLEGATION_SUB_CATEGORIES, { error: 'subCategory is not a known allegation sub-category' })
  .describe('The sub-category of the IOPC code list (iopc-2021-01); PSD codes it at assessment if the complainant does not')
  .optional();

export const factorsSchema = z
  .array(z.enum(ALLEGATION_FACTORS, { error: `each factor must be one of: ${ALLEGATION_FACTORS.join(', ')}` }), { error: 'factors must be a list' })
  .max(ALLEGATION_FACTORS.length)
  .describe('Optional factors recorded with the allegation (e.g. mental-health, domestic-abuse)')
  .optional();

/** A sub-category given must belong to the allegation's category. */
export function checkAllegationCode(a: { category: AllegationCategory; subCategory?: string }, ctx: z.RefinementCtx): void {
  if (a.subCategory !== undefined && !isCodedAllegation(CURRENT_CODE_LIST_VERSION, a.category, a.subCategory)) {
    ctx.addIssue({ code: 'custom', path: ['subCategory'], message: `subCategory '${a.subCategory}' is not in category '${a.category}'` });
  }
}

export const COMPLAINANT_ROLES = ['adversely-affected', 'witness', 'acting-on-behalf'] as const;
export type ComplainantRole = (typeof COMPLAINANT_ROLES)[number];

export const complainantRoleFields = {
  role: z
    .enum(COMPLAINANT_ROLES, { error: "role must be 'adversely-affected', 'witness' or 'acting-on-behalf'" })
    .describe('How the complainant stands to the complaint (default adversely-affected)')
    .default('adversely-affected'),
  /** Acting on behalf of someone (with their written authority, PRA 2002 s 12). */
  onBehalfOf: z.string({ error: 'onBehalfOf must be text' }).trim().min(1, 'onBehalfOf must not be empty').max(200).optional(),
  writtenAuthority: z.boolean({ error: 'writtenAuthority must be true or false' }).optional(),
};

/** Someone acting on behalf of another needs that person's written authority (PRA 2002 s 12(6)). */
export function checkComplainantRole(c: { role: ComplainantRole; onBehalfOf?: string; writtenAuthority?: boolean }, ctx: z.RefinementCtx): void {
  if (c.role !== 'acting-on-behalf') {
    if (c.onBehalfOf !== undefined) ctx.addIssue({ code: 'custom', path: ['onBehalfOf'], message: "onBehalfOf goes with role 'acting-on-behalf'" });
    return;
  }
  if (c.onBehalfOf === undefined) ctx.addIssue({ code: 'custom', path: ['onBehalfOf'], message: 'say on whose behalf the complaint is made' });
  if (c.writtenAuthority !== true) {
    ctx.addIssue({ code: 'custom', path: ['writtenAuthority'], message: 'a complaint on behalf of someone needs their written authority (writtenAuthority: true)' });
  }
}

const answer = <T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z.enum(values, { error: `${what} must be one of: ${values.join(', ')}` }).optional();

/**
 * Equality monitoring (OPTIONAL — every question may be left out, and 'prefer-not-to-say' is always
 * an answer). Kept only in Postgres (ComplainantEquality): never in Temporal, events or logs.
 */
export const equalitySchema = z
  .object({
    ageBand: answer('ageBand', ['under-18', '18-24', '25-34', '35-44', '45-54', '55-64', '65-plus', 'prefer-not-to-say']),
    sex: answer('sex', ['female', 'male', 'prefer-not-to-say']),
    genderIdentitySameAsAtBirth: answer('genderIdentitySameAsAtBirth', ['yes', 'no', 'prefer-not-to-say']),
    ethnicity: answer('ethnicity', ['asian-or-asian-british', 'black-black-british-caribbean-or-african', 'mixed-or-multiple', 'white', 'other-ethnic-group', 'prefer-not-to-say']),
    disability: answer('disability', ['yes', 'no', 'prefer-not-to-say']),
    religion: answer('religion', ['no-religion', 'christian', 'buddhist', 'hindu', 'jewish', 'muslim', 'sikh', 'other', 'prefer-not-to-say']),
    sexualOrientation: answer('sexualOrientation', ['straight-or-heterosexual', 'gay-or-lesbian', 'bisexual', 'other', 'prefer-not-to-say']),
  }, { error: 'equality must be an object of optional answers' })
  .strict()
  .describe('OPTIONAL equality monitoring: every answer may be left out; used only to look for disproportionality, never sent outside the case record')
  .optional();
export type EqualityAnswers = z.infer<typeof equalitySchema>;

export const SUBJECT_KINDS = ['officer', 'staff', 'special-constable', 'volunteer', 'contractor', 'not-identified'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const subjectKindSchema = z
  .enum(SUBJECT_KINDS, { error: `kind must be one of: ${SUBJECT_KINDS.join(', ')}` })
  .describe('Who they are: officer, staff, special constable, volunteer, contractor, or not identified (filled from the Person register when personId names someone)')
  .optional();
