import { describe, expect, it } from 'vitest';
import { canHandleOutsideSchedule3, canResolveAtFirstContact } from './first-contact';

describe('first contact only where the law allows it (Sch 3; §3.2.2)', () => {
  it('lets a service complaint be resolved at first contact', () => {
    expect(canResolveAtFirstContact({ allegations: [{ id: 'A1', category: 'delivery-of-duties-and-service', subCategory: 'information' }] })).toEqual({ allowed: true });
  });

  it('refuses abuse of position for a sexual purpose, naming the mandatory referral and the allegation', () => {
    const p = canResolveAtFirstContact({ allegations: [{ id: 'A1', category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose' }] });
    expect(p.allowed).toBe(false);
    if (!p.allowed) {
      expect(p.reason).toMatch(/cannot be resolved at first contact/);
      expect(p.reason).toMatch(/mandatory IOPC referral category \[allegations A1\]/);
      expect(p.reason).toMatch(/Police Reform Act 2002 Sch 3/);
    }
  });

  it('refuses when the complainant wants it recorded, or it alleges death or serious injury, a crime, or an ECHR 2/3 breach', () => {
    const base = { id: 'A1', category: 'other' as const };
    for (const complaint of [
      { allegations: [base], complainantWantsSch3: true },
      { allegations: [{ ...base, deathOrSeriousInjury: true }] },
      { allegations: [{ ...base, possibleCriminalOffence: true }] },
      { allegations: [{ ...base, justifiesDisciplinaryProceedings: true }] },
      { allegations: [{ ...base, infringesEchrArticle2or3: true }] },
    ]) {
      expect(canResolveAtFirstContact(complaint).allowed).toBe(false);
      expect(canHandleOutsideSchedule3(complaint).allowed).toBe(false);
    }
  });

  it('does not count the appropriate authority’s own choice as a bar to first contact', () => {
    expect(canResolveAtFirstContact({ allegations: [{ id: 'A1', category: 'other' }], psdChoosesSch3: true })).toEqual({ allowed: true });
  });
});
