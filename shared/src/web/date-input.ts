// A GOV.UK date input (three boxes: <name>-day, <name>-month, <name>-year) read as an ISO date.
// What the boxes hold is checked the way the Design System says (missing parts, not a real
// date); whether the date itself is acceptable (e.g. not in the future) is left to the schema
// that validates the ISO date, so the page and the JSON API say the same about it.

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DateInputResult =
  /** Nothing typed: the schema's own "required" message applies. */
  | { kind: 'blank' }
  | { kind: 'date'; iso: string }
  /** The boxes do not make a date: `message` says what is wrong, `part` which box to go to. */
  | { kind: 'invalid'; message: string; part: keyof DateParts };

const clean = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The three boxes' values as typed (for showing the form again). */
export function datePartsOf(body: Record<string, unknown>, name: string): DateParts {
  return { day: clean(body[`${name}-day`]), month: clean(body[`${name}-month`]), year: clean(body[`${name}-year`]) };
}

/** `label` names the date in messages, e.g. "The date it happened". */
export function readDateInput(parts: DateParts, label: string): DateInputResult {
  const { day, month, year } = parts;
  if (!day && !month && !year) return { kind: 'blank' };
  const missing = (['day', 'month', 'year'] as const).filter((p) => !parts[p]);
  if (missing.length) {
    const words = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
    return { kind: 'invalid', message: `${label} must include a ${words}`, part: missing[0]! };
  }
  if (!/^\d{4}$/.test(year)) return { kind: 'invalid', message: 'Year must include 4 numbers', part: 'year' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month)) return { kind: 'invalid', message: `${label} must be a real date`, part: /^\d{1,2}$/.test(day) ? 'month' : 'day' };
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const at = new Date(Date.UTC(y, m - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) {
    return { kind: 'invalid', message: `${label} must be a real date`, part: m < 1 || m > 12 ? 'month' : 'day' };
  }
  return { kind: 'date', iso: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` };
}
