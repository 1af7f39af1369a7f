// Task forms: one form per task type, described as fields, turned into the payload the workflow
// validates — and validated first with the very zod schema the workflow's validator uses
// (workflows/src/*/task-rules.ts), so the page shows the same refusal the workflow would give,
// as an error summary with inline messages. The schema's own messages win; where a schema leaves
// a message to zod's default, the field's label makes it readable ("Select how it is handled").
import type { z } from 'zod';
import { formErrors, parseForm, type FormErrors, type FormResult } from '@probity/shared/web/form-errors';

export type FieldKind = 'radios' | 'checkboxes' | 'yes-no' | 'text' | 'textarea' | 'date' | 'confirm';

export interface TaskField {
  name: string;
  label: string;
  hint?: string;
  kind: FieldKind;
  options?: { value: string; text: string; hint?: string }[];
  /** For 'confirm': the checkbox's text. */
  confirmText?: string;
  /** In a repeated row's error, what is missing: 'the outcome' → "Select the outcome for allegation 2". */
  inRow?: string;
}

export interface TaskFormSpec {
  /** What the person is asked to do, e.g. "Make first contact with the complainant". */
  title: string;
  intro?: string;
  fields: TaskField[];
  /**
   * Rows of repeated fields (a development report's actions): this many blank rows are offered
   * (no JavaScript needed); rows left blank are ignored.
   */
  repeat?: {
    name: string;
    legend: string;
    rows: number;
    fields: TaskField[];
    /**
     * One row for each of these things (e.g. each allegation of the case): the row's legend and the
     * values it carries without asking (its id). Every such row is part of the payload, blank or not.
     */
    each?: { legend: string; values: Record<string, unknown> }[];
  };
}

type FormBody = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** A GOV.UK date input (name-day, name-month, name-year) as YYYY-MM-DD; blank → undefined. */
export function dateFrom(body: FormBody, name: string): string | undefined {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => text(body[`${name}-${p}`]));
  if (!d && !m && !y) return undefined;
  if (!/^\d{1,2}$/.test(d!) || !/^\d{1,2}$/.test(m!) || !/^\d{4}$/.test(y!)) return `${y}-${m}-${d}`;
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

function valueOf(field: TaskField, body: FormBody, prefix = ''): unknown {
  const key = `${prefix}${field.name}`;
  switch (field.kind) {
    case 'yes-no':
      return body[key] === 'yes' ? true : body[key] === 'no' ? false : undefined;
    case 'confirm':
      return body[key] === 'true' ? true : undefined;
    case 'date':
      return dateFrom(body, key);
    case 'checkboxes': {
      const v = body[key];
      const picked = (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(text).filter((x) => x !== '');
      return picked.length ? picked : undefined;
    }
    default: {
      const v = text(body[key]);
      return v === '' ? undefined : v;
    }
  }
}

/** The payload (or completion body) a submitted form stands for. */
export function payloadFrom(spec: TaskFormSpec, body: FormBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const v = valueOf(f, body);
    if (v !== undefined) out[f.name] = v;
  }
  if (spec.repeat) {
    const rows: Record<string, unknown>[] = [];
    const each = spec.repeat.each;
    for (let i = 0; i < (each ? each.length : spec.repeat.rows); i++) {
      const row: Record<string, unknown> = {};
      for (const f of spec.repeat.fields) {
        const v = valueOf(f, body, `${spec.repeat.name}-${i}-`);
        if (v !== undefined) row[f.name] = v;
      }
      if (each) rows.push({ ...each[i]!.values, ...row });
      else if (Object.keys(row).length) rows.push(row);
    }
    out[spec.repeat.name] = rows;
  }
  return out;
}

/** Readable messages for what the schema leaves to zod's defaults, using the fields' labels. */
export function labelledErrors(spec: TaskFormSpec): z.core.$ZodErrorMap {
  const labels = new Map<string, TaskField>([...spec.fields, ...(spec.repeat?.fields ?? [])].map((f) => [f.name, f]));
  return (issue) => {
    const name = [...(issue.path ?? [])].reverse().find((p) => typeof p === 'string');
    const field = typeof name === 'string' ? labels.get(name) : undefined;
    if (!field) return undefined;
    const label = field.label.charAt(0).toLowerCase() + field.label.slice(1);
    const chooses = field.kind === 'radios' || field.kind === 'yes-no' || field.kind === 'checkboxes';
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return chooses ? `Select ${label}` : field.kind === 'confirm' ? `Confirm: ${field.confirmText ?? label}` : `Enter ${label}`;
    }
    if (issue.code === 'invalid_value') return chooses ? `Select ${label}` : `Confirm: ${field.confirmText ?? label}`;
    if (issue.code === 'too_small') return `Enter ${label}`;
    if (issue.code === 'too_big') return `${field.label} is too long`;
    return undefined;
  };
}

/** Field paths as the page's inputs are named: actions.0.dueOn → actions-0-dueOn. */
export function validateTaskForm<T>(spec: TaskFormSpec, schema: z.ZodType<T>, payload: unknown): FormResult<T> {
  const result = parseForm(schema, payload, { errorMap: labelledErrors(spec) });
  return result.ok ? result : { ok: false, errors: rowErrorsInWords(spec, result.errors) };
}

/**
 * A repeated row's errors as GOV.UK words them, naming the row ("Select the outcome for allegation
 * 2"), instead of the schema's own wording ("outcome must be one of…"), which is for the API.
 */
export function rowErrorsInWords(spec: TaskFormSpec, errors: FormErrors): FormErrors {
  const repeat = spec.repeat;
  if (!repeat?.each) return errors;
  const issues = Object.entries(errors.fields).map(([field, { text }]) => {
    const m = new RegExp(`^${repeat.name}\\.(\\d+)\\.([A-Za-z]+)$`).exec(field);
    const f = m ? repeat.fields.find((x) => x.name === m[2]) : undefined;
    const row = m ? repeat.each?.[Number(m[1])] : undefined;
    if (!f || !row) return { field, message: text };
    const chooses = f.kind === 'radios' || f.kind === 'yes-no' || f.kind === 'checkboxes';
    const what = f.inRow ?? f.label.charAt(0).toLowerCase() + f.label.slice(1);
    const rowName = row.legend.split(':')[0]!.toLowerCase();
    return { field, message: `${chooses ? 'Select' : 'Enter'} ${what} for ${rowName}` };
  });
  return formErrors(issues);
}

/** What the form shows again after a refused submission: the values as typed. */
export const echo = (body: FormBody) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf'));
