import { describe, expect, it } from 'vitest';
import { DEFAULT_PUBLICATION_PERIOD_DAYS, isShownOn, publicationDecision, publicationPeriod } from './publication';

describe('which misconduct outcomes are published (DOMAIN.md "Publication")', () => {
  const hearing = { form: 'misconduct-hearing', finding: 'gross-misconduct', publish: true };
  it('publishes a hearing or an accelerated hearing that found misconduct or gross misconduct', () => {
    expect(publicationDecision(hearing)).toEqual({ publish: true });
    expect(publicationDecision({ ...hearing, form: 'accelerated-hearing' })).toEqual({ publish: true });
    expect(publicationDecision({ ...hearing, finding: 'misconduct' })).toEqual({ publish: true });
  });
  it('never publishes a meeting, reflective practice or a finding not proven, and says why', () => {
    expect(publicationDecision({ ...hearing, form: 'misconduct-meeting' })).toEqual({ publish: false, because: expect.stringMatching(/misconduct meeting is not published: only misconduct hearings are/) });
    expect(publicationDecision({ ...hearing, finding: 'practice-requiring-improvement' })).toEqual({ publish: false, because: expect.stringMatching(/reflective practice never is, §3\.3\.9/) });
    expect(publicationDecision({ ...hearing, finding: 'not-proven' })).toMatchObject({ publish: false });
  });
  it('respects the appropriate authority deciding not to publish, and an overturned finding', () => {
    expect(publicationDecision({ ...hearing, publish: false })).toEqual({ publish: false, because: expect.stringMatching(/decided that the outcome is not to be published/) });
    expect(publicationDecision({ ...hearing, appealResult: 'finding-overturned' })).toEqual({ publish: false, because: 'the finding was overturned on appeal' });
  });
});

describe('the publication period', () => {
  it('is 28 days by default: shown on the 28 days from publishFrom, withdrawn on the 29th', () => {
    const p = publicationPeriod('2026-03-02', DEFAULT_PUBLICATION_PERIOD_DAYS);
    // 2 March + 28 days = 30 March (March has 31 days): shown 2–29 March, withdrawn on 30 March.
    expect(p).toEqual({ publishFrom: '2026-03-02', withdrawOn: '2026-03-30' });
    expect(isShownOn(p, '2026-03-01')).toBe(false);
    expect(isShownOn(p, '2026-03-02')).toBe(true);
    expect(isShownOn(p, '2026-03-29')).toBe(true);
    expect(isShownOn(p, '2026-03-30')).toBe(false);
  });
  it('crosses a month and year end and refuses a period that is not a whole positive number of days', () => {
    expect(publicationPeriod('2026-12-20', 14).withdrawOn).toBe('2027-01-03');
    expect(() => publicationPeriod('2026-12-20', 0)).toThrow(/at least 1/);
    expect(() => publicationPeriod('2026-12-20', 1.5)).toThrow(/whole number/);
  });
});
