import { describe, expect, it } from 'vitest';
import { FIXTURE, Q2_2025, Q2_2026 } from './fixture';
import { reviewsByBody } from './reviews';

describe('reviews by review body', () => {
  it('counts reviews received in the period and the % of decisions upheld', () => {
    // Local policing body: received C9 (10 Apr) and C11 (1 June) = 2; decided C9 (20 May, upheld) = 1; upheld 1/1 = 100%.
    // IOPC: C10 applied on 25 March (Q1), so not received here; decided 15 April, not upheld: 0/1 = 0%.
    expect(reviewsByBody(FIXTURE, Q2_2026)).toEqual([
      { body: 'local-policing-body', received: 2, decided: 1, upheld: 1, percentUpheld: 100 },
      { body: 'iopc', received: 0, decided: 1, upheld: 0, percentUpheld: 0 },
    ]);
    expect(reviewsByBody(FIXTURE, Q2_2025)).toEqual([
      { body: 'local-policing-body', received: 0, decided: 0, upheld: 0, percentUpheld: null },
      { body: 'iopc', received: 0, decided: 0, upheld: 0, percentUpheld: null },
    ]);
  });
});
