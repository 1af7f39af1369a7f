// Validation errors on a page, GOV.UK style: an error summary linking to each field, and the same
// message beside the field. The messages come from the zod schema that validates the form —
// the same schema the JSON API uses — so a page says what the API would say.
import type { z } from 'zod';
import { fieldIssues, type FieldIssue } from '../http/errors';

export interface FormErrors {
  summary: { text: string; href: string }[];
  /** By dotted field path, e.g. 'complainant.email'. */
  fields: Record<string, { text: string }>;
}

/** The HTML id of a field's input: 'complainant.email' → 'complainant-email'. */
export const fieldId = (field: string) => field.replace(/[^A-Za-z0-9_-]+/g, '-');

export function formErrors(issues: FieldIssue[], opts: { idOf?: (field: string) => string } = {}): FormErrors {
  const idOf = opts.idOf ?? fieldId;
  const errors: FormErrors = { summary: [], fields: {} };
  for (const { field, message } of issues) {
    if (errors.fields[field]) continue;
    errors.fields[field] = { text: message };
    errors.summary.push({ text: message, href: `#${idOf(field)}` });
  }
  return errors;
}

/** A single problem with no field of its own (e.g. a workflow's refusal), shown in the summary. */
export const pageError = (text: string, href = '#main-content'): FormErrors => ({ summary: [{ text: text.charAt(0).toUpperCase() + text.slice(1), href }], fields: {} });

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

/**
 * Validates a form with its schema; `errorMap` gives messages for issues the schema leaves to
 * zod's defaults (the schema's own messages always win).
 */
export function parseForm<T>(schema: z.ZodType<T>, input: unknown, opts: { errorMap?: z.core.$ZodErrorMap; prefix?: string } = {}): FormResult<T> {
  const parsed = opts.errorMap ? schema.safeParse(input, { error: opts.errorMap }) : schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = fieldIssues(parsed.error).map((i) => ({ ...i, field: opts.prefix && i.field === '(body)' ? opts.prefix : opts.prefix ? `${opts.prefix}.${i.field}` : i.field }));
  return { ok: false, errors: formErrors(issues) };
}
