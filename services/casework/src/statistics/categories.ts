// Allegations by category (DOMAIN.md "Statistics and their counting rules"): the allegations of
// the complaint cases logged in the period, each under its one category, per code list (legacy
// pre-2020 codes are reported as they were coded, never mixed into the current list's).
import { percent } from '@probity/shared/domain/measures';
import { casesLoggedIn } from './logging';
import type { Period } from './period';
import type { StatisticsRecord } from './record';

export interface CategoryCount {
  codeListVersion: string;
  category: string;
  allegations: number;
  /** % of the period's allegations */
  percent: number | null;
}

/** Most allegations first; ties by code list, then category code. */
export function allegationsByCategory(r: StatisticsRecord, p: Period): CategoryCount[] {
  const ids = new Set(casesLoggedIn(r, p).map((c) => c.id));
  const counts = new Map<string, { codeListVersion: string; category: string; allegations: number }>();
  let total = 0;
  for (const a of r.allegations) {
    if (!ids.has(a.caseId)) continue;
    total++;
    const key = `${a.codeListVersion}\u0000${a.category}`;
    const c = counts.get(key) ?? { codeListVersion: a.codeListVersion, category: a.category, allegations: 0 };
    c.allegations++;
    counts.set(key, c);
  }
  return sortCategories([...counts.values()].map((c) => ({ ...c, percent: percent(c.allegations, total) })));
}

export const sortCategories = <T extends { codeListVersion: string; category: string; allegations: number }>(rows: T[]): T[] =>
  rows.sort((a, b) => b.allegations - a.allegations || a.codeListVersion.localeCompare(b.codeListVersion) || a.category.localeCompare(b.category));
