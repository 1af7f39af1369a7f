import { describe, expect, it } from 'vitest';
import { COUNTER_CORRUPTION_TEAM, isCounterCorruptionUnit, mayWorkRestrictedCases, restrictionOf } from './restricted';

describe('restricted cases (serious corruption; PEEL)', () => {
  it('restrict abuse of position for a sexual purpose or an inappropriate emotional relationship, naming the allegations', () => {
    const r = restrictionOf([
      { id: 'A1', subCategory: 'impolite-language-or-tone' },
      { id: 'A2', subCategory: 'abuse-of-position-for-sexual-purpose' },
      { id: 'A3', subCategory: 'abuse-of-position-for-emotional-relationship' },
    ]);
    expect(r).toMatchObject({ restricted: true, reason: 'serious-corruption', allegationIds: ['A2', 'A3'] });
  });

  it('restrict anything assessed as serious corruption, and nothing else', () => {
    expect(restrictionOf([{ id: 'A1', subCategory: 'abuse-of-position-for-financial-purpose', seriousCorruption: true }]).restricted).toBe(true);
    expect(restrictionOf([{ id: 'A1', subCategory: 'abuse-of-position-for-financial-purpose' }])).toEqual({ restricted: false });
    expect(restrictionOf([{ id: 'A1' }])).toEqual({ restricted: false });
  });

  it('are for the counter-corruption unit and the head of PSD', () => {
    expect(isCounterCorruptionUnit({ team: COUNTER_CORRUPTION_TEAM })).toBe(true);
    expect(mayWorkRestrictedCases({ team: COUNTER_CORRUPTION_TEAM, role: 'psd-handler' })).toBe(true);
    expect(mayWorkRestrictedCases({ team: 'psd', role: 'head-of-psd' })).toBe(true);
    expect(mayWorkRestrictedCases({ team: 'psd', role: 'psd-manager' })).toBe(false);
    expect(mayWorkRestrictedCases({ team: 'psd', role: 'psd-handler' })).toBe(false);
  });
});
