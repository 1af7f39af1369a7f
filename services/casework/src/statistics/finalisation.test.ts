import { describe, expect, it } from 'vitest';
import { WEEKENDS_ONLY } from '@probity/shared/domain/index';
import { daysUnderSchedule3, finalisedOutsideSchedule3, finalisedUnderSchedule3 } from './finalisation';
import { FIXTURE, Q2_2025, Q2_2026 } from './fixture';

describe('cases finalised outside and under Schedule 3', () => {
  it('averages working days logged → finalised outside Schedule 3', () => {
    // C1: Tue 7 Apr → Fri 24 Apr = 3 (8–10) + 5 (13–17) + 5 (20–24) = 13
    // C13: Mon 30 Mar → Wed 1 Apr = 2 (31 Mar, 1 Apr). (13 + 2) / 2 = 7.5
    expect(finalisedOutsideSchedule3(FIXTURE, Q2_2026)).toEqual({ cases: 2, averageWorkingDays: 7.5 });
    // C8: Tue 22 Apr 2025 → Tue 6 May 2025 = 3 (23–25) + 5 (28 Apr–2 May) + 0 (5 May bank holiday) + 1 (6 May) = 9
    expect(finalisedOutsideSchedule3(FIXTURE, Q2_2025)).toEqual({ cases: 1, averageWorkingDays: 9 });
  });

  it('takes out the working days suspended, across the spring bank holiday', () => {
    const c2 = FIXTURE.cases.find((c) => c.id === 'c2')!;
    // Under Schedule 3 from Mon 11 May to Fri 26 Jun: 4 (12–15 May) + 5 (18–22) + 4 (26–29; 25 May bank holiday)
    // + 20 (1–26 June) = 33. Suspended 18 May – 1 June (the day it resumed is worked): 5 + 4 = 9. 33 − 9 = 24.
    expect(daysUnderSchedule3(c2, FIXTURE)).toEqual({ including: 33, excluding: 24 });
    // With weekends only, 25 May is a working day: 34 including, 10 suspended.
    expect(daysUnderSchedule3(c2, FIXTURE, WEEKENDS_ONLY)).toEqual({ including: 34, excluding: 24 });
  });

  it('averages days under Schedule 3 including and excluding suspension', () => {
    // C2: 33 / 24 (above). C12: Mon 9 Feb → Thu 2 Apr = 4 (10–13 Feb) + 6 weeks × 5 + 2 (30–31 Mar) + 2 (1–2 Apr) = 38, never suspended.
    // Including (33 + 38) / 2 = 35.5; excluding (24 + 38) / 2 = 31. C3 is not finalised; C9–C11 were finalised in Q1.
    expect(finalisedUnderSchedule3(FIXTURE, Q2_2026)).toEqual({ cases: 2, averageWorkingDaysIncludingSuspension: 35.5, averageWorkingDaysExcludingSuspension: 31 });
    expect(finalisedUnderSchedule3(FIXTURE, Q2_2025)).toEqual({ cases: 0, averageWorkingDaysIncludingSuspension: null, averageWorkingDaysExcludingSuspension: null });
  });

  it('counts an open suspension up to the finalisation', () => {
    const open = { ...FIXTURE, suspensions: [{ caseId: 'c2', startedAt: new Date('2026-06-22T09:00:00Z'), endedAt: null }] };
    // Suspended from Mon 22 June, still open at finalisation Fri 26 June: 22–25 June = 4 (the final day is counted worked). 33 − 4 = 29.
    expect(daysUnderSchedule3(open.cases.find((c) => c.id === 'c2')!, open)).toEqual({ including: 33, excluding: 29 });
  });
});
