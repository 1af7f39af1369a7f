/**
 * Lessons learnt (DOMAIN.md, PEEL: "lessons learnt are fed back to the workforce"): at a case's
 * finalisation its handler may record lessons for the organisation, each under a theme. A lesson
 * is about the organisation, never a person, so it must hold no personal data. No check can prove
 * that; this one refuses what is obviously personal, and says what it found:
 *   - any part of the name of someone in the case (its complainants, on whose behalf), as a whole
 *     word in any case, and the name of anyone in the workforce (the Person register) in full,
 *     without its title ("Ellis Ward") — a part alone would refuse ordinary words;
 *   - a title or rank followed by a capitalised word ("Mr Smith", "PC Ward", "Sgt. Jones");
 *   - email addresses, telephone numbers, UK postcodes, National Insurance numbers, vehicle
 *     registration marks, dates of birth ("DOB", "born on …"), shoulder/collar numbers ("PC 1234").
 * The text is shown to the whole workforce, so the handler is also told, on the form, to write it
 * without names or anything that would identify someone.
 */
import { z } from 'zod';

export const LESSON_THEMES = [
  'communication',
  'customer-service',
  'use-of-force',
  'stop-and-search',
  'custody',
  'policy-and-procedure',
  'training',
  'supervision',
  'record-keeping',
  'equality-and-diversity',
  'information-and-technology',
  'other',
] as const;
export type LessonTheme = (typeof LESSON_THEMES)[number];

export const lessonThemeSchema = z.enum(LESSON_THEMES, { error: `theme must be one of: ${LESSON_THEMES.join(', ')}` });

export const lessonFormSchema = z.object({
  theme: lessonThemeSchema,
  lesson: z
    .string({ error: 'Write the lesson for the organisation' })
    .trim()
    .min(20, 'Write the lesson for the organisation, in at least 20 characters')
    .max(2000, 'A lesson is at most 2,000 characters'),
});
export type LessonForm = z.infer<typeof lessonFormSchema>;

const TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'pc', 'dc', 'ps', 'ds', 'sgt', 'insp', 'di', 'ci', 'dci', 'supt', 'ch supt', 'pcso', 'officer', 'constable', 'sergeant', 'inspector'];

const PATTERNS: { what: string; re: RegExp }[] = [
  { what: 'an email address', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/ },
  { what: 'a telephone number', re: /(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b/ },
  { what: 'a postcode', re: /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/i },
  { what: 'a National Insurance number', re: /\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/i },
  { what: 'a vehicle registration', re: /\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b/ },
  { what: 'a date of birth', re: /\b(?:d\.?o\.?b\.?|date of birth|born on)\b/i },
  { what: 'a shoulder or collar number', re: /\b(?:PC|PS|DC|PCSO|collar|shoulder(?: number)?)\s*(?:no\.?\s*)?\d{2,6}\b/i },
  // The title in any case (lower, Capitalised, UPPER), the name after it capitalised.
  { what: 'a title with a name', re: new RegExp(`\\b(?:${TITLES.flatMap((t) => [t, t.charAt(0).toUpperCase() + t.slice(1), t.toUpperCase()]).map((t) => t.replace(' ', '\\s')).join('|')})\\.?\\s+[A-Z][a-z'’-]+`) },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const TITLE_WORDS = new Set(TITLES);

/** The name parts worth looking for: each word of a name, of two letters or more, without its title. */
function nameParts(names: readonly string[]): string[] {
  const parts = new Set<string>();
  for (const n of names) {
    for (const w of n.split(/\s+/)) {
      const word = w.replace(/[^\p{L}'’-]/gu, '');
      if (word.length >= 3 && !TITLE_WORDS.has(word.toLowerCase())) parts.add(word);
    }
  }
  return [...parts];
}

const wholeWord = (part: string) => new RegExp(`(?<![\\p{L}])${escape(part).replace(/\s+/g, '\\s+')}(?![\\p{L}])`, 'iu');

/** A workforce name without its title or rank: 'PC Ellis Ward' → 'Ellis Ward'. */
function withoutTitle(name: string): string {
  return name.split(/\s+/).filter((w) => !TITLE_WORDS.has(w.replace(/\.$/, '').toLowerCase())).join(' ');
}

export interface NamesToAvoid {
  /** The case's own people: complainants, whoever they act for. */
  caseNames?: readonly string[];
  /** The workforce: the Person register. */
  workforceNames?: readonly string[];
}

/**
 * What obvious personal data the text holds, in words for the refusal ("an email address", "the
 * name 'Ward'"); empty when none was found.
 */
export function personalDataIn(text: string, names: NamesToAvoid = {}): string[] {
  const found = PATTERNS.filter((p) => p.re.test(text)).map((p) => p.what);
  for (const part of nameParts(names.caseNames ?? [])) if (wholeWord(part).test(text)) found.push(`the name '${part}'`);
  for (const full of (names.workforceNames ?? []).map(withoutTitle)) {
    if (full.includes(' ') && wholeWord(full).test(text)) found.push(`the name '${full}'`);
  }
  return [...new Set(found)];
}

/** The refusal of a lesson holding personal data, naming what was found. */
export function personalDataRefusal(found: readonly string[]): string {
  return `A lesson is for the whole workforce and must not identify anyone: remove ${found.join(', ')}`;
}
