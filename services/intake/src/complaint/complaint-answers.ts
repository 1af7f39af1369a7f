// The complaint form's answers as the question pages collect them (kept in the server-side
// session, never in a URL), checked page by page with the parts of the complaint form schema
// the JSON API validates with, and turned into that API's body when the complainant sends it.
import { z } from 'zod';
import { allegationSchema, complaintFormSchema, complainantSchema, incidentSchema, subjectSchema, type ComplaintForm } from '@probity/shared/complaint/complaint-form';
import { equalitySchema } from '@probity/shared/complaint/record-fields';
import { fieldIssues, type FieldIssue } from '@probity/shared/http/errors';
import { datePartsOf, readDateInput, type DateParts } from '@probity/shared/web/date-input';
import { formErrors, fieldId, type FormErrors } from '@probity/shared/web/form-errors';
import { allegationChoice } from './allegation-choices';

/** A form's fields as typed: what the page shows again. */
export type Values = Record<string, string>;

export interface YourDetails extends Values {
  name: string;
  email: string;
  phone: string;
  address: string;
  preferredContact: string;
}

export interface WhatHappened extends Values {
  what: string;
  'when-day': string;
  'when-month': string;
  'when-year': string;
  where: string;
  /** 'yes' | 'no' | '' : did anyone die or suffer a serious injury */
  hurt: string;
}

export interface AllegationAnswer extends Values {
  /** One of ALLEGATION_CHOICES' ids (allegation-choices.ts): it stands for a category and sub-category. */
  choice: string;
  description: string;
}

export interface PersonAnswer extends Values {
  description: string;
}

export interface WhatYouWant extends Values {
  outcomeWanted: string;
  /** 'yes' | 'no' | 'not-sure' | '' : record it formally (under Schedule 3)? */
  formal: string;
}

/** Equality monitoring, every question optional (record-fields.ts equalitySchema): '' is not answered. */
export const ABOUT_YOU_FIELDS = ['ageBand', 'sex', 'genderIdentitySameAsAtBirth', 'ethnicity', 'disability', 'religion', 'sexualOrientation'] as const;
export type AboutYou = Record<(typeof ABOUT_YOU_FIELDS)[number], string>;

/** The page's questions, in order, with their answers (the schema's values) in words. */
const QUESTION_TEXT: Record<(typeof ABOUT_YOU_FIELDS)[number], string> = {
  ageBand: 'What is your age?',
  sex: 'What is your sex?',
  genderIdentitySameAsAtBirth: 'Is the gender you identify with the same as your sex registered at birth?',
  ethnicity: 'What is your ethnic group?',
  disability: 'Do you have a physical or mental health condition or illness lasting, or expected to last, 12 months or more?',
  religion: 'What is your religion?',
  sexualOrientation: 'Which of the following best describes your sexual orientation?',
};
const ANSWER_TEXT: Record<string, string> = {
  'under-18': 'Under 18', '65-plus': '65 or over', 'prefer-not-to-say': 'Prefer not to say', 'black-black-british-caribbean-or-african': 'Black, Black British, Caribbean or African',
  'asian-or-asian-british': 'Asian or Asian British', 'mixed-or-multiple': 'Mixed or multiple ethnic groups', 'other-ethnic-group': 'Another ethnic group',
  'straight-or-heterosexual': 'Straight or heterosexual', 'gay-or-lesbian': 'Gay or lesbian', 'no-religion': 'No religion',
};
const inWords = (v: string) => ANSWER_TEXT[v] ?? (/^\d+-\d+$/.test(v) ? v.replace('-', ' to ') : v.charAt(0).toUpperCase() + v.slice(1).replace(/-/g, ' '));
const equalityShape = (equalitySchema.unwrap() as unknown as z.ZodObject<Record<string, z.ZodOptional<z.ZodEnum>>>).shape;
export const ABOUT_YOU_QUESTIONS = ABOUT_YOU_FIELDS.map((name) => ({
  name,
  legend: `${QUESTION_TEXT[name]} (optional)`,
  answers: (equalityShape[name]!.unwrap().options as string[]).map((value) => ({ value, text: inWords(value) })),
}));
/** An answer in the page's words ('' when not answered). */
export const aboutYouText = (field: string, value: string | undefined) => (value ? inWords(value) : '');

export interface ComplaintAnswers {
  yourDetails?: YourDetails;
  whatHappened?: WhatHappened;
  allegations: AllegationAnswer[];
  people: PersonAnswer[];
  /** The complainant said there is no one (more) to add. */
  peopleDone?: boolean;
  whatYouWant?: WhatYouWant;
  aboutYou?: AboutYou;
}

export const noAnswers = (): ComplaintAnswers => ({ allegations: [], people: [] });

const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** Blank answers are absent ones: the schema's "required" messages then apply. */
const given = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v : undefined);
const yesNo = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : undefined);

function pick<K extends string>(body: Record<string, unknown>, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, str(body[k])])) as Record<K, string>;
}

export type PageResult<V extends Values> = { ok: true; values: V } | { ok: false; values: V; errors: FormErrors };

/** Issues from a schema, their field paths under `prefix` (e.g. 'complainant'). */
function issuesOf(schema: z.ZodType, input: unknown, prefix?: string): FieldIssue[] {
  const parsed = schema.safeParse(input);
  if (parsed.success) return [];
  return fieldIssues(parsed.error).map((i) => ({ ...i, field: !prefix ? i.field : i.field === '(body)' ? prefix : `${prefix}.${i.field}` }));
}

function result<V extends Values>(values: V, issues: FieldIssue[], idOf?: (field: string) => string): PageResult<V> {
  return issues.length ? { ok: false, values, errors: formErrors(issues, { idOf }) } : { ok: true, values };
}

// ── The question pages ──────────────────────────────────────────────────────────────────────

const complainantOf = (v: YourDetails) => ({
  name: given(v.name),
  email: given(v.email),
  phone: given(v.phone),
  address: given(v.address),
  preferredContact: given(v.preferredContact),
});

/** "Your details": name, contact details and how to be contacted. */
export function readYourDetails(body: Record<string, unknown>): PageResult<YourDetails> {
  const values = pick(body, ['name', 'email', 'phone', 'address', 'preferredContact']);
  // "No way to contact you" (the whole complainant) is shown at the first contact detail.
  const idOf = (field: string) => (field === 'complainant' ? 'complainant-email' : fieldId(field));
  return result(values, issuesOf(complainantSchema, complainantOf(values), 'complainant'), idOf);
}

const WHEN_LABEL = 'The date it happened';

function whenOf(v: WhatHappened): { iso?: string; issue?: FieldIssue & { part: keyof DateParts } } {
  const read = readDateInput({ day: v['when-day'], month: v['when-month'], year: v['when-year'] }, WHEN_LABEL);
  if (read.kind === 'invalid') return { issue: { field: 'incident.when', message: read.message, part: read.part } };
  return { iso: read.kind === 'date' ? read.iso : undefined };
}

const incidentOf = (v: WhatHappened, when: string | undefined) => ({ what: given(v.what), when, where: given(v.where) });

/** "What happened": the account, when (a date input), where, and whether anyone died or was seriously hurt. */
export function readWhatHappened(body: Record<string, unknown>): PageResult<WhatHappened> {
  const parts = datePartsOf(body, 'when');
  const typed = pick(body, ['what', 'where', 'hurt'] as const);
  const values: WhatHappened = { what: typed.what, where: typed.where, hurt: typed.hurt, 'when-day': parts.day, 'when-month': parts.month, 'when-year': parts.year };
  const when = whenOf(values);
  const issues = issuesOf(incidentSchema, incidentOf(values, when.iso), 'incident').filter((i) => !(when.issue && i.field === 'incident.when'));
  if (when.issue) issues.push(when.issue);
  const part = when.issue?.part ?? 'day';
  return result(values, sortLike(issues, ['incident.what', 'incident.when', 'incident.where']), (f) => (f === 'incident.when' ? `incident-when-${part}` : fieldId(f)));
}

/** The error summary lists problems in the order the fields appear on the page. */
function sortLike(issues: FieldIssue[], order: string[]): FieldIssue[] {
  const rank = (f: string) => (order.indexOf(f) === -1 ? order.length : order.indexOf(f));
  return [...issues].sort((a, b) => rank(a.field) - rank(b.field));
}

/** The API's allegation for a choice in the public's words and what they wrote. */
function allegationOf(a: AllegationAnswer) {
  const choice = allegationChoice(given(a.choice));
  return { category: choice?.category, ...(choice?.subCategory && { subCategory: choice.subCategory }), description: given(a.description) };
}

/** One thing the complaint is about: what it is closest to (the public choices) and what happened. */
export function readAllegation(body: Record<string, unknown>): PageResult<AllegationAnswer> {
  const values = pick(body, ['choice', 'description'] as const);
  return result(values, issuesOf(allegationSchema, allegationOf(values), 'allegation'), (f) => (f.startsWith('allegation.category') ? 'allegation-choice' : fieldId(f)));
}

/** One officer or member of staff, as far as the complainant can describe them. */
export function readPerson(body: Record<string, unknown>): PageResult<PersonAnswer> {
  const values = pick(body, ['description']);
  // An empty description leaves the subject with nothing in it: the schema's message, at the box.
  const issues = issuesOf(subjectSchema, { description: given(values.description) }, 'person').map((i) =>
    i.field === 'person' ? { ...i, field: 'person.description' } : i,
  );
  return result(values, issues);
}

/** "What you would like to happen", and whether to record the complaint formally (Schedule 3). */
export function readWhatYouWant(body: Record<string, unknown>): PageResult<WhatYouWant> {
  const values = pick(body, ['outcomeWanted', 'formal']);
  const schema = complaintFormSchema.pick({ outcomeWanted: true });
  return result(values, issuesOf(schema, { outcomeWanted: given(values.outcomeWanted) }));
}

/** The answers given, none when every question was left out (then nothing is stored). */
function equalityOf(v: AboutYou | undefined): Record<string, string> | undefined {
  const given_ = Object.fromEntries(Object.entries(v ?? {}).filter(([, x]) => given(x) !== undefined));
  return Object.keys(given_).length ? given_ : undefined;
}

/** "About you (optional)": equality monitoring, each question may be left out. */
export function readAboutYou(body: Record<string, unknown>): PageResult<AboutYou> {
  const values = pick(body, ABOUT_YOU_FIELDS);
  return result(values, issuesOf(equalitySchema, equalityOf(values), 'complainant.equality'), (field) => fieldId(field.replace(/^complainant\.equality\./, '')));
}

/** A yes/no question ("Do you need to add another?", "Are you sure you want to remove…?"). */
export function readYesNo<F extends string>(body: Record<string, unknown>, field: F, message: string): PageResult<Record<F, string>> {
  const answer = str(body[field]);
  const values = { [field]: answer } as Record<F, string>;
  if (answer === 'yes' || answer === 'no') return { ok: true, values };
  return { ok: false, values, errors: formErrors([{ field, message }]) };
}

// ── Sending it ──────────────────────────────────────────────────────────────────────────────

/** The JSON API's body (POST /complaints) the answers stand for. */
export function complaintBodyOf(a: ComplaintAnswers): Record<string, unknown> {
  const formal = a.whatYouWant?.formal;
  return {
    complainant: a.yourDetails ? { ...complainantOf(a.yourDetails), equality: equalityOf(a.aboutYou) } : undefined,
    incident: a.whatHappened ? incidentOf(a.whatHappened, whenOf(a.whatHappened).iso) : undefined,
    subjects: a.people.map((p) => ({ description: given(p.description) })),
    channel: 'web',
    allegations: a.allegations.map(allegationOf),
    outcomeWanted: given(a.whatYouWant?.outcomeWanted),
    flags: {
      deathOrSeriousInjury: yesNo(a.whatHappened?.hurt),
      complainantWantsSch3: yesNo(formal),
    },
  };
}

/** The page where each field of the complaint form is answered. */
export function pageOfField(field: string): string {
  if (field.startsWith('complainant.equality')) return '/complaint/about-you';
  if (field.startsWith('complainant')) return '/complaint/your-details';
  if (field.startsWith('incident')) return '/complaint/what-happened';
  if (field.startsWith('allegations')) return '/complaint/allegations';
  if (field.startsWith('subjects')) return '/complaint/people';
  return '/complaint/what-you-want';
}

/**
 * The whole complaint, validated by the JSON API's schema before it is sent. A problem left
 * (a page skipped) links to the page that answers it.
 */
export function readComplaint(a: ComplaintAnswers): { ok: true; form: ComplaintForm } | { ok: false; errors: FormErrors } {
  const parsed = complaintFormSchema.safeParse(complaintBodyOf(a));
  if (parsed.success) return { ok: true, form: parsed.data };
  const issues = fieldIssues(parsed.error);
  const when = a.whatHappened && whenOf(a.whatHappened).issue;
  const seen = new Set<string>();
  const summary = issues
    .map((i) => (when && i.field === 'incident.when' ? when : i))
    .filter((i) => !seen.has(i.field) && Boolean(seen.add(i.field)))
    .map((i) => ({ text: i.message, href: pageOfField(i.field) }));
  return { ok: false, errors: { summary, fields: {} } };
}
