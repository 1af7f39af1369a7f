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

const required = (message: string) => (issue: { input: unknown }) => (issue.input === undefined ? message : undefined);

// Messages are written for whoever reads them: a member of the public on the complaint pages, a
// front-line officer recording a complaint, a developer calling the JSON API (whose answer also
// names the field by its path). So they say what to do, in plain words.
const fewer = (n: number) => n.toLocaleString('en-GB');

interface TextRules {
  /** When the value is missing or blank, e.g. "Enter where it happened". */
  missing: string;
  /** The thing as a sentence's subject, e.g. "Where it happened". */
  subject: string;
  max: number;
  min?: number;
  /** When it is shorter than `min`. */
  tooShort?: string;
}

const text = (r: TextRules) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? r.missing : `${r.subject} must be text`) })
    .trim()
    .min(r.min ?? 1, r.min && r.min > 1 ? (r.tooShort ?? r.missing) : r.missing)
    .max(r.max, `${r.subject} must be ${fewer(r.max)} characters or fewer`);

export const CONTACT_METHODS = ['email', 'phone', 'post'] as const;

export const preferredContactSchema = z.enum(CONTACT_METHODS, {
  error: () => 'Select how to be contacted: email, phone or post',
});

const PHONE = /^\+?[0-9][0-9 ()-]{4,28}[0-9]$/;

/** What a missing preferred contact detail is called, by method. */
const CONTACT_DETAIL = {
  email: { field: 'email', missing: 'Enter an email address, or choose another way to be contacted' },
  phone: { field: 'phone', missing: 'Enter a telephone number, or choose another way to be contacted' },
  post: { field: 'address', missing: 'Enter a postal address, or choose another way to be contacted' },
} as const;

const CONTACT_FIELDS = new Set(['email', 'phone', 'address', 'preferredContact']);

export const complainantSchema = z
  .object(
    {
      name: text({ missing: 'Enter a full name', subject: 'The name', max: 200 }),
      email: z
        .email('Enter an email address in the correct format, like name@example.com')
        .max(254, 'The email address must be 254 characters or fewer')
        .optional(),
      phone: z
        .string({ error: 'The telephone number must be text' })
        .trim()
        .regex(PHONE, 'Enter a telephone number, like 01632 960 001 or +44 808 157 0192')
        .optional(),
      address: text({ missing: 'Enter a postal address', subject: 'The address', max: 500 }).optional(),
      preferredContact: preferredContactSchema,
      ...complainantRoleFields,
      equality: equalitySchema,
    },
    { error: required('Give the complainant: a name, a way to be contacted and how to be contacted') },
  )
  .superRefine((c, ctx) => {
    checkComplainantRole(c, ctx);
    if (c.email === undefined && c.phone === undefined && c.address === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'Give at least one way to be contacted: an email address, a telephone number or a postal address' });
      return;
    }
    const needed = CONTACT_DETAIL[c.preferredContact];
    if (c[needed.field] === undefined) ctx.addIssue({ code: 'custom', path: [needed.field], message: needed.missing });
  }, {
    // Also when the name is wrong, so every problem is told at once; not when the contact details themselves are.
    when: (payload) => payload.issues.every((i) => i.path !== undefined && i.path.length > 0 && !CONTACT_FIELDS.has(String(i.path[0]))),
  });

/** 'YYYY-MM-DD', or an ISO timestamp with a zone. */
const incidentWhenSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: (iss) =>
    iss.input === undefined
      ? 'Enter the date it happened'
      : 'Enter the date it happened as an ISO date (2026-03-01) or a date-time with a zone (2026-03-01T14:30:00Z)',
});

/** True when an incident date or date-time lies in the future (a date-only value of today is fine). */
export function isInFuture(when: string, now: Date = new Date()): boolean {
  if (when.length === 10) return when > londonDateOf(now.getTime());
  return Date.parse(when) > now.getTime() + CLOCK_SKEW_MS;
}

export const incidentSchema = z.object(
  {
    what: text({ missing: 'Describe what happened', subject: 'What happened', min: 10, tooShort: 'Describe what happened in at least 10 characters', max: 10_000 }),
    when: incidentWhenSchema.refine((when) => !isInFuture(when), 'The date it happened must be today or in the past'),
    where: text({ missing: 'Enter where it happened', subject: 'Where it happened', max: 1_000 }),
  },
  { error: required('Give the incident: what happened, when and where') },
);

const optionalSubjectText = (subject: string, max: number) => text({ missing: `${subject} must not be blank`, subject, max }).optional();

/** An officer or member of staff involved, as far as the complainant knows. */
export const subjectSchema = z
  .object({
    description: optionalSubjectText('The description', 2_000),
    personId: optionalSubjectText('The person id', 100),
    team: optionalSubjectText('The team', 100),
    division: optionalSubjectText('The division', 100),
    kind: subjectKindSchema,
  })
  .refine((s) => Object.values(s).some((v) => v !== undefined), {
    message: 'Describe the officer or member of staff (a name, a collar number or what they looked like), or give their team or division',
  });

/** One allegation; each has exactly one category and sub-category of the IOPC code list (allegation-codes.ts). */
export const allegationSchema = z
  .object({
    category: z.enum(allegationCategorySchema.options, {
      error: (iss) => (iss.input === undefined ? 'Select what this part of the complaint is about' : 'Select what this part of the complaint is about from the list of categories'),
    }),
    subCategory: subCategorySchema,
    factors: factorsSchema,
    description: text({ missing: 'Describe this part of the complaint', subject: 'The description', max: 5_000 }),
  })
  .superRefine(checkAllegationCode);

export const complaintFormSchema = z.object({
  complainant: complainantSchema,
  /** Everyone else making the complaint with the first complainant, each with their role. */
  otherComplainants: z.array(complainantSchema, { error: 'otherComplainants must be a list' }).max(10, 'at most 10 other complainants').default([]),
  incident: incidentSchema,
  subjects: z.array(subjectSchema, { error: 'subjects must be a list' }).max(20, 'Add at most 20 officers or members of staff').default([]),
  channel: channelSchema.default('web'),
  allegations: z
    .array(allegationSchema, {
      error: (iss) => (iss.input === undefined ? 'Add at least one thing the complaint is about (an allegation)' : 'allegations must be a list'),
    })
    .min(1, 'Add at least one thing the complaint is about (an allegation)')
    .max(20, 'Add at most 20 things the complaint is about (allegations)'),
  /** What the complainant would like to happen as a result (IOPC guidance asks it of every complainant). */
  outcomeWanted: text({ missing: 'Say what you would like to happen, or leave it blank', subject: 'What you would like to happen', max: 5_000 }).optional(),
  flags: z
    .object({
      deathOrSeriousInjury: z.boolean({ error: 'Say whether anyone died or was seriously injured: true or false' }).optional(),
      complainantWantsSch3: z.boolean({ error: 'Say whether the complaint should be formally recorded: true or false' }).optional(),
    })
    .default({}),
});
export type ComplaintForm = z.infer<typeof complaintFormSchema>;

/** Front-line path (§3.2.2): the same form, plus what happened at first contact. */
export const firstContactFormSchema = complaintFormSchema.extend({
  firstContact: z.object(
    {
      resolved: z.boolean({ error: (iss) => (iss.input === undefined ? 'Say whether it was resolved at first contact' : 'resolved must be true or false') }),
      summary: text({ missing: 'The summary must not be blank', subject: 'The summary', max: 5_000 }).optional(),
    },
    { error: required('Say what happened at first contact: whether it was resolved') },
  ),
});
export type FirstContactForm = z.infer<typeof firstContactFormSchema>;

