// The public complaint form (DOMAIN.md "received", policy §3.2.2) and its front-line variant.
// Personal data in it (the complainant, the account, descriptions) is stored in Postgres only;
// the case.received event carries ids and categories.
import { z } from 'zod';
import { allegationCategorySchema, londonDateOf } from '@probity/shared/domain/index';
import { channelSchema } from '@probity/shared/events/schemas';
import {
  checkAllegationCode,
  checkComplainantRole,
  complainantRoleFields,
  equalitySchema,
  factorsSchema,
  subCategorySchema,
  subjectKindSchema,
} from './record-fields';

/** A clock is tolerated this far ahead of ours before an incident time counts as "in the future". */
export const CLOCK_SKEW_MS = 2 * 60_000;

const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `${what} is required` : undefined;

const text = (what: string, min: number, max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${what} is required` : `${what} must be text`) })
    .trim()
    .min(min, min === 1 ? `${what} must not be empty` : `${what} must be at least ${min} characters`)
    .max(max, `${what} must be at most ${max} characters`);

const optionalText = (what: string, max: number) => text(what, 1, max).optional();

export const preferredContactSchema = z.enum(['email', 'phone', 'post'], {
  error: (iss) => (iss.input === undefined ? 'preferredContact is required' : "preferredContact must be 'email', 'phone' or 'post'"),
});

const PHONE = /^\+?[0-9][0-9 ()-]{4,28}[0-9]$/;

export const complainantSchema = z
  .object(
    {
      name: text('name', 1, 200),
      email: z.email('email must be a valid email address').max(254, 'email must be at most 254 characters').optional(),
      phone: z
        .string({ error: 'phone must be text' })
        .trim()
        .regex(PHONE, 'phone must be a telephone number (digits, spaces, +, -, brackets)')
        .optional(),
      address: optionalText('address', 500),
      preferredContact: preferredContactSchema,
      ...complainantRoleFields,
      equality: equalitySchema,
    },
    { error: required('complainant') },
  )
  .superRefine((c, ctx) => {
    checkComplainantRole(c, ctx);
    if (c.email === undefined && c.phone === undefined && c.address === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give at least one way to contact you: email, phone or address' });
      return;
    }
    const needed = { email: 'email', phone: 'phone', post: 'address' } as const;
    const field = needed[c.preferredContact];
    if (c[field] === undefined) {
      ctx.addIssue({ code: 'custom', path: [field], message: `${field} is required when preferredContact is '${c.preferredContact}'` });
    }
  });

/** 'YYYY-MM-DD', or an ISO timestamp with a zone. */
const incidentWhenSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: (iss) =>
    iss.input === undefined ? 'when is required' : 'when must be an ISO date (2026-03-01) or date-time with a zone (2026-03-01T14:30:00Z)',
});

/** True when an incident date or date-time lies in the future (a date-only value of today is fine). */
export function isInFuture(when: string, now: Date = new Date()): boolean {
  if (when.length === 10) return when > londonDateOf(now.getTime());
  return Date.parse(when) > now.getTime() + CLOCK_SKEW_MS;
}

export const incidentSchema = z.object(
  {
    what: text('what', 10, 10_000),
    when: incidentWhenSchema.refine((when) => !isInFuture(when), 'when must not be in the future'),
    where: text('where', 1, 1_000),
  },
  { error: required('incident') },
);

/** An officer or member of staff involved, as far as the complainant knows. */
export const subjectSchema = z
  .object({
    description: optionalText('description', 2_000),
    personId: optionalText('personId', 100),
    team: optionalText('team', 100),
    division: optionalText('division', 100),
    kind: subjectKindSchema,
  })
  .refine((s) => Object.values(s).some((v) => v !== undefined), {
    message: 'describe the officer or member of staff, or give their id, team or division',
  });

/** One allegation; each has exactly one category and sub-category of the IOPC code list (allegation-codes.ts). */
export const allegationSchema = z
  .object({
    category: z.enum(allegationCategorySchema.options, {
      error: (iss) => (iss.input === undefined ? 'category is required' : 'category is not a known allegation category'),
    }),
    subCategory: subCategorySchema,
    factors: factorsSchema,
    description: text('description', 1, 5_000),
  })
  .superRefine(checkAllegationCode);

export const complaintFormSchema = z.object({
  complainant: complainantSchema,
  /** Everyone else making the complaint with the first complainant, each with their role. */
  otherComplainants: z.array(complainantSchema, { error: 'otherComplainants must be a list' }).max(10, 'at most 10 other complainants').default([]),
  incident: incidentSchema,
  subjects: z.array(subjectSchema, { error: 'subjects must be a list' }).max(20, 'at most 20 subjects').default([]),
  channel: channelSchema.default('web'),
  allegations: z
    .array(
      allegationSchema,
      { error: (iss) => (iss.input === undefined ? 'allegations is required: at least one allegation' : 'allegations must be a list') },
    )
    .min(1, 'at least one allegation is required')
    .max(20, 'at most 20 allegations'),
  flags: z
    .object({
      deathOrSeriousInjury: z.boolean().optional(),
      complainantWantsSch3: z.boolean().optional(),
    })
    .default({}),
});
export type ComplaintForm = z.infer<typeof complaintFormSchema>;

/** Front-line path (§3.2.2): the same form, plus what happened at first contact. */
export const firstContactFormSchema = complaintFormSchema.extend({
  firstContact: z.object(
    {
      resolved: z.boolean({ error: (iss) => (iss.input === undefined ? 'resolved is required' : 'resolved must be true or false') }),
      summary: optionalText('summary', 5_000),
    },
    { error: required('firstContact') },
  ),
});
export type FirstContactForm = z.infer<typeof firstContactFormSchema>;

