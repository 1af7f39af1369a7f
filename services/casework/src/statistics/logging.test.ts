import { describe, expect, it } from 'vitest';
import { FIXTURE, Q2_2025, Q2_2026 } from './fixture';
import { allegationsLogged, averageWorkingDaysToFirstContact, averageWorkingDaysToLog, casesLogged, loggedUnderSchedule3 } from './logging';

// Q2 2026 (1 April – 30 June): logged in London in the quarter are C1 (7 Apr), C2 (1 May) and C3
// (15 Apr). Not C4 (00:30 on 1 July in London), not C5 (a conduct matter), not C9–C13 (Q1).
// Q2 2025: C8 only (22 Apr 2025).
describe('cases and allegations logged', () => {
  it('counts complaint cases logged in the period, by London date', () => {
    expect(casesLogged(FIXTURE, Q2_2026)).toBe(3); // C1 + C2 + C3
    expect(casesLogged(FIXTURE, Q2_2025)).toBe(1); // C8
  });

  it('counts the allegations of those cases', () => {
    expect(allegationsLogged(FIXTURE, Q2_2026)).toBe(5); // C1: 1 + C2: 3 + C3: 1
    expect(allegationsLogged(FIXTURE, Q2_2025)).toBe(2); // C8: 2
  });

  it('averages working days received → logged across bank holidays', () => {
    // C1: Thu 2 Apr → Tue 7 Apr (Good Friday 3, weekend, Easter Monday 6 skipped) = 1
    // C2: Fri 1 May 11:00 → 15:00 the same day = 0
    // C3: Mon 13 Apr → Wed 15 Apr = 2 (14, 15)
    // (1 + 0 + 2) / 3 = 1
    expect(averageWorkingDaysToLog(FIXTURE, Q2_2026)).toBe(1);
    // C8: Thu 17 Apr 2025 → Tue 22 Apr 2025 (Good Friday 18, Easter Monday 21 skipped) = 1
    expect(averageWorkingDaysToLog(FIXTURE, Q2_2025)).toBe(1);
  });

  it('averages working days received → first contact over the cases contacted', () => {
    // C1: Thu 2 Apr → Wed 8 Apr = 2 (7, 8); C2: Fri 1 May → Tue 5 May (Mon 4 May bank holiday) = 1;
    // C3 not contacted yet: left out, not counted as 0. (2 + 1) / 2 = 1.5
    expect(averageWorkingDaysToFirstContact(FIXTURE, Q2_2026)).toBe(1.5);
    // C8: Thu 17 Apr 2025 → Wed 23 Apr 2025 = 2 (22, 23)
    expect(averageWorkingDaysToFirstContact(FIXTURE, Q2_2025)).toBe(2);
  });

  it('gives the % logged under Schedule 3 and its reasons', () => {
    const q2 = loggedUnderSchedule3(FIXTURE, Q2_2026);
    // C2 and C3 are under Schedule 3: 2 of 3 = 66.67%
    expect(q2.cases).toBe(2);
    expect(q2.percent).toBeCloseTo(66.667, 2);
    // C2: complainant wishes + appropriate authority decides; C3: dissatisfied after initial handling.
    // Each is 1 of the 2 Schedule 3 cases = 50%; C6's mandatory referral was logged in 2025, not here.
    expect(q2.byReason).toEqual([
      { reason: 'complainant-wishes', cases: 1, percent: 50 },
      { reason: 'dissatisfied-after-initial-handling', cases: 1, percent: 50 },
      { reason: 'appropriate-authority-decides', cases: 1, percent: 50 },
      { reason: 'mandatory-referral', cases: 0, percent: 0 },
    ]);
    // Q2 2025: C8 is outside Schedule 3: 0 of 1 = 0%, and no reason has a share of nothing.
    const q2LastYear = loggedUnderSchedule3(FIXTURE, Q2_2025);
    expect(q2LastYear).toMatchObject({ cases: 0, percent: 0 });
    expect(q2LastYear.byReason.every((r) => r.cases === 0 && r.percent === null)).toBe(true);
  });
});
