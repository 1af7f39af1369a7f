import { describe, expect, it } from 'vitest';
import { FIXTURE, Q2_2025, Q2_2026 } from './fixture';
import { investigationsOpenBeyond12Months, investigationsOpenBeyond12MonthsList } from './long-running';

describe('investigations open beyond 12 months', () => {
  it('counts investigations recorded 12 months or more before the period ends and not finalised by then', () => {
    // At 30 June 2026 the line is 30 June 2025. C6 (directed investigation, recorded 10 Mar 2025, open) counts;
    // C7 (recorded 15 July 2025) is under 12 months; C2 (local investigation, May 2026) too; C3 is not an investigation.
    expect(investigationsOpenBeyond12MonthsList(FIXTURE, Q2_2026).map((c) => c.id)).toEqual(['c6']);
    // At 30 June 2025 the line is 30 June 2024: C6 had been open under four months.
    expect(investigationsOpenBeyond12Months(FIXTURE, Q2_2025)).toBe(0);
  });

  it('stops counting an investigation once it is finalised, but not before the period ends', () => {
    const finalisedInJuly = { ...FIXTURE, cases: FIXTURE.cases.map((c) => (c.id === 'c6' ? { ...c, finalisedAt: new Date('2026-07-10T10:00:00Z') } : c)) };
    expect(investigationsOpenBeyond12Months(finalisedInJuly, Q2_2026)).toBe(1); // still open on 30 June
    const finalisedInJune = { ...FIXTURE, cases: FIXTURE.cases.map((c) => (c.id === 'c6' ? { ...c, finalisedAt: new Date('2026-06-10T10:00:00Z') } : c)) };
    expect(investigationsOpenBeyond12Months(finalisedInJune, Q2_2026)).toBe(0);
  });
});
