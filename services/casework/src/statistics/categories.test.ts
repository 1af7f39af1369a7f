import { describe, expect, it } from 'vitest';
import { allegationsByCategory } from './categories';
import { FIXTURE, Q2_2025, Q2_2026 } from './fixture';

describe('allegations by category', () => {
  it('counts the allegations of the cases logged in the period, each under its category', () => {
    // Q2 2026: C1 individual behaviours; C2 police powers ×2, delivery of duties; C3 discriminatory behaviour.
    // 5 allegations: police powers 2/5 = 40%, the others 1/5 = 20% each (ties by code). C4 (July) and
    // C5 (a conduct matter's standard) are not counted.
    expect(allegationsByCategory(FIXTURE, Q2_2026)).toEqual([
      { codeListVersion: 'iopc-2021-01', category: 'police-powers-policies-and-procedures', allegations: 2, percent: 40 },
      { codeListVersion: 'iopc-2021-01', category: 'delivery-of-duties-and-service', allegations: 1, percent: 20 },
      { codeListVersion: 'iopc-2021-01', category: 'discriminatory-behaviour', allegations: 1, percent: 20 },
      { codeListVersion: 'iopc-2021-01', category: 'individual-behaviours', allegations: 1, percent: 20 },
    ]);
    // Q2 2025: C8's two delivery-of-duties allegations = 100%.
    expect(allegationsByCategory(FIXTURE, Q2_2025)).toEqual([{ codeListVersion: 'iopc-2021-01', category: 'delivery-of-duties-and-service', allegations: 2, percent: 100 }]);
  });

  it('keeps legacy pre-2020 codes apart from the current list', () => {
    const legacy = { ...FIXTURE, allegations: [...FIXTURE.allegations, { caseId: 'c1', codeListVersion: 'home-office-pre-2020', category: 'B', subCategory: null }] };
    const rows = allegationsByCategory(legacy, Q2_2026);
    // 6 allegations now: the legacy one is 1/6, police powers 2/6.
    expect(rows.find((r) => r.codeListVersion === 'home-office-pre-2020')).toMatchObject({ category: 'B', allegations: 1 });
    expect(rows[0]!.percent).toBeCloseTo(33.333, 2);
  });
});
